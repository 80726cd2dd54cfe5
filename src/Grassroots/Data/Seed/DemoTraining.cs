using System.Security.Cryptography;
using Grassroots.Common;
using Grassroots.Features.People;
using Grassroots.Features.Training;
using Grassroots.Features.Training.Certificates;
using Grassroots.Features.Training.Enrolments;
using Grassroots.Features.Training.Targeting;
using Grassroots.Features.Units;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Data.Seed;

internal sealed record DemoTrainingResult(int Courses, int Enrolments, int Certificates);

/// <summary>
/// Synthetic training for the demo province, reproducing the source articles' cases on its own registry: the province's
/// plan for 2026 (adopted by a decision), a one-day course for every head and deputy of the province's wards (the Hai Bà
/// Trưng course: several hundred), and a course of two classes of four days with the eight topics of the Quảng Yên course
/// for party-cell secretaries who are also heads, finished, with attendance, results and numbered certificates; and the
/// Party-awareness course (Hương Khê) for the heads who are not Party members and under 60, three weeks ahead, its
/// target group saved and everyone it matches enrolled. Every choice comes from a seeded <see cref="Random"/>; the caller
/// holds the transaction and turns off per-row audit.
/// </summary>
internal sealed class DemoTraining(AppDb db)
{
    public const string Organiser = "Trường Chính trị tỉnh Phú Thọ";
    public static readonly DateOnly WardsCourseDay = new(2026, 4, 15);
    public static readonly DateOnly SecretariesStart = new(2026, 9, 7);

    public async Task<DemoTrainingResult> SaveAsync(DateOnly today, DateTime now, CancellationToken ct)
    {
        var random = new Random(DemoProvince.Seed("training"));
        var programmes = await db.Programmes.Include(p => p.Topics).Where(p => p.ProvinceCode == null).ToDictionaryAsync(p => p.Title, ct);
        var plan = new TrainingPlan
        {
            ProvinceCode = DemoProvince.ProvinceCode, Organiser = "UBND tỉnh Phú Thọ", Year = 2026, IsDemo = true, CreatedAt = now, UpdatedAt = now,
            Title = "Kế hoạch bồi dưỡng cán bộ thôn, tổ dân phố năm 2026", DecisionNumber = "297/QĐ-UBND", DecisionDate = new DateOnly(2026, 2, 18),
            DecisionIssuer = "UBND tỉnh Phú Thọ", Note = DemoProvince.Note,
        };
        db.TrainingPlans.Add(plan);

        // 1. One day for every head and deputy of the wards (tổ trưởng, tổ phó tổ dân phố).
        var wards = await db.AdminUnits.AsNoTracking()
            .Where(a => a.Level == AdminLevel.Commune && a.ProvinceCode == DemoProvince.ProvinceCode && a.ValidTo == null && a.Type == AdminUnitType.Ward)
            .Select(a => a.Id).ToListAsync(ct);
        var wardLeaders = await HoldersAsync(WardsCourseDay, [Position.UnitHead, Position.DeputyHead], t => wards.Contains(t.CommuneId), ct);
        var wardsCourse = NewCourse(plan, programmes[ProgrammeCatalog.HeadsProgramme], "Tập huấn nghiệp vụ cho tổ trưởng, tổ phó tổ dân phố các phường năm 2026",
            WardsCourseDay, WardsCourseDay, now);
        wardsCourse.Organiser = "Sở Nội vụ tỉnh Phú Thọ";
        wardsCourse.Venue = "Hội trường Trung tâm Hội nghị tỉnh";
        wardsCourse.SignerAuthority = "KT. GIÁM ĐỐC";
        wardsCourse.SignerTitle = "PHÓ GIÁM ĐỐC";
        wardsCourse.SignerName = "Hoàng Minh Tuấn";
        wardsCourse.CertificateSymbol = "GCN-SNV";
        wardsCourse.Sessions.Add(Session(WardsCourseDay, new TimeOnly(8, 0), new TimeOnly(11, 30),
            "Nhiệm vụ, quyền hạn của tổ trưởng tổ dân phố; vị trí, vai trò của tổ dân phố", "Nguyễn Thị Bích Thủy", "Vụ Tổ chức cán bộ, Bộ Nội vụ"));

        // 2. Two classes of four days for the party-cell secretaries who are also heads (nhất thể hóa), eight topics.
        var heads = await HoldersAsync(SecretariesStart, [Position.UnitHead], _ => true, ct);
        var secretaries = (await HoldersAsync(SecretariesStart, [Position.PartyCellSecretary], _ => true, ct)).Select(s => s.PersonId).ToHashSet();
        var concurrent = heads.Where(h => secretaries.Contains(h.PersonId)).OrderBy(h => h.CommuneId).ThenBy(h => h.UnitId).Take(179).ToList();
        var programme = programmes[ProgrammeCatalog.SecretariesProgramme];
        var secretariesCourse = NewCourse(plan, programme, "Lớp bồi dưỡng nghiệp vụ cho bí thư chi bộ kiêm trưởng thôn, tổ trưởng tổ dân phố năm 2026",
            SecretariesStart, SecretariesStart.AddDays(11), now);
        secretariesCourse.Capacity = 180;
        secretariesCourse.LegalBasis = "Kế hoạch số 297/QĐ-UBND ngày 18/02/2026 của UBND tỉnh Phú Thọ";
        secretariesCourse.Classes = [new CourseClass { Name = "Lớp 1", Capacity = 90 }, new CourseClass { Name = "Lớp 2", Capacity = 90 }];
        db.Courses.AddRange(wardsCourse, secretariesCourse);
        await db.SaveChangesAsync(ct);

        var topics = programme.Topics.OrderBy(t => t.Order).ToList();
        for (var k = 0; k < 2; k++)
            for (var day = 0; day < 4; day++)
                for (var half = 0; half < 2; half++)
                {
                    var topic = topics[day * 2 + half];
                    var session = Session(SecretariesStart.AddDays(k * 7 + day), half == 0 ? new TimeOnly(7, 30) : new TimeOnly(13, 30),
                        half == 0 ? new TimeOnly(11, 0) : new TimeOnly(17, 0), topic.Title, Lecturers[(day * 2 + half) % Lecturers.Length], Organiser);
                    session.TopicId = topic.Id;
                    session.ClassId = secretariesCourse.Classes[k].Id;
                    secretariesCourse.Sessions.Add(session);
                }
        await db.SaveChangesAsync(ct);

        var enrolments = new List<Enrolment>();
        enrolments.AddRange(wardLeaders.Select(h => Enrol(wardsCourse, h, null, now)));
        enrolments.AddRange(concurrent.Select((h, i) => Enrol(secretariesCourse, h, secretariesCourse.Classes[i < 90 ? 0 : 1].Id, now)));
        // Most come to every session; a few miss some (and, below the share the course asks, do not complete).
        var absences = enrolments.ToDictionary(e => e, _ => random.NextDouble() < 0.06 ? random.Next(1, 4) : 0);
        foreach (var e in enrolments)
        {
            var course = e.CourseId == wardsCourse.Id ? wardsCourse : secretariesCourse;
            var sessions = course.Sessions.Count(s => s.ClassId is null || s.ClassId == e.ClassId);
            var missed = Math.Min(absences[e], sessions);
            absences[e] = missed;
            e.Result = 100m * (sessions - missed) / sessions >= course.MinAttendancePercent ? TrainingResult.Completed : TrainingResult.NotCompleted;
        }
        await db.BulkInsertAsync(enrolments, ct);

        var attendance = new List<Attendance>();
        foreach (var e in enrolments)
        {
            var course = e.CourseId == wardsCourse.Id ? wardsCourse : secretariesCourse;
            foreach (var (s, i) in course.Sessions.Where(s => s.ClassId is null || s.ClassId == e.ClassId).Select((s, i) => (s, i)))
            {
                var status = i < absences[e] ? (random.NextDouble() < 0.5 ? AttendanceStatus.Excused : AttendanceStatus.Absent)
                    : random.NextDouble() < 0.05 ? AttendanceStatus.Late : AttendanceStatus.Present;
                attendance.Add(new Attendance
                {
                    SessionId = s.Id, EnrolmentId = e.Id, PersonId = e.PersonId, CourseProvinceCode = e.CourseProvinceCode, CourseCommuneId = e.CourseCommuneId,
                    ProvinceCode = e.ProvinceCode, CommuneId = e.CommuneId, UnitId = e.UnitId, Status = status, Method = AttendanceMethod.RollCall,
                    RecordedAt = DateTime.SpecifyKind(s.Date.ToDateTime(s.EndTime).AddHours(-7), DateTimeKind.Utc),
                });
            }
        }
        await db.BulkInsertAsync(attendance, ct);

        // Numbered certificates for those who completed the secretaries' course.
        var people = await db.People.AsNoTracking().Where(p => p.IsDemo).Select(p => new { p.Id, p.FullName, p.DateOfBirth }).ToDictionaryAsync(p => p.Id, ct);
        var certificates = enrolments.Where(e => e.CourseId == secretariesCourse.Id && e.Result == TrainingResult.Completed)
            .Select((e, i) => new Certificate
            {
                EnrolmentId = e.Id, CourseId = e.CourseId, CourseProvinceCode = e.CourseProvinceCode, ProvinceCode = e.ProvinceCode, CommuneId = e.CommuneId,
                UnitId = e.UnitId, Register = $"{DemoProvince.ProvinceCode}|{Organiser}|2026", Sequence = i + 1, Number = $"{i + 1}/GCN-TCT",
                Code = IssueCertificates.NewCode(), IssuedOn = secretariesCourse.EndDate, HolderName = people[e.PersonId!.Value].FullName,
                HolderBirthDate = people[e.PersonId.Value].DateOfBirth, CreatedAt = now,
            }).ToList();
        await db.BulkInsertAsync(certificates, ct);

        var awareness = await PartyAwarenessAsync(plan, programmes[ProgrammeCatalog.PartyAwarenessProgramme], today, now, ct);
        return new DemoTrainingResult(3, enrolments.Count + awareness, certificates.Count);
    }

    public const string PartyAwarenessTitle = "Lớp bồi dưỡng nhận thức về Đảng cho trưởng thôn, tổ trưởng tổ dân phố chưa là đảng viên";

    /// <summary>The first Monday at least three weeks after <paramref name="today"/>: the Party-awareness course's first day.</summary>
    public static DateOnly PartyAwarenessStart(DateOnly today)
    {
        var day = today.AddDays(21);
        return day.AddDays(((int)DayOfWeek.Monday - (int)day.DayOfWeek + 7) % 7);
    }

    /// <summary>
    /// The open Party-awareness course: three days, its target group (the preset "heads not Party members, under 60" as of
    /// the first day) saved, and everyone it matches in the province enrolled by that rule, as the enrol-all action would.
    /// </summary>
    private async Task<int> PartyAwarenessAsync(TrainingPlan plan, Programme programme, DateOnly today, DateTime now, CancellationToken ct)
    {
        var start = PartyAwarenessStart(today);
        var course = NewCourse(plan, programme, PartyAwarenessTitle + " năm " + start.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), start, start.AddDays(2), now);
        course.Status = CourseStatus.Open;
        course.Organiser = "Ban Tuyên giáo và Dân vận Tỉnh ủy Phú Thọ";
        course.Venue = "Trường Chính trị tỉnh Phú Thọ";
        course.CertificateSymbol = "GCN-BTGDV";
        course.SignerAuthority = "KT. TRƯỞNG BAN";
        course.SignerTitle = "PHÓ TRƯỞNG BAN";
        course.SignerName = "Bùi Thị Thanh";
        var topics = programme.Topics.OrderBy(t => t.Order).ToList();
        for (var i = 0; i < topics.Count; i++)
        {
            var session = Session(start.AddDays(i), new TimeOnly(7, 30), new TimeOnly(11, 0), topics[i].Title, Lecturers[i % Lecturers.Length], Organiser);
            session.TopicId = topics[i].Id;
            course.Sessions.Add(session);
        }
        db.Courses.Add(course);
        await db.SaveChangesAsync(ct);

        var preset = TargetPresets.Find("truong-thon-chua-dang-vien-duoi-60")!;
        var group = new TargetGroup
        {
            CourseId = course.Id, ProvinceCode = course.ProvinceCode, Name = preset.Name, Rule = preset.Rule.ToJson(), CreatedAt = now, UpdatedAt = now,
        };
        db.TargetGroups.Add(group);
        await db.SaveChangesAsync(ct);

        var place = await TargetPlace.OfAsync(db, course, ct);
        var rule = (await TargetRuleCheck.CheckAsync(db, preset.Rule, start, place, ct)).ValueOrThrow;
        var match = await TargetGroups.MatchAsync(db, rule, start, place, ct);
        course.Capacity = match.Count;
        await db.SaveChangesAsync(ct);
        var rows = match.Items.Select(m => new Enrolment
        {
            CourseId = course.Id, CourseEndDate = course.EndDate, PersonId = m.PersonId, CourseProvinceCode = course.ProvinceCode, ProvinceCode = m.ProvinceCode, CommuneId = m.CommuneId,
            UnitId = m.UnitId, Position = m.Position, Source = EnrolmentSource.Rule, TargetGroupId = group.Id, Status = EnrolmentStatus.Enrolled,
            InvitationCode = EnrolmentRules.NewInvitationCode(), CreatedAt = now, UpdatedAt = now,
        }).ToList();
        await db.BulkInsertAsync(rows, ct);
        return rows.Count;
    }

    private static readonly string[] Lecturers = ["Nguyễn Văn Bắc", "Trần Thị Hương", "Lê Đức Thọ", "Phạm Thị Lan"];

    private sealed record Holder(int TenureId, int PersonId, int UnitId, int CommuneId, Position Position);

    /// <summary>Who holds one of the posts on the date, in the demo units, by tenure.</summary>
    private async Task<List<Holder>> HoldersAsync(DateOnly date, Position[] positions, Func<Holder, bool> where, CancellationToken ct) =>
        [.. (await db.Tenures.AsNoTracking()
                .Where(t => t.Unit!.IsDemo && positions.Contains(t.Position) && t.StartDate <= date && (t.EndDate == null || t.EndDate >= date))
                .Select(t => new Holder(t.Id, t.PersonId, t.UnitId, t.Unit!.CurrentCommuneId, t.Position)).ToListAsync(ct))
            .Where(where).DistinctBy(h => h.PersonId).OrderBy(h => h.TenureId)];

    private static Course NewCourse(TrainingPlan plan, Programme programme, string title, DateOnly start, DateOnly end, DateTime now) => new()
    {
        Plan = plan, ProgrammeId = programme.Id, Title = title, Organiser = Organiser, ProvinceCode = DemoProvince.ProvinceCode, StartDate = start, EndDate = end,
        Status = CourseStatus.Finished, TermLabel = "2022-2027", FundingSource = "Ngân sách tỉnh", Venue = "Trường Chính trị tỉnh Phú Thọ",
        CertificateSymbol = "GCN-TCT", SignerAuthority = "KT. HIỆU TRƯỞNG", SignerTitle = "PHÓ HIỆU TRƯỞNG", SignerName = "Đinh Công Sơn",
        Note = DemoProvince.Note, IsDemo = true, CreatedAt = now, UpdatedAt = now,
    };

    private static CourseSession Session(DateOnly date, TimeOnly start, TimeOnly end, string topic, string lecturer, string organisation) => new()
    {
        Date = date, StartTime = start, EndTime = end, Topic = topic, Lecturer = lecturer, LecturerOrganisation = organisation, Room = "Hội trường A",
        CheckInSecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
    };

    private static Enrolment Enrol(Course course, Holder h, int? classId, DateTime now) => new()
    {
        CourseId = course.Id, CourseEndDate = course.EndDate, ClassId = classId, PersonId = h.PersonId, CourseProvinceCode = course.ProvinceCode, ProvinceCode = DemoProvince.ProvinceCode,
        CommuneId = h.CommuneId, UnitId = h.UnitId, Position = h.Position, Source = EnrolmentSource.Manual, Status = EnrolmentStatus.Enrolled,
        InvitationCode = EnrolmentRules.NewInvitationCode(), CreatedAt = now, UpdatedAt = now,
    };
}
