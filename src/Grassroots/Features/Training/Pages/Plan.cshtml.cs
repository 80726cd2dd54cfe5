using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Features.Training.Courses;
using Grassroots.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Training.Pages;

/// <summary>A training plan with its decision and its courses.</summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class PlanModel(AppDb db) : PageModel
{
    public PlanRow Plan { get; private set; } = null!;
    public List<CourseRow> Courses { get; private set; } = [];
    public bool CanManage { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if ((await CourseQueries.PlansAsync(db, null, null, ct, id)).FirstOrDefault() is not { } plan) return NotFound();
        Plan = plan;
        Courses = await CourseQueries.ListAsync(db, new CourseFilter(PlanId: id), ct);
        CanManage = db.Access.ScopeFor(Permission.ManageCourses).Manages(plan.ProvinceCode, plan.CommuneId);
        return Page();
    }
}
