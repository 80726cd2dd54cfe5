using Grassroots.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Accounts;

/// <summary>
/// Who is asking, and where each permission reaches for them. One per request (scoped): anonymous until the
/// authentication middleware has loaded the signed-in user's grants; outside a request (start-up, CLI) the system,
/// which reaches everything. AppDb reads it for its query filters and write checks — the one place scope is enforced.
/// </summary>
public sealed class CurrentAccess
{
    private IReadOnlyDictionary<Permission, AccessScope> _scopes = new Dictionary<Permission, AccessScope>();
    private bool _system;

    public int? UserId { get; private set; }
    public string? UserName { get; private set; }
    /// <summary>The person in the leaders registry this account belongs to (a unit leader checking in, giving feedback).</summary>
    public int? PersonId { get; private set; }
    public string? IpAddress { get; set; }
    public bool IsSystem => _system;
    public bool IsAuthenticated => UserId is not null;

    public static CurrentAccess System() => new() { _system = true };

    public static CurrentAccess Anonymous() => new();

    public AccessScope ScopeFor(Permission permission) =>
        _system ? AccessScope.Everything : _scopes.GetValueOrDefault(permission, AccessScope.Nothing);

    public bool Has(Permission permission) => !ScopeFor(permission).IsEmpty;

    /// <summary>Every person and every unit in the country is in view: the scope filters on them would remove nothing.</summary>
    public bool SeesEverything => ScopeFor(Permission.ViewPeople).All && ScopeFor(Permission.ViewUnits).All;

    /// <summary>Takes on the identity and grants of a signed-in user (read with an unrestricted context).</summary>
    public async Task SignInAsync(AppDb systemDb, int userId, CancellationToken ct)
    {
        if (await SignedInUser.LoadAsync(systemDb, userId, ct) is { } user) SignIn(user);
    }

    /// <summary>Takes on the identity and grants of a signed-in user.</summary>
    public void SignIn(SignedInUser user)
    {
        UserId = user.Id;
        UserName = user.UserName;
        PersonId = user.PersonId;
        _scopes = user.Scopes;
    }
}

/// <summary>A signed-in user's identity and where each of their permissions reaches (immutable: shared between requests).</summary>
public sealed record SignedInUser(int Id, string UserName, int? PersonId, IReadOnlyDictionary<Permission, AccessScope> Scopes)
{
    /// <summary>The user and their grants, in one command; null when the user is disabled or does not exist.</summary>
    public static async Task<SignedInUser?> LoadAsync(AppDb systemDb, int userId, CancellationToken ct)
    {
        var user = await systemDb.Users.AsNoTracking().Where(u => u.Id == userId && !u.IsDisabled)
            .Select(u => new
            {
                u.Id, u.UserName, u.PersonId,
                Grants = u.Grants.Select(g => new { g.Role, Province = g.AdminUnit!.Level == Units.AdminLevel.Province ? g.AdminUnit.Code : null,
                    Commune = g.AdminUnit!.Level == Units.AdminLevel.Commune ? (int?)g.AdminUnitId : null, g.AdminUnitId, g.ResidentialUnitId,
                    InProvince = g.AdminUnit != null ? g.AdminUnit.ProvinceCode : g.ResidentialUnit != null ? g.ResidentialUnit.ProvinceCode : null,
                    InCommune = g.ResidentialUnit != null ? (int?)g.ResidentialUnit.CurrentCommuneId : null }).ToList(),
            }).FirstOrDefaultAsync(ct);
        if (user is null) return null;
        var grants = user.Grants;
        var scopes = new Dictionary<Permission, AccessScope>();
        foreach (var permission in Enum.GetValues<Permission>())
        {
            var relevant = grants.Where(g => Permissions.Has(g.Role, permission)).ToList();
            if (relevant.Count == 0) continue;
            scopes[permission] = relevant.Any(g => g.AdminUnitId is null && g.ResidentialUnitId is null)
                ? AccessScope.Everything
                : new AccessScope(false,
                    relevant.Where(g => g.Province is not null).Select(g => g.Province!).Distinct().ToList(),
                    relevant.Where(g => g.Commune is not null).Select(g => g.Commune!.Value).Distinct().ToList(),
                    relevant.Where(g => g.ResidentialUnitId is not null).Select(g => g.ResidentialUnitId!.Value).Distinct().ToList(),
                    relevant.Where(g => g.InProvince is not null).Select(g => g.InProvince!).Distinct().ToList(),
                    relevant.Where(g => g.InCommune is not null).Select(g => g.InCommune!.Value).Distinct().ToList());
        }
        return new SignedInUser(user.Id, user.UserName!, user.PersonId, scopes);
    }
}

/// <summary>A write that reaches outside the user's scope: answered like a record that does not exist (404).</summary>
public sealed class OutOfScopeException(string message) : Exception(message);
