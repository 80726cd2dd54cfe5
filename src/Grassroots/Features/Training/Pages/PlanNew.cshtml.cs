using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Features.Training.Courses;
using Grassroots.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Training.Pages;

/// <summary>Records a training plan of an organiser for a year, with the decision that adopted it.</summary>
[RequirePermission(Permission.ManageCourses)]
public sealed class PlanNewModel(AppDb db, SavePlan save, TimeProvider time) : PageModel
{
    [BindProperty]
    public PlanForm Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Input.Year = time.Today().Year;
        Input.ProvinceCode = await TrainingPages.HomeProvinceAsync(db, ct);
        Input.CommuneCode = await TrainingPages.HomeCommuneAsync(db, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var input = Input.ToInput(ModelState);
        if (input is null) return Page();
        var result = await save.CreateAsync(input, ct);
        return this.Finish(result, p => $"Đã lưu kế hoạch \"{p.Title}\". Mở các lớp của kế hoạch.", p => $"/dao-tao/ke-hoach/{p.Id}");
    }
}
