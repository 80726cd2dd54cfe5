using Grassroots.Common;
using Grassroots.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Training.Enrolments;

/// <summary>Into a class of the course; <see cref="ClassId"/> null takes the person out of any class.</summary>
public sealed record MoveEnrolmentInput(int EnrolmentId, int Version, int? ClassId);

/// <summary>
/// Moves someone on a course's list to another of its classes. An enrolled person needs a free place in the new class,
/// someone waiting takes one if there is; the place left goes to the first on the waiting list who fits it.
/// </summary>
public sealed class MoveEnrolment(AppDb db, TimeProvider time)
{
    public async Task<Result<EnrolmentChange>> RunAsync(MoveEnrolmentInput input, CancellationToken ct)
    {
        await using var transaction = await EnrolmentRules.BeginAsync(db, ct);
        var enrolment = await db.Enrolments.FirstOrDefaultAsync(e => e.Id == input.EnrolmentId, ct);
        if (enrolment is null) return Error.NotFound("học viên này trong danh sách lớp");
        var loaded = await EnrolmentRules.OpenCourseAsync(db, enrolment.CourseId, ct);
        if (!loaded.Succeeded) return Result<EnrolmentChange>.Fail(loaded.Errors);
        var course = loaded.Value!;
        if (enrolment.Version != input.Version) return EnrolmentRules.Stale(enrolment.Version, input.Version);
        if (enrolment.Status == EnrolmentStatus.Withdrawn)
            return new Error("enrolment_withdrawn", "Người này đã rút tên khỏi lớp; không xếp lớp được.", Kind: ErrorKind.Conflict);
        var target = EnrolmentRules.ClassOf(course, input.ClassId);
        if (!target.Succeeded) return Result<EnrolmentChange>.Fail(target.Errors);
        var name = await EnrolmentRules.NameAsync(db, enrolment, ct);
        if (enrolment.ClassId == input.ClassId) return Result<EnrolmentChange>.Ok(new EnrolmentChange(enrolment, name, []));

        var now = time.UtcNow();
        var seats = await Seats.LoadAsync(db, course, ct);
        if (enrolment.Status == EnrolmentStatus.Enrolled)
        {
            seats.Release(enrolment.ClassId);
            if (!seats.TryTake(input.ClassId))
                return new Error("class_full", $"{target.Value!.Name} đã đủ {target.Value.Capacity} học viên.", "classId", ErrorKind.Conflict);
        }
        // Someone waiting for a full class who is moved to one with a place takes it.
        else if (seats.TryTake(input.ClassId)) enrolment.Status = EnrolmentStatus.Enrolled;
        enrolment.ClassId = input.ClassId;
        enrolment.Touch(now);
        var movedUp = await seats.PromoteAsync(now, ct);
        db.Operation = "move-enrolment";
        if (await EnrolmentRules.SaveAsync(db, ct) is { } lost) return lost;
        if (transaction is not null) await transaction.CommitAsync(ct);
        return Result<EnrolmentChange>.Ok(new EnrolmentChange(enrolment, name, movedUp));
    }
}
