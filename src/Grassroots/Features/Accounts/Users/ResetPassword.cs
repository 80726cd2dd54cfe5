using System.Security.Cryptography;
using Grassroots.Common;
using Grassroots.Data;
using Microsoft.AspNetCore.Identity;

namespace Grassroots.Features.Accounts.Users;

public sealed record ResetPasswordInput(int UserId, string? NewPassword);

/// <summary>
/// Đặt lại mật khẩu: an administrator types the new one (there is no e-mail round trip). Identity checks the
/// password rules and changes the security stamp, so cookies issued before are refused at their next validation.
/// </summary>
public sealed class ResetPassword(AppDb db, UserManager<AppUser> users)
{
    public async Task<Result<AppUser>> RunAsync(ResetPasswordInput input, CancellationToken ct)
    {
        if (await UserQueries.FindManageableAsync(db, input.UserId, ct) is not { } user) return UserQueries.UserNotFound;
        if (string.IsNullOrEmpty(input.NewPassword)) return new Error("password_required", "Chưa nhập mật khẩu mới.", "newPassword");
        db.Operation = "password_reset";
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var reset = await users.ResetPasswordAsync(user, token, input.NewPassword);
        if (!reset.Succeeded)
        {
            db.ChangeTracker.Clear();
            return Result<AppUser>.Fail(UserQueries.FromIdentity(reset.Errors, "newPassword"));
        }
        return Result<AppUser>.Ok(user);
    }

    /// <summary>A password that meets the rules (10+ characters, a digit, a lower-case letter), for the command line.</summary>
    public static string Generate()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return new string(RandomNumberGenerator.GetItems<char>(alphabet, 14)) + RandomNumberGenerator.GetInt32(10) + "x";
    }
}
