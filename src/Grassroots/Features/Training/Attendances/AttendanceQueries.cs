using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Features.People;
using Grassroots.Features.Units;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Training.Attendances;

/// <summary>A session with what the attendance pages show of its course.</summary>
public sealed record SessionHeader(
    int Id, int CourseId, string CourseTitle, string Organiser, string CourseProvinceCode, int? CourseCommuneId, CourseStatus CourseStatus,
    int? ClassId, string? ClassName, DateOnly Date, TimeOnly StartTime, TimeOnly EndTime, string Topic, string? Lecturer, string? Room)
{
    /// <summary>"07:30–11:00 ngày 01/12/2026".</summary>
    public string When => $"{StartTime:HH\\:mm}–{EndTime:HH\\:mm} ngày {VietnameseText.FormatDate(Date)}";
}

/// <summary>One participant of a session with their mark (none yet: <see cref="Status"/> null).</summary>
public sealed record AttendanceRow(
    int EnrolmentId, int? PersonId, string FullName, bool IsGuest, string? Post, string? ClassName, AttendanceStatus? Status, AttendanceMethod? Method,
    DateTime? RecordedAt, string? PositionName = null, string? Village = null, string? Commune = null)
{
    public string StatusName => Status is { } s ? Attendance.StatusName(s) : "Chưa điểm danh";
}

/// <summary>The whole session's figures (every participant, seen by the user or not).</summary>
public sealed record AttendanceCounts(int Participants, int Present, int Late, int Excused, int Absent)
{
    public int Unmarked => Math.Max(0, Participants - Present - Late - Excused - Absent);
    public int Attending => Present + Late;
}

/// <summary>A session's roll: the rows the user may see, in Vietnamese name order, and the counts of the whole session.</summary>
public sealed record SessionAttendance(SessionHeader Session, AttendanceCounts Counts, int NotShown, IReadOnlyList<AttendanceRow> Items);

/// <summary>Reads of attendance: a session's roll, its counts, and a leader's own courses.</summary>
public static class AttendanceQueries
{
    /// <summary>The session when the user reaches its course (the jurisdiction filters apply), else null.</summary>
    public static async Task<SessionHeader?> SessionAsync(AppDb db, int id, CancellationToken ct) =>
        await db.CourseSessions.AsNoTracking().Where(s => s.Id == id).Select(s => new SessionHeader(
                s.Id, s.CourseId, s.Course!.Title, s.Course.Organiser, s.Course.ProvinceCode, s.Course.CommuneId, s.Course.Status, s.ClassId,
                db.CourseClasses.Where(c => c.Id == s.ClassId).Select(c => c.Name).FirstOrDefault(), s.Date, s.StartTime, s.EndTime, s.Topic, s.Lecturer, s.Room))
            .FirstOrDefaultAsync(ct);

    /// <summary>Whether the user records attendance where the course's organiser sits.</summary>
    public static bool CanRecord(AppDb db, string courseProvinceCode, int? courseCommuneId) =>
        db.Access.ScopeFor(Permission.RecordAttendance).Manages(courseProvinceCode, courseCommuneId);

    /// <summary>Who sits a session: those enrolled (not waiting, not withdrawn) in its course, and in its class when it is one class's.</summary>
    public static IQueryable<Enrolment> Participants(IQueryable<Enrolment> enrolments, int courseId, int? classId) =>
        enrolments.Where(e => e.CourseId == courseId && e.Status == EnrolmentStatus.Enrolled && (classId == null || e.ClassId == classId));

    public static async Task<SessionAttendance> ListAsync(AppDb db, SessionHeader session, CancellationToken ct)
    {
        var date = session.Date;
        var found = await Participants(db.Enrolments.AsNoTracking(), session.CourseId, session.ClassId)
            .OrderBy(e => EF.Functions.Collate(e.Person!.SortKey, db.OrdinalCollation)).ThenBy(e => e.Id)
            .Select(e => new
            {
                e.Id, e.PersonId, Name = e.Person != null ? e.Person.FullName : null, e.ExternalName, e.ExternalTitle, e.ExternalOrganisation, e.Position,
                Class = db.CourseClasses.Where(c => c.Id == e.ClassId).Select(c => c.Name).FirstOrDefault(),
                // One scalar subquery per column: a projected pair became a window function over every unit's periods.
                UnitName = db.ResidentialUnitPeriods.Where(p => p.UnitId == e.UnitId && p.ValidFrom <= date && (p.ValidTo == null || p.ValidTo >= date))
                    .Select(p => p.Name).FirstOrDefault(),
                UnitKind = db.ResidentialUnitPeriods.Where(p => p.UnitId == e.UnitId && p.ValidFrom <= date && (p.ValidTo == null || p.ValidTo >= date))
                    .Select(p => (UnitKind?)p.Kind).FirstOrDefault(),
                Commune = db.AdminUnits.Where(a => a.Id == e.CommuneId).Select(a => a.FullName).FirstOrDefault(),
                Mark = db.Attendances.Where(a => a.SessionId == session.Id && a.EnrolmentId == e.Id)
                    .Select(a => new { a.Status, a.Method, a.RecordedAt }).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var rows = found.Select(r =>
        {
            var guest = r.PersonId is null;
            var post = guest
                ? string.Join(", ", new[] { r.ExternalTitle, r.ExternalOrganisation }.Where(s => !string.IsNullOrEmpty(s)))
                : string.Join(", ", new[] { r.Position is { } p ? $"{Tenure.PositionName(p, r.UnitKind)} {r.UnitName}".Trim() : r.UnitName, r.Commune }
                    .Where(s => !string.IsNullOrEmpty(s)));
            return new AttendanceRow(r.Id, r.PersonId, r.Name ?? r.ExternalName ?? "(không rõ tên)", guest, post.Length == 0 ? null : post, r.Class,
                r.Mark?.Status, r.Mark?.Method, r.Mark?.RecordedAt,
                guest ? r.ExternalTitle : r.Position is { } position ? Tenure.PositionName(position, r.UnitKind) : null,
                guest ? r.ExternalOrganisation : r.UnitName, guest ? null : r.Commune);
        }).ToList();
        // Guests outside the registry have no stored sort key: after the registry's people, in the same order.
        var ordered = rows.Where(r => !r.IsGuest)
            .Concat(rows.Where(r => r.IsGuest).OrderBy(r => VietnameseText.PersonSortKey(r.FullName), StringComparer.Ordinal)).ToList();
        var counts = await CountsAsync(db, session, ct);
        return new SessionAttendance(session, counts, Math.Max(0, counts.Participants - ordered.Count), ordered);
    }

    /// <summary>
    /// The whole session's figures (the organiser's), not only of the people the user may see: counted in queries of their
    /// own over the session already reached, since ignoring the jurisdiction filters reaches every table of its query.
    /// </summary>
    public static async Task<AttendanceCounts> CountsAsync(AppDb db, SessionHeader session, CancellationToken ct)
    {
        var participants = await Participants(db.Enrolments.IgnoreQueryFilters(), session.CourseId, session.ClassId).CountAsync(ct);
        var marks = await db.Attendances.IgnoreQueryFilters()
            .Where(a => a.SessionId == session.Id && a.Enrolment!.Status == EnrolmentStatus.Enrolled
                        && (session.ClassId == null || a.Enrolment.ClassId == session.ClassId))
            .GroupBy(a => a.Status).Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, ct);
        return new AttendanceCounts(participants, marks.GetValueOrDefault(AttendanceStatus.Present), marks.GetValueOrDefault(AttendanceStatus.Late),
            marks.GetValueOrDefault(AttendanceStatus.Excused), marks.GetValueOrDefault(AttendanceStatus.Absent));
    }

    public static string MethodName(AttendanceMethod method) => method switch
    {
        AttendanceMethod.RollCall => "điểm danh tại lớp",
        AttendanceMethod.SignInSheet => "theo danh sách ký",
        AttendanceMethod.SelfCheckIn => "tự điểm danh bằng mã QR",
        AttendanceMethod.Correction => "sửa sau ngày học",
        _ => method.ToString(),
    };

    /// <summary>"HH:mm" of a stored UTC instant, in Vietnamese time.</summary>
    public static string LocalTime(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), VietnamTime.Zone).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
