using System.Security.Claims;
using Grassroots.Common;
using Grassroots.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Accounts;

/// <summary>Checks a user name and password (with lockout), records the login or the failure, and returns the principal.</summary>
public sealed class SignIn(AppDb db, UserManager<AppUser> users, SignInManager<AppUser> signIn)
{
    public async Task<Result<ClaimsPrincipal>> CheckAsync(string? userName, string? password, CancellationToken ct)
    {
        var invalid = new Error("invalid_credentials", "Tên đăng nhập hoặc mật khẩu không đúng.", Kind: ErrorKind.Invalid);
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password)) return invalid;
        var user = await users.FindByNameAsync(userName.Trim());
        if (user is null)
        {
            await RecordAsync("login_failed", null, $"Đăng nhập thất bại: không có tài khoản \"{Truncate(userName.Trim())}\"", ct);
            return invalid;
        }
        if (user.IsDisabled)
        {
            await RecordAsync("login_failed", user, "Đăng nhập thất bại: tài khoản đã bị khóa", ct);
            return new Error("account_disabled", "Tài khoản này đã bị khóa. Liên hệ quản trị viên.", Kind: ErrorKind.Forbidden);
        }
        var check = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (check.IsLockedOut)
        {
            await RecordAsync("login_failed", user, "Đăng nhập thất bại: tài khoản đang bị khóa tạm thời", ct);
            return new Error("locked_out", "Tài khoản bị khóa tạm thời do nhập sai mật khẩu nhiều lần. Hãy thử lại sau 15 phút.", Kind: ErrorKind.Forbidden);
        }
        if (!check.Succeeded)
        {
            await RecordAsync("login_failed", user, "Đăng nhập thất bại: sai mật khẩu", ct);
            return invalid;
        }
        await RecordAsync("login", user, "Đăng nhập", ct);
        return Result<ClaimsPrincipal>.Ok(await signIn.CreateUserPrincipalAsync(user));
    }

    private async Task RecordAsync(string action, AppUser? user, string summary, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        db.Record(action, nameof(AppUser), user?.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), summary);
        var audit = db.AuditEvents.Local.Last();
        audit.UserId = user?.Id;
        audit.UserName = user?.UserName;
        await db.SaveChangesAsync(ct);
    }

    private static string Truncate(string s) => s.Length <= 60 ? s : s[..60];
}
