using Grassroots.Features.Accounts;
using System.ComponentModel.DataAnnotations;
using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Units.Pages;

public sealed class ChangeForm : EventForm
{
    public int Version { get; set; }
    [Display(Name = "Tên mới")]
    public string? NewName { get; set; }
    [Display(Name = "Tên gọi địa phương mới")]
    public string? NewLocalLabel { get; set; }
    [Display(Name = "Mã xã/phường mới")]
    public string? TargetCommuneCode { get; set; }
    [Display(Name = "Loại sau khi chuyển")]
    public UnitKind? NewKind { get; set; }
}

/// <summary>One form for the dated changes of one unit: ?loai=rename|convert|move|dissolve.</summary>
[RequirePermission(Permission.EditUnits)]
public sealed class ChangeModel(AppDb db, RenameUnit rename, ConvertUnit convert, MoveUnit move, DissolveUnit dissolve, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Loai { get; set; } = "";

    [BindProperty]
    public ChangeForm Input { get; set; } = new();

    public UnitRow Unit { get; private set; } = null!;

    public string Title => Loai switch
    {
        "rename" => "Đổi tên",
        "convert" => "Chuyển đổi thôn ↔ tổ dân phố",
        "move" => "Chuyển sang xã/phường khác",
        _ => "Giải thể",
    };

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Input = new ChangeForm { Version = Unit.Version, EffectiveDate = time.Today() };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!ModelState.IsValid) return Page();
        var change = new UnitChangeInput(id, Input.Version, Input.EffectiveDate!.Value, Input.Decision, Input.Note);
        var result = Loai switch
        {
            "rename" => await rename.RunAsync(new RenameUnitInput(change, Input.NewName ?? ""), ct),
            "convert" => await convert.RunAsync(new ConvertUnitInput(change, Input.NewName, Input.NewLocalLabel), ct),
            "move" => await move.RunAsync(new MoveUnitInput(change, Input.TargetCommuneCode ?? "", Input.NewName, Input.NewKind), ct),
            _ => await dissolve.RunAsync(change, ct),
        };
        return this.Finish(result, _ => $"Đã ghi nhận: {Title.ToLowerInvariant()} (hiệu lực {VietnameseText.FormatDate(Input.EffectiveDate)}).", _ => $"/thon/{id}");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        if (Loai is not ("rename" or "convert" or "move" or "dissolve")) return false;
        if (await UnitQueries.GetAsync(db, id, null, ct) is not { } unit) return false;
        Unit = unit;
        return true;
    }
}
