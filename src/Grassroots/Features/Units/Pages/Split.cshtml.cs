using Grassroots.Features.Accounts;
using System.ComponentModel.DataAnnotations;
using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.People;
using Grassroots.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Units.Pages;

public sealed class SplitPartForm
{
    [Display(Name = "Tên đơn vị mới")]
    public string? Name { get; set; }
    public string? LocalLabel { get; set; }
    [Display(Name = "Số hộ")]
    public int? HouseholdCount { get; set; }
    [Display(Name = "Nhân khẩu")]
    public int? Population { get; set; }
}

public sealed class SplitForm : EventForm
{
    public int Version { get; set; }
    public List<SplitPartForm> Parts { get; set; } = [];
    [Display(Name = "Tỷ lệ tán thành")]
    public decimal? ApprovalPercent { get; set; }
    public List<TenureChoiceForm> Tenures { get; set; } = [];
}

[RequirePermission(Permission.EditUnits)]
public sealed class SplitModel(AppDb db, SplitUnit split, TimeProvider time) : PageModel
{
    private const int Rows = 5;

    [BindProperty]
    public SplitForm Input { get; set; } = new();

    public UnitRow Unit { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await UnitQueries.GetAsync(db, id, null, ct) is not { } unit) return NotFound();
        Unit = unit;
        Input = new SplitForm { Version = unit.Version, EffectiveDate = time.Today(), Tenures = await TenureChoiceForm.LoadAsync(db, [id], time.Today(), ct) };
        Pad();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await UnitQueries.GetAsync(db, id, null, ct) is not { } unit) return NotFound();
        Unit = unit;
        Pad();
        if (!ModelState.IsValid) return Page();
        var parts = Input.Parts.Where(p => !string.IsNullOrWhiteSpace(p.Name))
            .Select(p => new SplitPart(p.Name!, p.LocalLabel, p.HouseholdCount, p.Population)).ToList();
        // A tenure's target is a row of the form; the use case counts only the rows filled in.
        int? PartOf(int row) => row < 0 || row >= Input.Parts.Count || string.IsNullOrWhiteSpace(Input.Parts[row].Name)
            ? null : Input.Parts.Take(row).Count(p => !string.IsNullOrWhiteSpace(p.Name));
        var transfers = Input.Tenures.Select(t => new TenureTransfer(t.TenureId, t.Target >= 0, t.Target >= 0 ? PartOf(t.Target) ?? -1 : null)).ToList();
        var result = await split.RunAsync(new SplitUnitInput(new UnitChangeInput(id, Input.Version, Input.EffectiveDate!.Value, Input.Decision, Input.Note), parts, Input.ApprovalPercent, transfers), ct);
        return this.Finish(result, units => $"Đã chia tách thành {units.Count} đơn vị: {string.Join(", ", parts.Select(p => p.Name))}.", _ => $"/thon/{id}");
    }

    private void Pad()
    {
        while (Input.Parts.Count < Rows) Input.Parts.Add(new SplitPartForm());
    }
}
