using System.ComponentModel.DataAnnotations;
using Grassroots.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Accounts;

public sealed class LoginForm
{
    [Display(Name = "Tên đăng nhập")]
    [Required(ErrorMessage = "Chưa nhập tên đăng nhập.")]
    public string? UserName { get; set; }

    [Display(Name = "Mật khẩu")]
    [Required(ErrorMessage = "Chưa nhập mật khẩu.")]
    public string? Password { get; set; }
}

[AllowAnonymous]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(AuthApi.LoginRateLimit)]
public sealed class LoginModel(SignIn signIn) : PageModel
{
    [BindProperty]
    public LoginForm Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        var result = await signIn.CheckAsync(Input.UserName, Input.Password, ct);
        if (!result.Succeeded)
        {
            ModelState.AddModelError("", result.Errors[0].Message);
            return Page();
        }
        await HttpContext.SignInAsync(IdentityConstants.ApplicationScheme, result.Value!);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
