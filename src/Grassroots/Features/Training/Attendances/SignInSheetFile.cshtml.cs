using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Training.Attendances;

/// <summary>In sổ ký: the session's sign-in sheet as a PDF to print, each page's QR code opening its entry page.</summary>
[RequirePermission(Permission.RecordAttendance)]
public sealed class SignInSheetFileModel(AppDb db) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await SignInSheets.RosterAsync(db, id, ct) is not { } roster) return NotFound();
        var pdf = SignInSheets.Pdf(roster, $"{Request.Scheme}://{Request.Host}", ct);
        return File(pdf, "application/pdf", SignInSheets.FileName(roster.Session));
    }
}
