using Grassroots.Common;
using Grassroots.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Training.Enrolments;

public sealed record WithdrawEnrolmentInput(int EnrolmentId, int Version, string? Reason);

/// <summary>
/// Takes someone off a course's list with the reason (ill, relieved from office, another duty …); the row stays, as
/// "withdrawn". When they held a place, the first on the waiting list for it moves up.
/// </summary>
public sealed class WithdrawEnrolment(AppDb db, TimeProvider time)
{
    public async Task<Result<EnrolmentChange>> RunAsync(WithdrawEnrolmentInput input, CancellationToken ct)
    {
        await using var transaction = await EnrolmentRules.BeginAsync(db, ct);
        var enrolment = await db.Enrolments.FirstOrDefaultAsync(e => e.Id == input.EnrolmentId, ct);
        if (enrolment is null) return Error.NotFound("học viên này trong danh sách lớp");
        var loaded = await EnrolmentRules.OpenCourseAsync(db, enrolment.CourseId, ct);
        if (!loaded.Succeeded) return Result<EnrolmentChange>.Fail(loaded.Errors);
        if (enrolment.Version != input.Version) return EnrolmentRules.Stale(enrolment.Version, input.Version);
        if (enrolment.Status == EnrolmentStatus.Withdrawn)
            return new Error("already_withdrawn", "Người này đã rút tên khỏi lớp.", Kind: ErrorKind.Conflict);
        var reason = VietnameseText.Clean(input.Reason);
        if (reason.Length == 0) return new Error("reason_required", "Chưa nhập lý do rút tên.", "reason");
        if (reason.Length > 500) return new Error("reason_too_long", "Lý do rút tên dài quá 500 ký tự.", "reason");

        var now = time.UtcNow();
        var seats = await Seats.LoadAsync(db, loaded.Value!, ct);
        if (enrolment.Status == EnrolmentStatus.Enrolled) seats.Release(enrolment.ClassId);
        enrolment.Status = EnrolmentStatus.Withdrawn;
        enrolment.WithdrawReason = reason;
        enrolment.Touch(now);
        var movedUp = await seats.PromoteAsync(now, ct);
        db.Operation = "withdraw-enrolment";
        if (await EnrolmentRules.SaveAsync(db, ct) is { } lost) return lost;
        if (transaction is not null) await transaction.CommitAsync(ct);
        return Result<EnrolmentChange>.Ok(new EnrolmentChange(enrolment, await EnrolmentRules.NameAsync(db, enrolment, ct), movedUp));
    }
}
