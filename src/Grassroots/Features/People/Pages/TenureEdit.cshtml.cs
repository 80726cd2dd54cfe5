using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.People.Pages;

/// <summary>Corrects a tenure (the person and the unit stay); deletes one entered by mistake, after a confirmation.</summary>
[RequirePermission(Permission.EditPeople)]
public sealed class TenureEditModel(AppDb db, RecordTenure record, TimeProvider time) : PageModel
{
    [BindProperty]
    public TenureForm Input { get; set; } = new();

    public LeaderRow Row { get; private set; } = null!;
    public string? DeleteError { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        await FillAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Input.PersonId = Row.PersonId;
        var input = Input.ToInput(ModelState, Row.UnitId, Row.CommuneCode, newPerson: false);
        if (input is null) return Page();
        var result = await record.UpdateAsync(id, Input.Version, input, ct);
        return this.FinishNested(result, t => $"Đã lưu chức danh {Tenure.PositionName(t.Position, Row.UnitKind, t.Title)} của {Row.FullName}.", _ => $"/thon/{Row.UnitId}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, int deleteVersion, bool confirmDelete, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        ModelState.Clear();
        if (!confirmDelete) DeleteError = "Hãy đánh dấu ô xác nhận trước khi xóa.";
        else
        {
            var result = await record.DeleteAsync(id, deleteVersion, ct);
            if (result.Succeeded)
            {
                this.Flash($"Đã xóa mục {Row.PositionName} của {Row.FullName} (từ ngày {VietnameseText.FormatDate(Row.StartDate)}) nhập nhầm.");
                return Redirect($"/thon/{Row.UnitId}");
            }
            DeleteError = string.Join(" ", result.Errors.Select(e => e.Message));
        }
        await FillAsync(ct);
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        if (await LeaderQueries.TenureAsync(db, id, time.Today(), ct) is not { } row || !await PersonPages.CanEditTenuresAsync(db, row.UnitId, ct)) return false;
        Row = row;
        return true;
    }

    private async Task FillAsync(CancellationToken ct)
    {
        Input = TenureForm.From(Row);
        Input.Note = await db.Tenures.Where(t => t.Id == Row.TenureId).Select(t => t.Note).FirstAsync(ct);
    }
}
