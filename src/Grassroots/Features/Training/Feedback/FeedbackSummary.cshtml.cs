using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Training.Feedback;

/// <summary>/dao-tao/lop/{courseId}/danh-gia: for those who manage the course, its ratings per topic and per lecturer, and the comments without names.</summary>
[RequirePermission(Permission.ManageCourses)]
public sealed class FeedbackSummaryModel(AppDb db) : PageModel
{
    public FeedbackSummary Summary { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int courseId, CancellationToken ct)
    {
        var managed = await Completion.CompletionRules.ManagedCourseAsync(db, courseId, ct);
        if (!managed.Succeeded && managed.Errors[0].Kind == Common.ErrorKind.NotFound) return NotFound();
        Summary = (await FeedbackQueries.SummaryAsync(db, courseId, ct))!;
        return Page();
    }
}
