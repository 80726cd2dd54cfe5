using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Training.Attendances;

/// <summary>
/// Tự điểm danh (/diem-danh/{id}?ma=…), opened from the QR code on a leader's phone: the course, the session, their name,
/// one big button that posts the code; then the result. Without a code in the address the leader types the six digits.
/// </summary>
[RequirePermission(Permission.ViewPeople)]
[EnableRateLimiting(RateLimits.CheckIn)]
public sealed class CheckInPageModel(AppDb db, CheckIn checkIn) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "ma")]
    public string? Code { get; set; }

    public SessionHeader Session { get; private set; } = null!;
    public string? PersonName { get; private set; }
    public bool Linked => db.Access.PersonId is not null;
    /// <summary>The leader's mark for the session when it counts as present (then there is nothing to confirm).</summary>
    public Attendance? Mark { get; private set; }
    public Error? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var result = await checkIn.RunAsync(id, Code, ct);
        if (result.Succeeded)
        {
            var done = result.Value!;
            this.Flash($"Đã ghi nhận bạn {done.StatusName.ToLower(VietnameseText.Culture)} lúc {AttendanceQueries.LocalTime(done.RecordedAt)}. Cảm ơn bạn!");
            return Redirect($"/diem-danh/{id}");
        }
        if (result.Errors[0].Kind == ErrorKind.NotFound) return NotFound();
        Problem = result.Errors[0];
        await LoadAsync(id, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        if (await AttendanceQueries.SessionAsync(db, id, ct) is not { } session) return false;
        Session = session;
        if (db.Access.PersonId is not { } me) return true;
        // The leader's own person and mark, by their own id (whatever their scope shows of others).
        PersonName = await db.People.IgnoreQueryFilters().AsNoTracking().Where(p => p.Id == me).Select(p => p.FullName).FirstOrDefaultAsync(ct);
        var mark = await db.Attendances.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(a => a.SessionId == id && a.PersonId == me, ct);
        Mark = mark is not null && Attendance.Counts(mark.Status) ? mark : null;
        return true;
    }
}
