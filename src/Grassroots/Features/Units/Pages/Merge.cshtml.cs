using Grassroots.Features.Accounts;
using System.ComponentModel.DataAnnotations;
using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.People;
using Grassroots.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Units.Pages;

public sealed class MergeSourceForm
{
    public int Id { get; set; }
    public int Version { get; set; }
    public string? Name { get; set; }
    public int? HouseholdCount { get; set; }
    [Display(Name = "Tỷ lệ tán thành")]
    public decimal? ApprovalPercent { get; set; }
}

public sealed class MergeForm : EventForm
{
    public List<MergeSourceForm> Sources { get; set; } = [];
    public int? IntoUnitId { get; set; }
    [Display(Name = "Tên sau sáp nhập")]
    public string? NewName { get; set; }
    public string? NewLocalLabel { get; set; }
    [Display(Name = "Số hộ sau sáp nhập")]
    public int? HouseholdCount { get; set; }
    public bool AdjacencyConfirmed { get; set; }
    public List<TenureChoiceForm> Tenures { get; set; } = [];
}

[RequirePermission(Permission.EditUnits)]
public sealed class MergeModel(AppDb db, MergeUnits merge, TimeProvider time) : PageModel
{
    [BindProperty]
    public MergeForm Input { get; set; } = new();

    public AdminUnitRow Commune { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string code, [FromQuery] int[] ids, CancellationToken ct)
    {
        if (!await LoadAsync(code, ct)) return NotFound();
        Input.EffectiveDate = time.Today();
        foreach (var id in ids.Distinct())
            if (await UnitQueries.GetAsync(db, id, time.Today(), ct) is { } u && u.CommuneCode == code)
                Input.Sources.Add(new MergeSourceForm { Id = u.Id, Version = u.Version, Name = u.Name, HouseholdCount = u.HouseholdCount });
        Input.Tenures = await TenureChoiceForm.LoadAsync(db, Input.Sources.Select(s => s.Id), time.Today(), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        if (!await LoadAsync(code, ct)) return NotFound();
        if (!ModelState.IsValid) return Page();
        var result = await merge.RunAsync(new MergeUnitsInput(
            Input.Sources.Select(s => new MergeSource(s.Id, s.Version, s.ApprovalPercent)).ToList(), Input.EffectiveDate!.Value, Input.AdjacencyConfirmed,
            Input.IntoUnitId, Input.NewName, null, Input.NewLocalLabel, Input.HouseholdCount, null, Input.Decision, Input.Note,
            [.. Input.Tenures.Select(t => new TenureTransfer(t.TenureId, t.Target >= 0))]), ct);
        return this.Finish(result, _ => $"Đã sáp nhập {Input.Sources.Count} đơn vị (hiệu lực {VietnameseText.FormatDate(Input.EffectiveDate)}).", unit => $"/thon/{unit.Id}");
    }

    private async Task<bool> LoadAsync(string code, CancellationToken ct)
    {
        if (await db.FindCommuneAsync(code, time.Today(), ct) is not { } commune) return false;
        if (!db.Access.ScopeFor(Permission.EditUnits).CoversCommune(commune.ProvinceCode, commune.Id)) return false;
        Commune = AdminUnitQueries.ToRow(commune, null, null, time.Today());
        return true;
    }
}
