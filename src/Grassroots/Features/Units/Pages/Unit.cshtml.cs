using Grassroots.Features.Accounts;
using Grassroots.Data;
using Grassroots.Web;
using Microsoft.AspNetCore.Mvc;

namespace Grassroots.Features.Units.Pages;

[RequirePermission(Permission.ViewUnits)]
public sealed class UnitModel(AppDb db, CurrentAccess access, TimeProvider time) : AsOfPage(time)
{
    public UnitRow Unit { get; private set; } = null!;
    public bool ExistedOnDate { get; private set; }
    public bool IsActive { get; private set; }
    public bool CanEdit { get; private set; }
    public List<UnitPeriodRow> Periods { get; private set; } = [];
    public List<UnitHistoryEntry> History { get; private set; } = [];
    /// <summary>Rules the unit falls foul of now (size below the thresholds): warnings, not errors.</summary>
    public IReadOnlyList<Common.RuleWarning> Standing { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        ResolveAsOf();
        var onDate = await UnitQueries.GetAsync(db, id, AsOf, ct);
        var latest = onDate ?? await UnitQueries.GetAsync(db, id, null, ct);
        if (latest is null) return NotFound();
        Unit = latest;
        ExistedOnDate = onDate is not null;
        IsActive = latest.Status == UnitStatus.Active && latest.ValidTo is null;
        CanEdit = access.Has(Permission.EditUnits);
        Periods = await UnitQueries.PeriodsAsync(db, id, ct);
        History = await UnitQueries.HistoryAsync(db, id, ct);
        if (IsActive && await db.FindByCodeAsync(latest.CommuneCode, Today, ct) is { } commune)
            Standing = (await UnitChecks.SizeWarningsAsync(db, commune, latest.Kind, latest.HouseholdCount, Today, isNew: false, ct)).ToList();
        return Page();
    }
}
