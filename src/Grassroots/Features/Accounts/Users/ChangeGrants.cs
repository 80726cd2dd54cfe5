using Grassroots.Common;
using Grassroots.Data;

namespace Grassroots.Features.Accounts.Users;

public sealed record AddGrantInput(int UserId, Role? Role, string? ScopeCode = null, int? UnitId = null);

/// <summary>Cấp thêm quyền: a role over a scope within the manager's own reach.</summary>
public sealed class AddGrant(AppDb db, TimeProvider time)
{
    public async Task<Result<UserGrant>> RunAsync(AddGrantInput input, CancellationToken ct)
    {
        if (await UserQueries.FindManageableAsync(db, input.UserId, ct) is not { } user) return UserQueries.UserNotFound;
        if (input.Role is not { } role || !Enum.IsDefined(role)) return new Error("role_required", "Chưa chọn vai trò.", "role");
        var target = await UserQueries.ResolveTargetAsync(db, time, input.ScopeCode, input.UnitId, ct);
        if (!target.Succeeded) return Result<UserGrant>.Fail(target.Errors);
        var where = target.Value!;
        if (await UserQueries.CheckGrantableAsync(db, role, where, ct) is { } denied) return denied;
        if (user.Grants.Any(g => g.Role == role && g.AdminUnitId == where.AdminUnitId && g.ResidentialUnitId == where.ResidentialUnitId))
            return new Error("grant_exists", $"Người dùng đã có quyền {Permissions.RoleName(role)} — {where.Name}.", "role", ErrorKind.Conflict);
        var grant = new UserGrant { Role = role, AdminUnitId = where.AdminUnitId, ResidentialUnitId = where.ResidentialUnitId, CreatedAt = time.UtcNow() };
        user.Grants.Add(grant);
        db.Operation = "grant_add";
        await db.SaveChangesAsync(ct);
        return Result<UserGrant>.Ok(grant);
    }
}

public sealed record RemoveGrantInput(int UserId, int GrantId);

/// <summary>Thu hồi một quyền. A user keeps at least one grant (disable the account instead), and nobody removes their own last user-management grant.</summary>
public sealed class RemoveGrant(AppDb db)
{
    public async Task<Result<UserGrant>> RunAsync(RemoveGrantInput input, CancellationToken ct)
    {
        if (await UserQueries.FindManageableAsync(db, input.UserId, ct) is not { } user) return UserQueries.UserNotFound;
        if (user.Grants.FirstOrDefault(g => g.Id == input.GrantId) is not { } grant) return Error.NotFound("quyền này của người dùng");
        // Users holding such grants are out of reach of anyone else already (UserQueries); checked again here all the same.
        if ((grant.Role == Role.SystemAdmin || (grant.AdminUnitId is null && grant.ResidentialUnitId is null)) && !await UserQueries.IsCountryAdminAsync(db, ct))
            return UserQueries.UserNotFound;
        if (user.Grants.Count == 1)
            return new Error("last_grant", "Không thể thu hồi quyền cuối cùng của người dùng; nếu người này không còn làm việc, hãy vô hiệu hóa tài khoản.");
        if (user.Id == db.Access.UserId && Permissions.Has(grant.Role, Permission.ManageUsers)
            && user.Grants.Count(g => Permissions.Has(g.Role, Permission.ManageUsers)) == 1)
            return new Error("own_last_manage_grant", "Bạn không thể tự thu hồi quyền quản lý người dùng cuối cùng của mình.");
        user.Grants.Remove(grant);
        db.UserGrants.Remove(grant);
        db.Operation = "grant_remove";
        await db.SaveChangesAsync(ct);
        return Result<UserGrant>.Ok(grant);
    }
}
