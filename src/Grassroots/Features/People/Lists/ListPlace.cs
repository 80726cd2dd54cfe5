using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Features.Units;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.People.Lists;

/// <summary>
/// The commune or province a leader list is about. A place the user's <see cref="Permission.ViewPeople"/> scope does
/// not reach into at all is answered like one that does not exist; a place it reaches in part (a commune officer
/// looking at their province) lists what the query filters let through.
/// </summary>
public static class ListPlace
{
    /// <summary>The commune or province bearing <paramref name="code"/> on the date and reached by the user's scope, or null.</summary>
    public static async Task<AdminUnit?> FindAsync(AppDb db, string? code, AdminLevel level, DateOnly date, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code)) return null;
        var place = await db.FindByCodeAsync(code.Trim(), date, ct);
        if (place is null || place.Level != level) return null;
        return await ReachesAsync(db, place, ct) ? place : null;
    }

    /// <summary>Whether the user's scope (for people, or <paramref name="permission"/>) covers the whole place (otherwise the list holds only the part in scope).</summary>
    public static bool CoversWhole(AppDb db, AdminUnit place, Permission permission = Permission.ViewPeople)
    {
        var scope = db.Access.ScopeFor(permission);
        return place.Level == AdminLevel.Province ? scope.All || scope.Provinces.Contains(place.ProvinceCode) : scope.CoversCommune(place.ProvinceCode, place.Id);
    }

    private static async Task<bool> ReachesAsync(AppDb db, AdminUnit place, CancellationToken ct)
    {
        if (CoversWhole(db, place)) return true;
        var scope = db.Access.ScopeFor(Permission.ViewPeople);
        var communes = scope.Communes.ToList();
        var units = scope.Units.ToList();
        if (place.Level == AdminLevel.Province)
            return (communes.Count > 0 && await db.AdminUnits.AnyAsync(a => communes.Contains(a.Id) && a.ProvinceCode == place.ProvinceCode, ct))
                || (units.Count > 0 && await db.ResidentialUnits.AnyAsync(u => units.Contains(u.Id) && u.ProvinceCode == place.ProvinceCode, ct));
        return units.Count > 0 && await db.ResidentialUnits.AnyAsync(u => units.Contains(u.Id) && u.CurrentCommuneId == place.Id, ct);
    }
}
