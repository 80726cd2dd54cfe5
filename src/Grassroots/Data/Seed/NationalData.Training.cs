using Grassroots.Common;
using Grassroots.Features.People;
using Grassroots.Features.Training;
using Grassroots.Features.Units;

namespace Grassroots.Data.Seed;

/// <summary>The training rows one province's load wrote.</summary>
public readonly record struct NationalTrainingCount(int Courses, int Enrolments, int Attendances)
{
    public static NationalTrainingCount operator +(NationalTrainingCount a, NationalTrainingCount b) =>
        new(a.Courses + b.Courses, a.Enrolments + b.Enrolments, a.Attendances + b.Attendances);
}

/// <summary>
/// Five years of training (<see cref="FirstTrainingYear"/>–<see cref="LastTrainingYear"/>) over the generated leaders
/// of one province: each year most communes hold a two-day course (four sessions) for everyone holding one of the four
/// posts in their units on its first day, about half hold a half-day conference (one session) for the heads and deputies,
/// and the province holds a four-day course (eight sessions, in classes of
/// <see cref="ClassSize"/>) for the heads (even years) or the party-cell secretaries (odd years) of about half its
/// communes. Attendance is recorded per session; the result follows the course's attendance share. At scale 1.0 about
/// 2 million enrolments and 8 million attendance rows.
/// </summary>
public sealed partial class NationalData
{
    public const int FirstTrainingYear = 2022;
    public const int LastTrainingYear = 2026;
    public const int ClassSize = 120;
    /// <summary>"Dữ liệu dân cư, chuyển đổi số …" among the heads' programme topics (zero-based).</summary>
    private const int DigitalTopic = 8;
    private static readonly Position[] CommuneCoursePosts = [Position.UnitHead, Position.DeputyHead, Position.PartyCellSecretary, Position.FrontCommitteeHead];
    private static readonly string[] Lecturers = ["Nguyễn Văn Bắc", "Trần Thị Hương", "Lê Đức Thọ", "Phạm Thị Lan", "Hoàng Văn Minh", "Đỗ Thị Thu"];

    /// <summary>The two catalogue programmes the courses follow, each with its topics in order.</summary>
    private sealed record TrainingProgrammes(Programme Heads, Programme Secretaries)
    {
        public List<ProgrammeTopic> HeadsTopics { get; } = [.. Heads.Topics.OrderBy(t => t.Order)];
        public List<ProgrammeTopic> SecretariesTopics { get; } = [.. Secretaries.Topics.OrderBy(t => t.Order)];
    }

    /// <summary>A course with its classes (one without a class for a course of one group), before any of it has ids.</summary>
    private sealed record PlannedCourse(Course Course, List<PlannedClass> Classes);

    /// <summary>A class (or the whole course), its sessions and its participants (tenures held on the course's first day).</summary>
    private sealed record PlannedClass(CourseClass? Class, List<CourseSession> Sessions, List<Tenure> Participants);

    private async Task<NationalTrainingCount> SaveTrainingAsync(string provinceCode, string provinceName, IReadOnlyList<AdminUnit> communes,
        List<(ResidentialUnit Unit, List<Tenure> Tenures)> built, TrainingProgrammes programmes, int seed, DateTime now, DateOnly today, CancellationToken ct)
    {
        var random = new Random(DemoProvince.Seed($"national {seed} training {provinceCode}"));
        var intensity = 0.8 + 0.2 * random.NextDouble(); // the share of communes that hold their course in a year
        var byCommune = built.SelectMany(b => b.Tenures).ToLookup(t => t.CommuneId);
        var planned = new List<PlannedCourse>();
        for (var year = FirstTrainingYear; year <= LastTrainingYear; year++)
        {
            // The province's course: heads in even years, party-cell secretaries in odd ones, about half the communes.
            var heads = year % 2 == 0;
            var start = Monday(new DateOnly(year, random.Next(4, 10), random.Next(1, 25)));
            var chosen = communes.Where(_ => random.NextDouble() < 0.5).ToList();
            var participants = chosen.SelectMany(c => Holders(byCommune[c.Id], [heads ? Position.UnitHead : Position.PartyCellSecretary], start)).ToList();
            if (participants.Count > 0)
            {
                var programme = heads ? programmes.Heads : programmes.Secretaries;
                var topics = heads ? programmes.HeadsTopics : programmes.SecretariesTopics;
                var title = (heads ? "Bồi dưỡng kiến thức, kỹ năng cho trưởng thôn, tổ trưởng tổ dân phố " : "Bồi dưỡng nghiệp vụ cho bí thư chi bộ thôn, tổ dân phố ")
                            + provinceName + " năm " + year.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var classCount = (participants.Count + ClassSize - 1) / ClassSize;
                // Four classes a week in parallel (at the province's school and its branches), each Monday to Thursday.
                var course = NewCourse(programme, title, "Trường Chính trị " + provinceName, provinceCode, null, start, start.AddDays(7 * ((classCount - 1) / 4) + 3), 80, now, today);
                var classes = new List<PlannedClass>();
                for (var k = 0; k < classCount; k++)
                {
                    var members = participants.Skip(k * ClassSize).Take(ClassSize).ToList();
                    var courseClass = new CourseClass { Name = "Lớp " + (k + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Capacity = ClassSize };
                    var first = start.AddDays(7 * (k / 4));
                    var sessions = Enumerable.Range(0, 8)
                        .Select(s => NewSession(random, first.AddDays(s / 2), s % 2 == 0, topics[s % topics.Count], "Trường Chính trị " + provinceName, courseClass.Name))
                        .ToList();
                    classes.Add(new PlannedClass(courseClass, sessions, members));
                }
                planned.Add(new PlannedCourse(course, classes));
            }

            // Each commune's own two-day course for every post, four topics of the heads' programme in turn.
            foreach (var commune in communes)
            {
                if (random.NextDouble() >= intensity) continue;
                var day = Monday(new DateOnly(year, random.Next(3, 11), random.Next(1, 25))).AddDays(random.Next(0, 4));
                var holders = Holders(byCommune[commune.Id], CommuneCoursePosts, day);
                if (holders.Count == 0) continue;
                var name = VietnameseText.LowerFirst(commune.AsOf(EffectiveDate).FullName);
                var organiser = "UBND " + name;
                var course = NewCourse(programmes.Heads, "Tập huấn cán bộ thôn, tổ dân phố " + name + " năm " +
                    year.ToString(System.Globalization.CultureInfo.InvariantCulture), organiser, provinceCode, commune.Id, day, day.AddDays(1), 75, now, today);
                var topics = programmes.HeadsTopics;
                var sessions = Enumerable.Range(0, 4)
                    .Select(s => NewSession(random, day.AddDays(s / 2), s % 2 == 0, topics[((year - FirstTrainingYear) * 4 + s) % topics.Count], organiser, null))
                    .ToList();
                planned.Add(new PlannedCourse(course, [new PlannedClass(null, sessions, holders)]));

                // A half-day conference on digital public services for the heads and deputies, in about half the communes a year.
                if (random.NextDouble() >= 0.5) continue;
                var conferenceDay = Monday(new DateOnly(year, random.Next(3, 11), random.Next(1, 25))).AddDays(random.Next(0, 5));
                var invited = Holders(byCommune[commune.Id], [Position.UnitHead, Position.DeputyHead], conferenceDay);
                if (invited.Count == 0) continue;
                var conference = NewCourse(programmes.Heads, "Hội nghị tập huấn chuyển đổi số cho trưởng thôn, phó trưởng thôn " + name +
                    " năm " + year.ToString(System.Globalization.CultureInfo.InvariantCulture), organiser, provinceCode, commune.Id, conferenceDay, conferenceDay, 100, now, today);
                planned.Add(new PlannedCourse(conference, [new PlannedClass(null, [NewSession(random, conferenceDay, true, topics[DigitalTopic % topics.Count], organiser, null)], invited)]));
            }
        }
        return await SaveCoursesAsync(random, planned, now, today, ct);
    }

    private async Task<NationalTrainingCount> SaveCoursesAsync(Random random, List<PlannedCourse> planned, DateTime now, DateOnly today, CancellationToken ct)
    {
        await db.BulkInsertAsync(planned.Select(p => p.Course).ToList(), ct);
        var classes = planned.SelectMany(p => p.Classes.Where(c => c.Class is not null).Select(c => (p.Course, c.Class!))).ToList();
        foreach (var (course, courseClass) in classes) courseClass.CourseId = course.Id;
        await db.BulkInsertAsync(classes.Select(c => c.Item2).ToList(), ct);
        foreach (var p in planned)
            foreach (var c in p.Classes)
                foreach (var session in c.Sessions)
                {
                    session.CourseId = p.Course.Id;
                    session.ClassId = c.Class?.Id;
                }
        await db.BulkInsertAsync(planned.SelectMany(p => p.Classes.SelectMany(c => c.Sessions)).ToList(), ct);

        var enrolments = new List<(Enrolment Enrolment, List<CourseSession> Sessions, int Missed)>();
        foreach (var p in planned)
        {
            var finished = p.Course.EndDate < today;
            foreach (var (courseClass, classSessions, participants) in p.Classes)
            {
                foreach (var tenure in participants)
                {
                    // Most come to every session; about one in eight misses one to three.
                    var missed = finished && random.NextDouble() < 0.125 ? Math.Min(random.Next(1, 4), classSessions.Count) : 0;
                    var code = new byte[16];
                    random.NextBytes(code);
                    var enrolment = new Enrolment
                    {
                        CourseId = p.Course.Id, CourseEndDate = p.Course.EndDate, ClassId = courseClass?.Id, PersonId = tenure.PersonId, CourseProvinceCode = p.Course.ProvinceCode,
                        CourseCommuneId = p.Course.CommuneId, ProvinceCode = tenure.ProvinceCode, CommuneId = tenure.CommuneId, UnitId = tenure.UnitId,
                        Position = tenure.Position, Source = EnrolmentSource.Rule, Status = EnrolmentStatus.Enrolled,
                        InvitationCode = System.Buffers.Text.Base64Url.EncodeToString(code), CreatedAt = now, UpdatedAt = now,
                        Result = !finished ? TrainingResult.Pending
                            : 100m * (classSessions.Count - missed) / classSessions.Count >= p.Course.MinAttendancePercent ? TrainingResult.Completed : TrainingResult.NotCompleted,
                    };
                    enrolments.Add((enrolment, finished ? classSessions : [], missed));
                }
            }
        }
        await db.BulkInsertAsync(enrolments.Select(e => e.Enrolment).ToList(), ct);

        var attendance = new List<Attendance>(enrolments.Sum(e => e.Sessions.Count));
        foreach (var (e, classSessions, missed) in enrolments)
        {
            // The sessions missed are drawn at random among the course's.
            var absent = new HashSet<int>();
            while (absent.Count < missed) absent.Add(random.Next(classSessions.Count));
            for (var i = 0; i < classSessions.Count; i++)
            {
                var s = classSessions[i];
                attendance.Add(new Attendance
                {
                    SessionId = s.Id, EnrolmentId = e.Id, PersonId = e.PersonId, CourseProvinceCode = e.CourseProvinceCode, CourseCommuneId = e.CourseCommuneId,
                    ProvinceCode = e.ProvinceCode, CommuneId = e.CommuneId, UnitId = e.UnitId, Method = AttendanceMethod.RollCall,
                    Status = absent.Contains(i) ? (random.NextDouble() < 0.6 ? AttendanceStatus.Excused : AttendanceStatus.Absent)
                        : random.NextDouble() < 0.05 ? AttendanceStatus.Late : AttendanceStatus.Present,
                    RecordedAt = DateTime.SpecifyKind(s.Date.ToDateTime(s.EndTime).AddHours(-7), DateTimeKind.Utc),
                });
            }
        }
        await db.BulkInsertAsync(attendance, ct);
        return new NationalTrainingCount(planned.Count, enrolments.Count, attendance.Count);
    }

    /// <summary>Who holds one of the posts on the date, once each (by the first post in <paramref name="posts"/>' order), as tenures.</summary>
    private static List<Tenure> Holders(IEnumerable<Tenure> tenures, Position[] posts, DateOnly date) =>
        [.. tenures.Where(t => posts.Contains(t.Position) && t.StartDate <= date && (t.EndDate is null || t.EndDate >= date))
            .OrderBy(t => Array.IndexOf(posts, t.Position)).ThenBy(t => t.UnitId)
            .DistinctBy(t => t.PersonId).OrderBy(t => t.UnitId).ThenBy(t => t.Position)];

    private static Course NewCourse(Programme programme, string title, string organiser, string provinceCode, int? communeId, DateOnly start, DateOnly end,
        decimal minAttendance, DateTime now, DateOnly today) => new()
    {
        ProgrammeId = programme.Id, Title = title, Organiser = organiser, ProvinceCode = provinceCode, CommuneId = communeId, StartDate = start, EndDate = end,
        Status = end < today ? CourseStatus.Finished : start <= today ? CourseStatus.Running : CourseStatus.Open,
        TermLabel = start >= new DateOnly(2022, 7, 1) ? CurrentTerm : EarlierTerm, FundingSource = communeId is null ? "Ngân sách tỉnh" : "Ngân sách xã",
        Venue = communeId is null ? organiser : "Hội trường " + organiser, MinAttendancePercent = minAttendance, Note = Note, IsDemo = true,
        CreatedAt = now, UpdatedAt = now,
    };

    private static CourseSession NewSession(Random random, DateOnly date, bool morning, ProgrammeTopic topic, string organisation, string? className)
    {
        var secret = new byte[32];
        random.NextBytes(secret);
        return new CourseSession
        {
            Date = date, StartTime = morning ? new TimeOnly(7, 30) : new TimeOnly(13, 30), EndTime = morning ? new TimeOnly(11, 0) : new TimeOnly(17, 0),
            TopicId = topic.Id, Topic = topic.Title, Lecturer = Lecturers[random.Next(Lecturers.Length)], LecturerOrganisation = organisation,
            Room = className is null ? "Hội trường" : "Phòng " + className, CheckInSecret = Convert.ToBase64String(secret),
        };
    }

    private static DateOnly Monday(DateOnly day) => day.AddDays(((int)DayOfWeek.Monday - (int)day.DayOfWeek + 7) % 7);

}
