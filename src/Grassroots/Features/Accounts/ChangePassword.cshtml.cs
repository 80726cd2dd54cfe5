using System.ComponentModel.DataAnnotations;
using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Accounts.Users;
using Grassroots.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Accounts;

public sealed class ChangePasswordForm
{
    [Display(Name = "Mật khẩu hiện tại")]
    [Required(ErrorMessage = "Chưa nhập mật khẩu hiện tại.")]
    public string? CurrentPassword { get; set; }

    [Display(Name = "Mật khẩu mới")]
    [Required(ErrorMessage = "Chưa nhập mật khẩu mới.")]
    public string? NewPassword { get; set; }

    [Display(Name = "Nhập lại mật khẩu mới")]
    [Required(ErrorMessage = "Chưa nhập lại mật khẩu mới.")]
    [Compare(nameof(NewPassword), ErrorMessage = "Hai lần nhập mật khẩu mới không khớp nhau.")]
    public string? ConfirmPassword { get; set; }
}

/// <summary>Đổi mật khẩu: any signed-in user, for their own account.</summary>
[Authorize]
public sealed class ChangePasswordModel(AppDb db, UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty]
    public ChangePasswordForm Input { get; set; } = new();

    public string UserName => db.Access.UserName ?? "";

    public IActionResult OnGet() => db.Access.IsAuthenticated ? Page() : Challenge();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (db.Access.UserId is not { } id || await users.FindByIdAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture)) is not { } user)
            return Challenge();
        if (!ModelState.IsValid) return Page();
        db.Operation = "password_change";
        var changed = await users.ChangePasswordAsync(user, Input.CurrentPassword!, Input.NewPassword!);
        if (!changed.Succeeded)
        {
            ModelState.AddErrors(changed.Errors.Select(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)
                ? new Error("identity_" + e.Code, e.Description, "currentPassword")
                : UserQueries.FromIdentity([e], "newPassword")[0]));
            return Page();
        }
        // The security stamp changed: renew this browser's cookie so that only other sessions have to sign in again.
        if ((await HttpContext.AuthenticateAsync(IdentityConstants.ApplicationScheme)).Succeeded) await signIn.RefreshSignInAsync(user);
        this.Flash("Đã đổi mật khẩu.");
        return Redirect("/tai-khoan/mat-khau");
    }
}
