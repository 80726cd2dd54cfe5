using Grassroots.Data;
using Grassroots.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Grassroots.Features.Training.Certificates;

/// <summary>
/// /verify/{code}: anyone holding a certificate's code (printed and in its QR code) checks that it is genuine: the holder's
/// name masked, the birth year, the course, organiser, dates, number and date of issue, or that it was revoked. An
/// unknown code is a 404 that says so. Not indexed, not cached.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Public)]
public sealed class VerifyModel(AppDb db) : PageModel
{
    public CertificateCheck? Check { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        Response.Headers.CacheControl = "no-store";
        Response.Headers["Referrer-Policy"] = "no-referrer";
        Check = await CertificateQueries.VerifyAsync(db, code, ct);
        if (Check is null) Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
