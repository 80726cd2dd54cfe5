using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Features.Training.Courses;
using Grassroots.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Training.Pages;

/// <summary>Courses and plans within reach, by year (this year by default), status and title.</summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class IndexModel(AppDb db, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "nam")]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true, Name = "trangThai")]
    public CourseStatus? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Q { get; set; }

    public List<CourseRow> Courses { get; private set; } = [];
    public List<PlanRow> Plans { get; private set; } = [];
    public bool CanManage => !db.Access.ScopeFor(Permission.ManageCourses).IsEmpty;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Year ??= Common.VietnamTime.Today(time).Year;
        Courses = await CourseQueries.ListAsync(db, new CourseFilter(Year: Year, Status: Status, Q: Q), ct);
        Plans = await CourseQueries.PlansAsync(db, null, Year, ct);
    }
}
