using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.People.Pages;

/// <summary>Records that a person stopped holding a position: the last day, the reason and the decision.</summary>
[RequirePermission(Permission.EditPeople)]
public sealed class TenureEndModel(AppDb db, RecordTenure record, TimeProvider time) : PageModel
{
    [BindProperty]
    public EndTenureForm Input { get; set; } = new();

    public LeaderRow Row { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        // The tenure's note is replaced by the one given here: start from it.
        var note = await db.Tenures.Where(t => t.Id == id).Select(t => t.Note).FirstAsync(ct);
        Input = new EndTenureForm { Version = Row.Version, EndDate = FormDates.Show(time.Today()), Note = note };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var input = Input.ToInput(ModelState, id);
        if (input is null) return Page();
        var result = await record.EndAsync(input, ct);
        return this.FinishNested(result, t => $"Đã ghi nhận {Row.FullName} thôi giữ chức danh {Row.PositionName} (ngày thôi {VietnameseText.FormatDate(t.EndDate)}, {Tenure.EndReasonName(t.EndReason).ToLowerInvariant()}).",
            _ => $"/thon/{Row.UnitId}");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        if (await LeaderQueries.TenureAsync(db, id, time.Today(), ct) is not { } row || !await PersonPages.CanEditTenuresAsync(db, row.UnitId, ct)) return false;
        Row = row;
        return true;
    }
}
