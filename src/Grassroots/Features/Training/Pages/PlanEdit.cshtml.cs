using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Features.Training.Courses;
using Grassroots.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Training.Pages;

/// <summary>Corrects a training plan (version-checked).</summary>
[RequirePermission(Permission.ManageCourses)]
public sealed class PlanEditModel(AppDb db, SavePlan save) : PageModel
{
    [BindProperty]
    public PlanForm Input { get; set; } = new();

    public int Id { get; private set; }
    public string Title { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is not { } plan) return NotFound();
        Input = PlanForm.From(plan, await TrainingPages.CommuneCodeAsync(db, plan.CommuneId, ct));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is null) return NotFound();
        var input = Input.ToInput(ModelState);
        if (input is null) return Page();
        var result = await save.UpdateAsync(id, Input.Version, input, ct);
        return this.Finish(result, p => $"Đã lưu kế hoạch \"{p.Title}\".", p => $"/dao-tao/ke-hoach/{p.Id}");
    }

    private async Task<PlanRow?> LoadAsync(int id, CancellationToken ct)
    {
        var plan = (await CourseQueries.PlansAsync(db, null, null, ct, id)).FirstOrDefault();
        if (plan is null || !db.Access.ScopeFor(Permission.ManageCourses).Manages(plan.ProvinceCode, plan.CommuneId)) return null;
        (Id, Title) = (id, plan.Title);
        return plan;
    }
}
