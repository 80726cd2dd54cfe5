using Grassroots.Common;
using Grassroots.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Training.Completion;

/// <summary>How a computation came out: the results of the enrolled, how many were set by hand, and how many changed now.</summary>
public sealed record CompletionSummary(int Completed, int NotCompleted, int Pending, int Overridden, int Changed)
{
    public string Message => $"Đã tính kết quả: {Completed} hoàn thành, {NotCompleted} không hoàn thành, {Pending} chưa có kết quả"
        + (Overridden > 0 ? $" ({Overridden} kết quả điều chỉnh bằng tay giữ nguyên)" : "") + $"; {Changed} thay đổi.";
}

/// <summary>
/// Computes the result of every enrolled participant of a course (or of one class) from attendance and the assessment
/// score; results overridden by hand are kept. Closing the course does the same.
/// </summary>
public sealed class ComputeResults(AppDb db, TimeProvider time)
{
    public async Task<Result<CompletionSummary>> RunAsync(int courseId, int? classId, CancellationToken ct)
    {
        var loaded = await CompletionRules.ManagedCourseAsync(db, courseId, ct);
        if (!loaded.Succeeded) return Result<CompletionSummary>.Fail(loaded.Errors);
        var course = loaded.Value!;
        if (classId is { } k && course.Classes.All(c => c.Id != k))
            return new Error("class_not_found", $"Lớp \"{course.Title}\" không có lớp học số {k}.", "classId");
        if (!await db.CourseSessions.AnyAsync(s => s.CourseId == courseId, ct))
            return new Error("no_sessions", "Lớp chưa có buổi học nào: chưa tính được kết quả.", Kind: ErrorKind.Conflict);
        var enrolments = await CompletionRules.EnrolmentsAsync(db, courseId, classId, ct);
        var changed = await CompletionRules.ApplyAsync(db, course, enrolments, time.UtcNow(), ct);
        db.Operation = "compute-results";
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("Danh sách học viên vừa được người khác thay đổi cùng lúc. Hãy tính lại.");
        }
        return Result<CompletionSummary>.Ok(Summarise(enrolments, changed));
    }

    public static CompletionSummary Summarise(IEnumerable<Enrolment> enrolments, int changed)
    {
        var enrolled = enrolments.Where(e => e.Status == EnrolmentStatus.Enrolled).ToList();
        return new CompletionSummary(enrolled.Count(e => e.Result == TrainingResult.Completed), enrolled.Count(e => e.Result == TrainingResult.NotCompleted),
            enrolled.Count(e => e.Result == TrainingResult.Pending), enrolled.Count(e => e.ResultOverridden), changed);
    }
}
