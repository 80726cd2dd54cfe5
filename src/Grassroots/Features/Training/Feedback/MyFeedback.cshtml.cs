using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Training.Feedback;

/// <summary>
/// /cua-toi/lop/{courseId}/danh-gia: a participant (an account linked to their record) rates each topic and lecturer of a
/// course 1–5 with an optional comment, once, after the last session. Mobile-first, a plain form.
/// </summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class MyFeedbackModel(AppDb db, SubmitFeedback submit, TimeProvider time) : PageModel
{
    public FeedbackForm Form { get; private set; } = null!;
    public Dictionary<int, int> Ratings { get; private set; } = [];
    public Dictionary<int, string?> Comments { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int courseId, CancellationToken ct)
    {
        if (await FeedbackQueries.FormAsync(db, courseId, time, ct) is not { } form) return NotFound();
        Form = form;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int courseId, CancellationToken ct)
    {
        if (await FeedbackQueries.FormAsync(db, courseId, time, ct) is not { } form) return NotFound();
        Form = form;
        var answers = form.Items.Select(i => new FeedbackAnswerInput(i.SessionId,
            int.TryParse(Request.Form[$"rating-{i.SessionId}"], out var r) ? r : null, Request.Form[$"comment-{i.SessionId}"])).ToList();
        Ratings = answers.Where(a => a.Rating is not null).ToDictionary(a => a.SessionId, a => a.Rating!.Value);
        Comments = answers.ToDictionary(a => a.SessionId, a => a.Comment);
        var result = await submit.RunAsync(courseId, answers, ct);
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result.Errors.Select(e => e with { Field = null }));
            return Page();
        }
        this.Flash("Đã ghi nhận đánh giá của bạn. Cảm ơn bạn!");
        return Redirect($"/cua-toi/lop/{courseId}/danh-gia");
    }
}
