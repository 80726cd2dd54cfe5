using Grassroots.Features.Accounts;
using System.ComponentModel.DataAnnotations;
using Grassroots.Data;
using Grassroots.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Units.Pages;

public sealed class EditForm
{
    public int Version { get; set; }
    [Display(Name = "Số hộ gia đình")]
    public int? HouseholdCount { get; set; }
    [Display(Name = "Số nhân khẩu")]
    public int? Population { get; set; }
    [Display(Name = "Số liệu tính đến ngày")]
    public DateOnly? CountsAsOf { get; set; }
    [Display(Name = "Phân loại")]
    public UnitClass? Classification { get; set; }
    [Display(Name = "Tên gọi địa phương")]
    public string? LocalLabel { get; set; }
}

[RequirePermission(Permission.EditUnits)]
public sealed class EditModel(AppDb db, UpdateUnit update) : PageModel
{
    [BindProperty]
    public EditForm Input { get; set; } = new();

    public UnitRow Unit { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await UnitQueries.GetAsync(db, id, null, ct) is not { } unit) return NotFound();
        Unit = unit;
        Input = new EditForm
        {
            Version = unit.Version, HouseholdCount = unit.HouseholdCount, Population = unit.Population,
            CountsAsOf = unit.CountsAsOf, Classification = unit.Classification, LocalLabel = unit.LocalLabel,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await UnitQueries.GetAsync(db, id, null, ct) is not { } unit) return NotFound();
        Unit = unit;
        if (!ModelState.IsValid) return Page();
        var result = await update.RunAsync(new UpdateUnitInput(id, Input.Version, Input.HouseholdCount, Input.Population, Input.CountsAsOf, Input.Classification, Input.LocalLabel), ct);
        return this.Finish(result, _ => "Đã lưu số liệu.", _ => $"/thon/{id}");
    }
}
