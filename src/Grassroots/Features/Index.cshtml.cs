using Grassroots.Features.Accounts;
using Grassroots.Data;
using Grassroots.Features.Units;
using Grassroots.Web;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features;

[Microsoft.AspNetCore.Authorization.AllowAnonymous]
public sealed class IndexModel(AppDb db, TimeProvider time) : AsOfPage(time)
{
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public List<AdminUnitRow> Provinces { get; private set; } = [];
    public Dictionary<string, int> CommuneCounts { get; private set; } = [];
    public Dictionary<string, int> UnitCounts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        ResolveAsOf();
        Provinces = await AdminUnitQueries.ListAsync(db, AdminLevel.Province, null, Q, AsOf, ct);
        CommuneCounts = await db.AdminUnits.ValidOn(AsOf).Where(u => u.Level == AdminLevel.Commune)
            .GroupBy(u => u.ProvinceCode).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        UnitCounts = await db.ResidentialUnitPeriods.ValidOn(AsOf)
            .GroupBy(p => p.ProvinceCode).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
    }
}
