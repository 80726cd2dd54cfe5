using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Features.Units;
using Grassroots.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.People.Lists;

/// <summary>
/// /can-bo: where the leader lists start — straight to the list of the one commune or province a user works on;
/// otherwise the places in their scope, and a commune code to go to (?xa=).
/// </summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class IndexModel(AppDb db, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "xa")]
    public string? Xa { get; set; }

    public string? Error { get; private set; }
    public List<(string Code, string Name)> Provinces { get; private set; } = [];
    public List<(string Code, string Name)> Communes { get; private set; } = [];
    public List<(int Id, string Name, string Commune)> Units { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var today = time.Today();
        if (!string.IsNullOrWhiteSpace(Xa))
        {
            if (await ListPlace.FindAsync(db, Xa, AdminLevel.Commune, today, ct) is { } commune) return Redirect($"/xa/{commune.Code}/can-bo");
            Error = $"Không có xã, phường mã {Xa.Trim()} vào ngày {VietnameseText.FormatDate(today)} trong phạm vi bạn được xem.";
        }
        var scope = db.Access.ScopeFor(Permission.ViewPeople);
        var (all, provinces, communes, units) = (scope.All, scope.Provinces.ToList(), scope.Communes.ToList(), scope.Units.ToList());
        Provinces = [.. (await db.AdminUnits.ValidOn(today).Where(u => u.Level == AdminLevel.Province && (all || provinces.Contains(u.Code)))
            .OrderBy(u => u.Code).Select(u => new { u.Code, u.FullName }).ToListAsync(ct)).Select(u => (u.Code, u.FullName))];
        Communes = [.. (await db.AdminUnits.ValidOn(today).Where(u => u.Level == AdminLevel.Commune && communes.Contains(u.Id))
            .OrderBy(u => u.Code).Select(u => new { u.Code, u.FullName }).ToListAsync(ct)).Select(u => (u.Code, u.FullName))];
        Units = [.. (await db.ResidentialUnitPeriods.ValidOn(today).Where(p => units.Contains(p.UnitId))
            .Select(p => new { p.UnitId, p.Name, Commune = p.Commune!.FullName }).ToListAsync(ct))
            .OrderBy(u => u.Name, NaturalComparer.Instance).Select(u => (u.UnitId, u.Name, u.Commune))];
        if (Error is null && !all && Units.Count == 0 && Provinces.Count + Communes.Count == 1)
            return Redirect(Provinces.Count == 1 ? $"/tinh/{Provinces[0].Code}/can-bo" : $"/xa/{Communes[0].Code}/can-bo");
        return Page();
    }
}
