using Grassroots.Common;
using Grassroots.Data;
using Microsoft.AspNetCore.Identity;

namespace Grassroots.Features.Accounts.Users;

public sealed record SetUserDisabledInput(int UserId, bool Disabled);

/// <summary>
/// Vô hiệu hóa / kích hoạt lại một tài khoản. A disabled user is anonymous from their next request on, whatever cookie or
/// bearer token they hold (CurrentAccess reads the flag on every request); the security stamp changes as well.
/// </summary>
public sealed class SetUserDisabled(AppDb db, UserManager<AppUser> users)
{
    public async Task<Result<AppUser>> RunAsync(SetUserDisabledInput input, CancellationToken ct)
    {
        if (await UserQueries.FindManageableAsync(db, input.UserId, ct) is not { } user) return UserQueries.UserNotFound;
        if (input.Disabled && user.Id == db.Access.UserId)
            return new Error("disable_self", "Bạn không thể tự vô hiệu hóa tài khoản của mình.");
        if (user.IsDisabled == input.Disabled)
            return new Error("unchanged", input.Disabled ? "Tài khoản này đã bị vô hiệu hóa." : "Tài khoản này đang hoạt động.", Kind: ErrorKind.Conflict);
        user.IsDisabled = input.Disabled;
        db.Operation = input.Disabled ? "user_disable" : "user_enable";
        var updated = await users.UpdateSecurityStampAsync(user);
        if (!updated.Succeeded) return Result<AppUser>.Fail(UserQueries.FromIdentity(updated.Errors, "password"));
        return Result<AppUser>.Ok(user);
    }
}

/// <summary>Mở khóa: ends a temporary lockout after too many wrong passwords.</summary>
public sealed class UnlockUser(AppDb db)
{
    public async Task<Result<AppUser>> RunAsync(int userId, CancellationToken ct)
    {
        if (await UserQueries.FindManageableAsync(db, userId, ct) is not { } user) return UserQueries.UserNotFound;
        if (!UserQueries.IsLockedOut(user.LockoutEnd) && user.AccessFailedCount == 0)
            return new Error("not_locked", "Tài khoản này không bị khóa tạm thời.", Kind: ErrorKind.Conflict);
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        db.Operation = "user_unlock";
        await db.SaveChangesAsync(ct);
        return Result<AppUser>.Ok(user);
    }
}
