using Grassroots.Features.Accounts;
using Grassroots.Data;
using Grassroots.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Units.Pages;

[Microsoft.AspNetCore.Authorization.AllowAnonymous]
public sealed class ProvinceModel(AppDb db, TimeProvider time) : AsOfPage(time)
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public AdminUnitRow Province { get; private set; } = null!;
    public List<AdminUnitRow> Communes { get; private set; } = [];
    public Dictionary<int, int> UnitCounts { get; private set; } = [];
    public List<string> MergedFrom { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        ResolveAsOf();
        var province = await db.FindByCodeAsync(code, AsOf, ct);
        if (province is null || province.Level != AdminLevel.Province) return NotFound();
        Province = AdminUnitQueries.ToRow(province, null, null, AsOf);
        Communes = await AdminUnitQueries.ListAsync(db, AdminLevel.Commune, province, Q, AsOf, ct);
        Communes.Sort((a, b) => (a.ParentCode, a.Code).CompareTo((b.ParentCode, b.Code)));
        UnitCounts = await db.ResidentialUnitPeriods.ValidOn(AsOf).Where(p => p.Commune!.Path.StartsWith(province.Path))
            .GroupBy(p => p.CommuneId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        MergedFrom = await db.AdminUnitLineages.Where(l => l.SuccessorId == province.Id && l.Predecessor != null)
            .OrderBy(l => l.Predecessor!.Code).Select(l => l.Predecessor!.FullName).ToListAsync(ct);
        return Page();
    }
}
