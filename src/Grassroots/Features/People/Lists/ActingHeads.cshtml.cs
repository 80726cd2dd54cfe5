using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.People.Lists;

/// <summary>
/// /truong-thon-lam-thoi: acting heads held today, longest-serving first, with how long they have served and the
/// province's limit (R-TERM-02: not more than 6 months unless the province says otherwise).
/// </summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class ActingHeadsModel(AppDb db, TimeProvider time) : PlaceListPage(db, time)
{
    public sealed record ActingRow(LeaderRow Leader, int MonthsServed, int LimitMonths, DateOnly Deadline)
    {
        /// <summary>Held beyond the limit today: the same comparison as the R-TERM-02 warning.</summary>
        public bool Overdue(DateOnly today) => today > Deadline;
    }

    public List<ActingRow> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await ResolvePlaceAsync(ct)) return NotFound();
        var rows = await LeaderQueries.ActingHeadsAsync(Db, Place, Today, ct);
        var unitIds = rows.Select(r => r.UnitId).Distinct().ToList();
        var provinceOf = await Db.ResidentialUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.ProvinceCode, ct);
        string ProvinceOf(LeaderRow r) => provinceOf.GetValueOrDefault(r.UnitId) ?? ""; // "": the national defaults
        var limits = new Dictionary<string, int>();
        foreach (var province in rows.Select(ProvinceOf).Distinct())
            limits[province] = (await TenureRules.RulesAsync(Db, province, Today, ct)).ActingMaxMonths;
        Rows = [.. rows.Select(r => new ActingRow(r, ListText.MonthsBetween(r.StartDate, Today), limits[ProvinceOf(r)], r.StartDate.AddMonths(limits[ProvinceOf(r)])))];
        return Page();
    }
}
