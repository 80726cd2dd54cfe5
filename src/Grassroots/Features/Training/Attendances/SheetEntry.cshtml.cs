using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Training.Attendances;

/// <summary>
/// Nhập sổ ký: one printed page of the sign-in sheet (?trang=n, opened from its QR code with ?ma=…), the same rows in the
/// same order and numbering, each ticked when the person signed (absent by default; ?tatca=1 ticks them all), saved as
/// marks "theo danh sách ký". A page printed before the list changed is flagged.
/// </summary>
[RequirePermission(Permission.RecordAttendance)]
public sealed class SheetEntryModel(AppDb db, RecordRollCall record, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "trang")]
    public int PageNumber { get; set; } = 1;

    [BindProperty(SupportsGet = true, Name = "ma")]
    public string? Check { get; set; }

    /// <summary>?tatca=1: every row shown ticked ("Tất cả có mặt"), to untick those who did not sign.</summary>
    [BindProperty(SupportsGet = true, Name = "tatca")]
    public int? All { get; set; }

    public bool AllPresent => All == 1;

    /// <summary>The ticked rows (enrolment ids) as posted.</summary>
    [BindProperty]
    public List<int> Present { get; set; } = [];

    public SheetRoster Roster { get; private set; } = null!;
    public SessionHeader Session => Roster.Session;
    public List<(int Number, AttendanceRow Row)> Rows { get; private set; } = [];
    /// <summary>Arrived from a page printed before the list changed.</summary>
    public bool Stale => Check is not null && !SignInSheets.Matches(Roster, PageNumber, Check);
    public bool NotYet => Session.Date > time.Today();

    public bool Ticked(AttendanceRow row) => Request.Method == "POST" ? Present.Contains(row.EnrolmentId)
        : AllPresent || (row.Status is { } s && Attendance.Counts(s));

    public string PageUrl(int page, bool all = false) =>
        $"/dao-tao/buoi/{Session.Id}/nhap-so-ky?trang={page}{(page == PageNumber && Check is not null ? "&ma=" + Uri.EscapeDataString(Check) : "")}{(all ? "&tatca=1" : "")}";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var marks = SignInSheets.Marks(Rows.Select(r => r.Row), Present.ToHashSet());
        var result = await record.RunAsync(id, new RollCallInput(marks), AttendanceMethod.SignInSheet, ct);
        if (!result.Succeeded)
        {
            if (result.Errors[0].Kind == ErrorKind.NotFound) return NotFound();
            ModelState.AddErrors(result.Errors.Select(e => e with { Field = null }));
            return Page();
        }
        var present = marks.Count(m => Attendance.Counts(m.Status!.Value));
        this.Flash($"Đã lưu trang {PageNumber}/{Roster.Pages} của sổ ký: {present} có mặt, {marks.Count - present} vắng " +
                   $"({result.Value!.Created} ghi mới, {result.Value.Changed} thay đổi).");
        return Redirect(PageUrl(PageNumber));
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        if (await SignInSheets.RosterAsync(db, id, ct) is not { } roster) return false;
        Roster = roster;
        PageNumber = Math.Clamp(PageNumber, 1, roster.Pages);
        Rows = [.. roster.Page(PageNumber)];
        return true;
    }
}
