using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Training.Completion;

/// <summary>
/// /dao-tao/lop/{courseId}/ket-qua: each enrolled participant's attendance (sessions and share), assessment score and
/// result; for those who manage the course, computing the results, entering scores and setting a result by hand.
/// </summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class ResultsModel(AppDb db, ComputeResults compute, RecordScores scores, OverrideResult overrideResult) : PageModel
{
    public ResultList List { get; private set; } = null!;
    public bool CanManage { get; private set; }

    public async Task<IActionResult> OnGetAsync(int courseId, CancellationToken ct) => await LoadAsync(courseId, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostTinhAsync(int courseId, CancellationToken ct) =>
        RunAsync(courseId, async () => await compute.RunAsync(courseId, null, ct) is var r && r.Succeeded
            ? Result<string>.Ok(r.Value!.Message) : Result<string>.Fail(r.Errors), ct);

    /// <summary>The score form: parallel lists of enrolment ids, versions and scores (blank: no score).</summary>
    public Task<IActionResult> OnPostDiemAsync(int courseId, List<int> id, List<int> version, List<string?> score, CancellationToken ct) =>
        RunAsync(courseId, async () =>
        {
            var inputs = new List<ScoreInput>();
            var errors = new List<Error>();
            for (var i = 0; i < id.Count && i < version.Count; i++)
            {
                var text = i < score.Count ? score[i]?.Trim().Replace(',', '.') : null;
                decimal? value = null;
                if (!string.IsNullOrEmpty(text))
                {
                    if (decimal.TryParse(text, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var parsed)) value = parsed;
                    else errors.Add(new("invalid_score", $"Dòng {i + 1}: điểm \"{score[i]}\" không phải là số.", "score"));
                }
                inputs.Add(new ScoreInput(id[i], version[i], value));
            }
            if (errors.Count > 0) return Result<string>.Fail(errors);
            var r = await scores.RunAsync(courseId, inputs, ct);
            return r.Succeeded ? Result<string>.Ok($"Đã lưu điểm; {r.Value} học viên có điểm thay đổi.") : Result<string>.Fail(r.Errors);
        }, ct);

    public Task<IActionResult> OnPostDieuChinhAsync(int courseId, int enrolmentId, int version, string? result, string? note, CancellationToken ct) =>
        RunAsync(courseId, async () =>
        {
            TrainingResult? chosen = Enum.TryParse<TrainingResult>(result, out var parsed) ? parsed : null;
            var r = await overrideResult.RunAsync(new OverrideResultInput(enrolmentId, version, chosen, note), ct);
            return r.Succeeded
                ? Result<string>.Ok(chosen is null ? "Đã bỏ điều chỉnh; kết quả được tính lại." : $"Đã điều chỉnh kết quả thành \"{CompletionRules.ResultName(chosen.Value)}\".")
                : Result<string>.Fail(r.Errors);
        }, ct);

    private async Task<IActionResult> RunAsync(int courseId, Func<Task<Result<string>>> write, CancellationToken ct)
    {
        if (!await LoadAsync(courseId, ct)) return NotFound();
        if (!CanManage) return Forbid();
        var result = await write();
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result.Errors.Select(e => e with { Field = null }));
            await LoadAsync(courseId, ct);
            return Page();
        }
        this.Flash(result.Value!);
        return Redirect($"/dao-tao/lop/{courseId}/ket-qua");
    }

    private async Task<bool> LoadAsync(int courseId, CancellationToken ct)
    {
        if (await ResultQueries.ListAsync(db, courseId, null, ct) is not { } list) return false;
        List = list;
        CanManage = list.Course.Status != CourseStatus.Cancelled && db.Access.ScopeFor(Permission.ManageCourses).Manages(list.Course.ProvinceCode, list.Course.CommuneId);
        return true;
    }
}
