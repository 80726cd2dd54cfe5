using Grassroots.Common;
using Grassroots.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Training.Enrolments;

public sealed record RemoveEnrolmentInput(int EnrolmentId, int Version);

/// <summary>
/// Deletes a row put on a course's list by mistake — only while nothing rests on it (no attendance, assessment, result,
/// certificate or feedback); otherwise the person is withdrawn instead, so that the record stays. A freed place goes to
/// the first on the waiting list.
/// </summary>
public sealed class RemoveEnrolment(AppDb db, TimeProvider time)
{
    public async Task<Result<EnrolmentChange>> RunAsync(RemoveEnrolmentInput input, CancellationToken ct)
    {
        await using var transaction = await EnrolmentRules.BeginAsync(db, ct);
        var enrolment = await db.Enrolments.FirstOrDefaultAsync(e => e.Id == input.EnrolmentId, ct);
        if (enrolment is null) return Error.NotFound("học viên này trong danh sách lớp");
        if (enrolment.Version != input.Version) return EnrolmentRules.Stale(enrolment.Version, input.Version);
        await EnrolmentRules.LockCourseAsync(db, enrolment.CourseId, ct);
        var course = await db.Courses.Include(c => c.Classes).FirstOrDefaultAsync(c => c.Id == enrolment.CourseId, ct);
        if (course is null) return Error.NotFound("lớp bồi dưỡng này");
        // Checked without the user's filters: anything resting on the row keeps it.
        var inUse = enrolment.Result != TrainingResult.Pending || enrolment.AssessmentScore is not null
            || await db.Attendances.IgnoreQueryFilters().AnyAsync(a => a.EnrolmentId == enrolment.Id, ct)
            || await db.Certificates.IgnoreQueryFilters().AnyAsync(c => c.EnrolmentId == enrolment.Id, ct)
            || await db.FeedbackReceipts.IgnoreQueryFilters().AnyAsync(f => f.EnrolmentId == enrolment.Id, ct);
        if (inUse)
            return new Error("enrolment_in_use", "Người này đã có điểm danh, kết quả, giấy chứng nhận hoặc ý kiến phản hồi của lớp nên không xóa được; hãy ghi nhận rút tên.",
                Kind: ErrorKind.Conflict);

        var name = await EnrolmentRules.NameAsync(db, enrolment, ct);
        var seats = await Seats.LoadAsync(db, course, ct);
        if (enrolment.Status == EnrolmentStatus.Enrolled) seats.Release(enrolment.ClassId);
        db.Enrolments.Remove(enrolment);
        // A course that no longer runs keeps its waiting list as it was.
        var movedUp = course.Status is CourseStatus.Finished or CourseStatus.Cancelled ? [] : await seats.PromoteAsync(time.UtcNow(), ct);
        db.Operation = "remove-enrolment";
        if (await EnrolmentRules.SaveAsync(db, ct) is { } lost) return lost;
        if (transaction is not null) await transaction.CommitAsync(ct);
        return Result<EnrolmentChange>.Ok(new EnrolmentChange(enrolment, name, movedUp));
    }
}
