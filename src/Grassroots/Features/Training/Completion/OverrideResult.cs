using Grassroots.Common;
using Grassroots.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Training.Completion;

/// <summary>A result set by hand (completed or not) with the reason; a null result gives the row back to the computation.</summary>
public sealed record OverrideResultInput(int EnrolmentId, int Version, TrainingResult? Result, string? Note);

/// <summary>
/// The organiser decides a participant's result by hand (e.g. absent for a documented official mission, or a score
/// entered elsewhere), with a required note; recomputing never changes it. Clearing the override computes it again.
/// </summary>
public sealed class OverrideResult(AppDb db, TimeProvider time)
{
    public async Task<Result<Enrolment>> RunAsync(OverrideResultInput input, CancellationToken ct)
    {
        var enrolment = await db.Enrolments.FirstOrDefaultAsync(e => e.Id == input.EnrolmentId, ct);
        if (enrolment is null) return Error.NotFound("học viên này");
        var loaded = await CompletionRules.ManagedCourseAsync(db, enrolment.CourseId, ct);
        if (!loaded.Succeeded) return Result<Enrolment>.Fail(loaded.Errors);
        var errors = new List<Error>();
        var note = VietnameseText.Clean(input.Note);
        if (input.Result is { } result)
        {
            if (result is not (TrainingResult.Completed or TrainingResult.NotCompleted))
                errors.Add(new("invalid_result", "Kết quả điều chỉnh phải là \"Hoàn thành\" hoặc \"Không hoàn thành\".", "result"));
            if (note.Length == 0) errors.Add(new("note_required", "Chưa nhập lý do điều chỉnh kết quả.", "note"));
        }
        if (note.Length > 500) errors.Add(new("note_too_long", "Lý do điều chỉnh dài quá 500 ký tự.", "note"));
        if (enrolment.Status != EnrolmentStatus.Enrolled)
            errors.Add(new("not_enrolled", "Người này không còn trong danh sách học (đã rút tên hoặc đang chờ).", Kind: ErrorKind.Conflict));
        if (errors.Count > 0) return Result<Enrolment>.Fail(errors);
        if (enrolment.Version != input.Version) return CompletionRules.Stale(enrolment.Version, input.Version);

        var now = time.UtcNow();
        if (input.Result is { } chosen)
        {
            enrolment.Result = chosen;
            enrolment.ResultOverridden = true;
            enrolment.ResultNote = note;
            enrolment.Touch(now);
        }
        else
        {
            enrolment.ResultOverridden = false;
            enrolment.ResultNote = null;
            enrolment.Touch(now);
            await CompletionRules.ApplyAsync(db, loaded.Value!, [enrolment], now, ct);
        }
        db.Operation = input.Result is null ? "clear-result-override" : "override-result";
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("Dòng học viên này vừa được người khác thay đổi cùng lúc. Hãy tải lại rồi làm lại.");
        }
        return Result<Enrolment>.Ok(enrolment);
    }
}
