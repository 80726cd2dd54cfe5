using Grassroots.Features.Accounts;
using Grassroots.Data;
using Grassroots.Features.People;
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
    public bool CanViewPeople { get; private set; }
    public bool CanEditPeople { get; private set; }
    /// <summary>Tenures held on the date, by position.</summary>
    public List<LeaderRow> Leaders { get; private set; } = [];
    /// <summary>The other tenures: ended (or begun after the date), newest first.</summary>
    public List<LeaderRow> PastLeaders { get; private set; } = [];
    /// <summary>Positions every unit should have filled that nobody held on the date.</summary>
    public List<Position> Vacancies { get; private set; } = [];

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
        await LoadLeadersAsync(onDate, ct);
        return Page();
    }

    private async Task LoadLeadersAsync(UnitRow? onDate, CancellationToken ct)
    {
        CanViewPeople = access.Has(Permission.ViewPeople);
        if (!CanViewPeople) return;
        CanEditPeople = await People.Pages.PersonPages.CanEditTenuresAsync(db, Unit.Id, ct);
        var all = await LeaderQueries.OfUnitAsync(db, Unit.Id, Today, ct);
        Leaders = [.. all.Where(t => t.StartDate <= AsOf && (t.EndDate is null || t.EndDate >= AsOf)).OrderBy(t => t.Position).ThenBy(t => t.StartDate)];
        PastLeaders = [.. all.Where(t => !Leaders.Any(l => l.TenureId == t.TenureId))];
        if (onDate is not null && await db.FindCommuneAsync(onDate.CommuneCode, AsOf, ct) is { } commune)
            Vacancies = [.. (await LeaderQueries.VacanciesAsync(db, commune, AsOf, ct)).Where(v => v.UnitId == Unit.Id).Select(v => v.Position)];
    }
}
