using Grassroots.Features.Accounts;
using System.ComponentModel.DataAnnotations;
using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Units.Pages;

public sealed class EstablishForm : EventForm
{
    [Display(Name = "Tên")]
    public string? Name { get; set; }
    [Display(Name = "Loại")]
    public UnitKind Kind { get; set; }
    [Display(Name = "Tên gọi địa phương")]
    public string? LocalLabel { get; set; }
    [Display(Name = "Số hộ gia đình")]
    public int? HouseholdCount { get; set; }
    [Display(Name = "Số nhân khẩu")]
    public int? Population { get; set; }
    [Display(Name = "Số liệu tính đến ngày")]
    public DateOnly? CountsAsOf { get; set; }
    [Display(Name = "Phân loại")]
    public UnitClass? Classification { get; set; }
}

[RequirePermission(Permission.EditUnits)]
public sealed class EstablishModel(AppDb db, EstablishUnit establish, TimeProvider time) : PageModel
{
    [BindProperty]
    public EstablishForm Input { get; set; } = new();

    public AdminUnitRow Commune { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        if (!await LoadAsync(code, ct)) return NotFound();
        Input.EffectiveDate = time.Today();
        Input.Kind = Commune.Type == AdminUnitType.Ward ? UnitKind.ResidentialGroup : UnitKind.Village;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        if (!await LoadAsync(code, ct)) return NotFound();
        if (!ModelState.IsValid) return Page();
        var result = await establish.RunAsync(new EstablishUnitInput(code, Input.Name ?? "", Input.Kind, Input.LocalLabel, Input.EffectiveDate!.Value,
            Input.HouseholdCount, Input.Population, Input.CountsAsOf, Input.Classification, Input.Decision, Input.Note), ct);
        return this.Finish(result, _ => $"Đã thêm \"{VietnameseText.Clean(Input.Name)}\".", unit => $"/thon/{unit.Id}");
    }

    private async Task<bool> LoadAsync(string code, CancellationToken ct)
    {
        if (await db.FindCommuneAsync(code, time.Today(), ct) is not { } commune) return false;
        if (!db.Access.ScopeFor(Permission.EditUnits).CoversCommune(commune.ProvinceCode, commune.Id)) return false;
        Commune = AdminUnitQueries.ToRow(commune, null, null, time.Today());
        return true;
    }
}
