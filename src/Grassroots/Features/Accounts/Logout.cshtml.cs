using Grassroots.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Accounts;

[AllowAnonymous]
public sealed class LogoutModel(AppDb db) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (db.Access.IsAuthenticated)
        {
            db.Record("logout", nameof(AppUser), db.Access.UserId?.ToString(System.Globalization.CultureInfo.InvariantCulture), "Đăng xuất");
            await db.SaveChangesAsync(ct);
        }
        await HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        return LocalRedirect("/");
    }
}
