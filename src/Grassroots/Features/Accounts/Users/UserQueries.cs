using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Units;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Accounts.Users;

public sealed record GrantRow(int Id, Role Role, string ScopeName, bool CountryWide)
{
    public string RoleName => Permissions.RoleName(Role);
    public string Text => $"{RoleName} — {ScopeName}";
}

/// <summary>An account as the user pages show it; <see cref="PersonName"/> is the linked registry person's (null when hidden from the manager).</summary>
public sealed record UserRow(int Id, string UserName, string FullName, string? Email, string? PhoneNumber, bool IsDisabled, bool IsLockedOut,
    DateTime CreatedAt, IReadOnlyList<GrantRow> Grants, int? PersonId = null, string? PersonName = null)
{
    public string StateName => IsDisabled ? "Đã vô hiệu hóa" : IsLockedOut ? "Khóa tạm thời (nhập sai mật khẩu)" : "Đang hoạt động";
}

/// <summary>Where a grant reaches: the whole country, a province or commune (today), or one residential unit.</summary>
public sealed record GrantTarget(int? AdminUnitId, int? ResidentialUnitId, string? ProvinceCode, int? CommuneId, string Name)
{
    public static readonly GrantTarget Country = new(null, null, null, null, CountryName);
    public const string CountryName = "Toàn quốc";
    public bool CountryWide => AdminUnitId is null && ResidentialUnitId is null;
}

/// <summary>
/// Which users the current user may see and manage. Jurisdiction: every grant the user holds must lie within the
/// manager's ManageUsers scope; grants of the system-administrator role or over the whole country only within the
/// reach of a country-wide system administrator (so nobody manages, or takes over, an account stronger than they
/// could create). Users without any grant are seen by country-wide managers only.
/// </summary>
public static class UserQueries
{
    public static async Task<bool> IsCountryAdminAsync(AppDb db, CancellationToken ct) =>
        db.Access.IsSystem || (db.Access.UserId is { } me && await db.UserGrants.AnyAsync(
            g => g.UserId == me && g.Role == Role.SystemAdmin && g.AdminUnitId == null && g.ResidentialUnitId == null, ct));

    public static async Task<IQueryable<AppUser>> ManageableAsync(AppDb db, CancellationToken ct)
    {
        var scope = db.Access.ScopeFor(Permission.ManageUsers);
        if (scope.IsEmpty) return db.Users.Where(_ => false);
        if (await IsCountryAdminAsync(db, ct)) return db.Users;
        var users = db.Users.Where(u => !u.Grants.Any(g => g.Role == Role.SystemAdmin || (g.AdminUnitId == null && g.ResidentialUnitId == null)));
        if (scope.All) return users;
        string[] provinces = [.. scope.Provinces];
        int[] communes = [.. scope.Communes];
        int[] units = [.. scope.Units];
        return users.Where(u => u.Grants.Any() && u.Grants.All(g =>
            (g.AdminUnitId != null && (provinces.Contains(g.AdminUnit!.ProvinceCode) || (g.AdminUnit.Level == AdminLevel.Commune && communes.Contains(g.AdminUnit.Id))))
            || (g.ResidentialUnitId != null && (provinces.Contains(g.ResidentialUnit!.ProvinceCode) || communes.Contains(g.ResidentialUnit.CurrentCommuneId)
                || units.Contains(g.ResidentialUnit.Id)))));
    }

    /// <summary>The user with their grants (tracked, for a change), or null when missing or outside the manager's reach.</summary>
    public static async Task<AppUser?> FindManageableAsync(AppDb db, int id, CancellationToken ct) =>
        await (await ManageableAsync(db, ct)).Include(u => u.Grants).FirstOrDefaultAsync(u => u.Id == id, ct);

    public static async Task<List<UserRow>> ListAsync(AppDb db, TimeProvider time, string? q, CancellationToken ct)
    {
        var query = (await ManageableAsync(db, ct)).AsNoTracking();
        var text = q?.Trim() ?? "";
        if (text.Length > 0)
        {
            var upper = text.ToUpperInvariant();
            query = query.Where(u => u.NormalizedUserName!.Contains(upper) || u.FullName.Contains(text));
        }
        return await RowsAsync(db, time, query.OrderBy(u => u.UserName), ct);
    }

    public static async Task<UserRow?> GetAsync(AppDb db, TimeProvider time, int id, CancellationToken ct) =>
        (await RowsAsync(db, time, (await ManageableAsync(db, ct)).AsNoTracking().Where(u => u.Id == id), ct)).FirstOrDefault();

    private static async Task<List<UserRow>> RowsAsync(AppDb db, TimeProvider time, IQueryable<AppUser> users, CancellationToken ct)
    {
        var rows = await users.Select(u => new
        {
            u.Id, u.UserName, u.FullName, u.Email, u.PhoneNumber, u.IsDisabled, u.LockoutEnd, u.CreatedAt, u.PersonId,
            Grants = u.Grants.OrderBy(g => g.Id).Select(g => new { g.Id, g.Role, g.AdminUnitId, g.ResidentialUnitId }).ToList(),
        }).ToListAsync(ct);
        var adminUnitIds = rows.SelectMany(r => r.Grants).Where(g => g.AdminUnitId is not null).Select(g => g.AdminUnitId!.Value).Distinct().ToList();
        var unitIds = rows.SelectMany(r => r.Grants).Where(g => g.ResidentialUnitId is not null).Select(g => g.ResidentialUnitId!.Value).Distinct().ToList();
        var personIds = rows.Where(r => r.PersonId is not null).Select(r => r.PersonId!.Value).Distinct().ToList();
        var personNames = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.FullName, ct);
        var today = time.Today();
        var adminNames = (await db.AdminUnits.AsNoTracking().Include(a => a.TypeChanges).Where(a => adminUnitIds.Contains(a.Id)).ToListAsync(ct))
            .ToDictionary(a => a.Id, a => a.AsOf(today).FullName);
        var unitNames = new Dictionary<int, string>();
        foreach (var id in unitIds)
            if (await UnitQueries.GetAsync(db, id, null, ct) is { } unit) unitNames[id] = UnitName(unit);
        return rows.Select(r => new UserRow(r.Id, r.UserName ?? "", r.FullName, r.Email, r.PhoneNumber, r.IsDisabled, IsLockedOut(r.LockoutEnd), r.CreatedAt,
            r.Grants.Select(g => new GrantRow(g.Id, g.Role,
                g.AdminUnitId is { } a ? adminNames.GetValueOrDefault(a, "(đơn vị hành chính đã thay đổi)")
                : g.ResidentialUnitId is { } u ? unitNames.GetValueOrDefault(u, "(thôn, tổ dân phố ngoài phạm vi xem)")
                : GrantTarget.CountryName, g.AdminUnitId is null && g.ResidentialUnitId is null)).ToList(),
            r.PersonId, r.PersonId is { } p ? personNames.GetValueOrDefault(p) : null)).ToList();
    }

    /// <summary>Identity decides lockouts by the system clock (it takes no TimeProvider), so this does too.</summary>
    public static bool IsLockedOut(DateTimeOffset? lockoutEnd) => lockoutEnd is { } end && end > DateTimeOffset.UtcNow;

    private static string UnitName(UnitRow unit) => $"{unit.Name} ({unit.CommuneName})";

    /// <summary>
    /// Reads a scope as typed by a person: empty = the whole country; a province (2 digits) or commune (5 digits) code
    /// valid today; or a residential unit id (active, visible to the manager).
    /// </summary>
    public static async Task<Result<GrantTarget>> ResolveTargetAsync(AppDb db, TimeProvider time, string? code, int? unitId, CancellationToken ct)
    {
        code = code?.Trim();
        var hasCode = !string.IsNullOrEmpty(code);
        if (hasCode && unitId is not null)
            return new Error("scope_ambiguous", "Chỉ chọn một phạm vi: mã tỉnh/xã hoặc mã số thôn, tổ dân phố.", "scope");
        if (unitId is { } id)
        {
            var unit = await UnitQueries.GetAsync(db, id, null, ct);
            if (unit is null || unit.Status != UnitStatus.Active || unit.ValidTo is not null)
                return new Error("unit_not_found", $"Không tìm thấy thôn, tổ dân phố đang hoạt động có mã số {id}.", "unitId");
            var commune = await db.FindCommuneAsync(unit.CommuneCode, time.Today(), ct);
            return Result<GrantTarget>.Ok(new GrantTarget(null, id, unit.ProvinceCode, commune?.Id, UnitName(unit)));
        }
        if (!hasCode) return Result<GrantTarget>.Ok(GrantTarget.Country);
        var node = await db.FindByCodeAsync(code!, time.Today(), ct);
        if (node is null || node.Level == AdminLevel.District)
            return new Error("scope_not_found", $"\"{code}\" không phải mã của một tỉnh, thành phố (2 chữ số) hoặc xã, phường (5 chữ số) hiện hành.", "scope");
        return Result<GrantTarget>.Ok(new GrantTarget(node.Id, null, node.ProvinceCode, node.Level == AdminLevel.Commune ? node.Id : null, node.AsOf(time.Today()).FullName));
    }

    /// <summary>Whether the current user may grant (or take away) this role over this target.</summary>
    public static async Task<Error?> CheckGrantableAsync(AppDb db, Role role, GrantTarget target, CancellationToken ct)
    {
        if (db.Access.IsSystem) return null;
        if ((role == Role.SystemAdmin || target.CountryWide) && !await IsCountryAdminAsync(db, ct))
            return new Error("grant_requires_country_admin",
                "Chỉ quản trị hệ thống toàn quốc mới được cấp (hoặc thu hồi) vai trò quản trị hệ thống hay phạm vi toàn quốc.", "scope", ErrorKind.Forbidden);
        var scope = db.Access.ScopeFor(Permission.ManageUsers);
        var covered = target switch
        {
            { CountryWide: true } => scope.All,
            { ResidentialUnitId: { } unit } => scope.Covers(target.ProvinceCode!, target.CommuneId ?? 0, unit),
            { CommuneId: { } commune } => scope.CoversCommune(target.ProvinceCode!, commune),
            _ => scope.All || scope.Provinces.Contains(target.ProvinceCode!),
        };
        return covered ? null : new Error("grant_out_of_scope", $"Bạn chỉ được cấp quyền trong phạm vi mình quản lý; \"{target.Name}\" nằm ngoài phạm vi đó.",
            "scope", ErrorKind.Forbidden);
    }

    public static Error UserNotFound => Error.NotFound("người dùng");

    /// <summary>Identity's errors (already in Vietnamese) as ours, on the field they concern.</summary>
    public static Error[] FromIdentity(IEnumerable<Microsoft.AspNetCore.Identity.IdentityError> errors, string passwordField) =>
        errors.Select(e => new Error("identity_" + e.Code, e.Description,
            e.Code.StartsWith("Password", StringComparison.Ordinal) ? passwordField
            : e.Code.Contains("UserName", StringComparison.Ordinal) ? "userName"
            : e.Code.Contains("Email", StringComparison.Ordinal) ? "email" : null,
            e.Code.StartsWith("Duplicate", StringComparison.Ordinal) ? ErrorKind.Conflict : ErrorKind.Invalid)).ToArray();
}
