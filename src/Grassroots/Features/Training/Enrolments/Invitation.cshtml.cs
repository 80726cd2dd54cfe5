using Grassroots.Data;
using Grassroots.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Grassroots.Features.Training.Enrolments;

/// <summary>
/// /moi/{code}: one person's invitation, for a unit leader on a phone — the course, dates, venue, their class and
/// sessions, their name and post. Public: the code is the key (128 random bits, one per enrolment). It shows the name in
/// full, as the paper invitation does, and nothing else about the person (no birth date, CCCD, phone, withdrawal
/// reason); it is not indexed, cached or sent on as a referrer.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Public)]
public sealed class InvitationModel(AppDb db) : PageModel
{
    public InvitationView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        if (await Invitations.ByCodeAsync(db, code, ct) is not { } view) return NotFound();
        View = view;
        Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        Response.Headers.CacheControl = "no-store";
        Response.Headers["Referrer-Policy"] = "no-referrer";
        return Page();
    }
}
