using Grassroots.Common;
using Grassroots.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Training.Completion;

/// <summary>Sessions attended (present or late) out of the sessions of the person's class and of the whole course.</summary>
public sealed record AttendanceCount(int Attended, int Sessions)
{
    /// <summary>The share attended in percent, rounded to one decimal; null when the course has no session for them.</summary>
    public decimal? Percent => Sessions == 0 ? null : Math.Round(100m * Attended / Sessions, 1);
}

/// <summary>
/// The completion rule (hoàn thành khóa học): a share of the sessions attended at least the course's minimum, and, when the
/// course requires an assessment, a score at least its pass mark. A result set by hand is never recomputed.
/// </summary>
public static class CompletionRules
{
    public static string ResultName(TrainingResult result) => result switch
    {
        TrainingResult.Pending => "Chưa có kết quả",
        TrainingResult.Completed => "Hoàn thành",
        TrainingResult.NotCompleted => "Không hoàn thành",
        _ => result.ToString(),
    };

    /// <summary>
    /// The computed result: pending while the course has no session for the person, or while an assessment is required,
    /// the attendance suffices and no score is recorded yet.
    /// </summary>
    public static TrainingResult Compute(Course course, AttendanceCount attendance, decimal? score)
    {
        if (attendance.Sessions == 0) return TrainingResult.Pending;
        var attendedEnough = attendance.Attended * 100m >= course.MinAttendancePercent * attendance.Sessions;
        if (!attendedEnough) return TrainingResult.NotCompleted;
        if (!course.AssessmentRequired) return TrainingResult.Completed;
        if (score is null) return TrainingResult.Pending;
        return score >= (course.PassMark ?? 0) ? TrainingResult.Completed : TrainingResult.NotCompleted;
    }

    /// <summary>
    /// Attendance of the given enrolments (id, class) of a course. Read without the user's filters, for rows the caller
    /// has already reached: a session counts for a person when it is for the whole course or for their class.
    /// </summary>
    public static async Task<Dictionary<int, AttendanceCount>> AttendanceAsync(AppDb db, int courseId, IReadOnlyCollection<(int Id, int? ClassId)> enrolments,
        CancellationToken ct)
    {
        var sessions = await db.CourseSessions.IgnoreQueryFilters().AsNoTracking().Where(s => s.CourseId == courseId)
            .Select(s => new { s.Id, s.ClassId }).ToListAsync(ct);
        var ids = enrolments.Select(e => e.Id).ToList();
        var marks = await db.Attendances.IgnoreQueryFilters().AsNoTracking()
            .Where(a => ids.Contains(a.EnrolmentId) && (a.Status == AttendanceStatus.Present || a.Status == AttendanceStatus.Late))
            .Select(a => new { a.EnrolmentId, a.SessionId }).ToListAsync(ct);
        var byEnrolment = marks.ToLookup(m => m.EnrolmentId, m => m.SessionId);
        var result = new Dictionary<int, AttendanceCount>();
        foreach (var (id, classId) in enrolments)
        {
            var theirs = sessions.Where(s => s.ClassId == null || s.ClassId == classId).Select(s => s.Id).ToHashSet();
            result[id] = new AttendanceCount(byEnrolment[id].Count(theirs.Contains), theirs.Count);
        }
        return result;
    }

    /// <summary>
    /// Sets the computed result on the given (tracked) enrolments of the course that are enrolled and not overridden;
    /// the others are left as they are. Returns how many changed; the caller saves.
    /// </summary>
    public static async Task<int> ApplyAsync(AppDb db, Course course, IReadOnlyList<Enrolment> enrolments, DateTime now, CancellationToken ct)
    {
        var counted = enrolments.Where(e => e.Status == EnrolmentStatus.Enrolled && !e.ResultOverridden).ToList();
        var attendance = await AttendanceAsync(db, course.Id, [.. counted.Select(e => (e.Id, e.ClassId))], ct);
        var changed = 0;
        foreach (var enrolment in counted)
        {
            var result = Compute(course, attendance[enrolment.Id], enrolment.AssessmentScore);
            if (result == enrolment.Result) continue;
            enrolment.Result = result;
            // One version step per save, even when the caller has changed the row already.
            if (db.Entry(enrolment).Property(e => e.Version).IsModified) enrolment.UpdatedAt = now;
            else enrolment.Touch(now);
            changed++;
        }
        return changed;
    }

    /// <summary>Every enrolment of the course (of one class if given), tracked, whoever's they are: results are the organiser's to set.</summary>
    public static Task<List<Enrolment>> EnrolmentsAsync(AppDb db, int courseId, int? classId, CancellationToken ct) =>
        db.Enrolments.IgnoreQueryFilters().Where(e => e.CourseId == courseId && (classId == null || e.ClassId == classId)).ToListAsync(ct);

    public static Error CourseNotFound() => new("course_not_found", "Không tìm thấy lớp bồi dưỡng này trong phạm vi của bạn.", "courseId", ErrorKind.NotFound);

    public static Error Stale(int current, int yours) => Error.Conflict(
        $"Dòng học viên này vừa được người khác thay đổi (phiên bản {current}, bạn sửa từ phiên bản {yours}). Hãy tải lại trang kết quả rồi làm lại.");

    /// <summary>The course, seen through the user's filters and managed by them (else not found), and not cancelled.</summary>
    public static async Task<Result<Course>> ManagedCourseAsync(AppDb db, int courseId, CancellationToken ct)
    {
        var course = await db.Courses.Include(c => c.Classes).FirstOrDefaultAsync(c => c.Id == courseId, ct);
        if (course is null || !db.Access.ScopeFor(Accounts.Permission.ManageCourses).Manages(course.ProvinceCode, course.CommuneId)) return CourseNotFound();
        if (course.Status == CourseStatus.Cancelled) return new Error("course_cancelled", $"Lớp \"{course.Title}\" đã hủy.", Kind: ErrorKind.Conflict);
        return Result<Course>.Ok(course);
    }
}
