using Grassroots.Features.Units;
using Microsoft.AspNetCore.Identity;

namespace Grassroots.Features.Accounts;

/// <summary>An account: ASP.NET Core Identity's user with our own name and grants.</summary>
public sealed class AppUser : IdentityUser<int>
{
    public string FullName { get; set; } = "";
    public bool IsDisabled { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>The registry person this account belongs to (a unit leader's own account), if any.</summary>
    public int? PersonId { get; set; }
    public List<UserGrant> Grants { get; set; } = [];
}

/// <summary>
/// A role over a scope: a node of the administrative tree (a province, a commune) or one residential unit, covering
/// its subtree as of today. No node = the whole country.
/// </summary>
public sealed class UserGrant
{
    public int Id { get; set; }
    public int UserId { get; set; }
    public Role Role { get; set; }
    public int? AdminUnitId { get; set; }
    public AdminUnit? AdminUnit { get; set; }
    public int? ResidentialUnitId { get; set; }
    public ResidentialUnit? ResidentialUnit { get; set; }
    public DateTime CreatedAt { get; set; }
}
