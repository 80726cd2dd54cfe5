using Grassroots.Common;
using Grassroots.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Training.Attendances;

/// <summary>One of the leader's sessions, with their mark and whether they may check in now.</summary>
public sealed record MySession(int Id, DateOnly Date, TimeOnly StartTime, TimeOnly EndTime, string Topic, string? Lecturer, string? Room,
    AttendanceStatus? Status, AttendanceMethod? Method, DateTime? RecordedAt, bool CheckInOpen)
{
    public string StatusName => Status is { } s ? Attendance.StatusName(s) : "Chưa điểm danh";
}

/// <summary>One course the leader is on the list of: where they stand, its sessions (of their class) and how many they attended.</summary>
public sealed record MyCourse(int CourseId, string Title, string Organiser, DateOnly StartDate, DateOnly EndDate, string? Venue, CourseStatus Status,
    EnrolmentStatus EnrolmentStatus, string? ClassName, TrainingResult Result, decimal MinAttendancePercent, IReadOnlyList<MySession> Sessions)
{
    public string StatusName => Course.StatusName(Status);

    public string EnrolmentStatusName => EnrolmentStatus switch
    {
        EnrolmentStatus.Enrolled => "Học viên",
        EnrolmentStatus.Waiting => "Trong danh sách chờ",
        EnrolmentStatus.Withdrawn => "Đã rút tên",
        _ => EnrolmentStatus.ToString(),
    };

    public string ResultName => Result switch
    {
        TrainingResult.Completed => "Hoàn thành",
        TrainingResult.NotCompleted => "Không hoàn thành",
        _ => "Chưa có kết quả",
    };

    /// <summary>Sessions attended (present or late).</summary>
    public int Attended => Sessions.Count(s => s.Status is { } st && Attendance.Counts(st));
}

/// <summary>
/// Lớp của tôi: the courses of the registry person the account is linked to. These are the person's own rows, read by
/// their own id in queries of their own, whatever the account's scope reaches (a leader sees their own courses and marks).
/// </summary>
public static class MyCourses
{
    public static async Task<List<MyCourse>> ListAsync(AppDb db, int personId, TimeProvider time, CancellationToken ct)
    {
        var enrolments = await db.Enrolments.IgnoreQueryFilters().AsNoTracking().Where(e => e.PersonId == personId)
            .Select(e => new { e.Id, e.CourseId, e.ClassId, e.Status, e.Result }).ToListAsync(ct);
        if (enrolments.Count == 0) return [];
        var courseIds = enrolments.Select(e => e.CourseId).Distinct().ToList();
        var enrolmentIds = enrolments.Select(e => e.Id).ToList();
        var courses = await db.Courses.IgnoreQueryFilters().AsNoTracking().Where(c => courseIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Title, c.Organiser, c.StartDate, c.EndDate, c.Venue, c.Status, c.MinAttendancePercent }).ToDictionaryAsync(c => c.Id, ct);
        var classes = await db.CourseClasses.IgnoreQueryFilters().AsNoTracking().Where(c => courseIds.Contains(c.CourseId)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var sessions = await db.CourseSessions.IgnoreQueryFilters().AsNoTracking().Where(s => courseIds.Contains(s.CourseId))
            .OrderBy(s => s.Date).ThenBy(s => s.StartTime).ThenBy(s => s.Id).ToListAsync(ct);
        var marks = await db.Attendances.IgnoreQueryFilters().AsNoTracking().Where(a => enrolmentIds.Contains(a.EnrolmentId))
            .Select(a => new { a.EnrolmentId, a.SessionId, a.Status, a.Method, a.RecordedAt }).ToListAsync(ct);
        var now = time.GetUtcNow();
        return [.. enrolments.Where(e => courses.ContainsKey(e.CourseId)).Select(e =>
        {
            var c = courses[e.CourseId];
            var mine = sessions.Where(s => s.CourseId == e.CourseId && (s.ClassId is null || s.ClassId == e.ClassId)).Select(s =>
            {
                var mark = marks.FirstOrDefault(m => m.EnrolmentId == e.Id && m.SessionId == s.Id);
                var open = e.Status == EnrolmentStatus.Enrolled && c.Status != CourseStatus.Cancelled && CheckInCode.IsOpen(s, now)
                           && (mark is null || !Attendance.Counts(mark.Status));
                return new MySession(s.Id, s.Date, s.StartTime, s.EndTime, s.Topic, s.Lecturer, s.Room, mark?.Status, mark?.Method, mark?.RecordedAt, open);
            }).ToList();
            return new MyCourse(c.Id, c.Title, c.Organiser, c.StartDate, c.EndDate, c.Venue, c.Status, e.Status,
                e.ClassId is { } k ? classes.GetValueOrDefault(k) : null, e.Result, c.MinAttendancePercent, mine);
        }).OrderByDescending(c => c.Sessions.Any(s => s.CheckInOpen)).ThenByDescending(c => c.StartDate).ThenBy(c => c.Title, VietnameseText.Comparer)];
    }
}
