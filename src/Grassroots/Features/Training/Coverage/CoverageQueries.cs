using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.People;
using Grassroots.Features.Units;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Training.Coverage;

/// <summary>
/// What coverage asks: of the people holding one of <see cref="Positions"/> on <see cref="AsOf"/> in a place (the whole
/// scope, a province or a commune), how many have completed a course — of <see cref="ProgrammeId"/>, or any — that ended
/// during their current term (on or after the day they took the post, and by the date).
/// </summary>
public sealed record CoverageQuestion(DateOnly AsOf, IReadOnlyList<Position> Positions, int? ProgrammeId, AdminUnit? Place);

/// <summary>One row of the breakdown: a province (of the country), a commune (of a province) or a unit (of a commune).</summary>
public sealed record CoverageRow(string Code, int? Id, string Name, int Holders, int Trained)
{
    public int Untrained => Holders - Trained;
    public decimal Percent => Holders == 0 ? 0 : Math.Round(100m * Trained / Holders, 1);
}

public sealed record CoverageReport(CoverageQuestion Question, string PlaceName, CoverageLevel RowsBy, CoverageRow Total, IReadOnlyList<CoverageRow> Rows);

public enum CoverageLevel { Province = 1, Commune = 2, Unit = 3 }

/// <summary>A holder not yet trained in their current term.</summary>
public sealed record UntrainedRow(int PersonId, string FullName, Gender Gender, int? Age, bool PartyMember, Position Position, string PositionName,
    DateOnly Since, string? TermLabel, int UnitId, string UnitName, string CommuneName);

/// <summary>
/// Training coverage, answered from live data in one grouped query per report (the "trained" test is an EXISTS over
/// completed enrolments, evaluated by the database), within the user's scope.
/// </summary>
public static class CoverageQueries
{
    /// <summary>The holders of the posts on the date, in the place, each with where they are and whether they are trained.</summary>
    private static IQueryable<Holder> Holders(AppDb db, CoverageQuestion q)
    {
        var date = q.AsOf;
        var positions = q.Positions.ToList();
        // A user who sees everything: the scope filters would remove nothing but join the units twice more into a query
        // over the whole country (about a quarter of its time); leave them out (for the whole query, enrolments included).
        var everywhere = db.Access.SeesEverything;
        var tenures = everywhere ? db.Tenures.IgnoreQueryFilters() : db.Tenures;
        var periods = db.ResidentialUnitPeriods.Where(p => p.ValidFrom <= date && (p.ValidTo == null || p.ValidTo >= date));
        if (q.Place is { Level: AdminLevel.Province } province) periods = periods.Where(p => p.ProvinceCode == province.ProvinceCode);
        else if (q.Place is { Level: AdminLevel.Commune } commune) periods = periods.Where(p => p.CommuneId == commune.Id);
        var programme = q.ProgrammeId;
        return from t in tenures
               where t.StartDate <= date && (t.EndDate == null || t.EndDate >= date) && positions.Contains(t.Position)
               join p in periods on t.UnitId equals p.UnitId
               select new Holder
               {
                   TenureId = t.Id, PersonId = t.PersonId, UnitId = p.UnitId, CommuneId = p.CommuneId, ProvinceCode = p.ProvinceCode,
                   Trained = db.Enrolments.Any(e => e.PersonId == t.PersonId && e.Result == TrainingResult.Completed
                       && e.CourseEndDate >= t.StartDate && e.CourseEndDate <= date && (programme == null || e.Course!.ProgrammeId == programme)),
               };
    }

    private sealed class Holder
    {
        public int TenureId { get; init; }
        public int PersonId { get; init; }
        public int UnitId { get; init; }
        public int CommuneId { get; init; }
        public string ProvinceCode { get; init; } = "";
        public bool Trained { get; init; }
    }

    public static async Task<CoverageReport> ReportAsync(AppDb db, CoverageQuestion q, CancellationToken ct)
    {
        var holders = Holders(db, q);
        var level = q.Place switch { null => CoverageLevel.Province, { Level: AdminLevel.Province } => CoverageLevel.Commune, _ => CoverageLevel.Unit };
        var date = q.AsOf;
        List<CoverageRow> rows;
        switch (level)
        {
            case CoverageLevel.Province:
                var byProvince = await holders.GroupBy(h => h.ProvinceCode)
                    .Select(g => new { g.Key, Holders = g.Count(), Trained = g.Count(h => h.Trained) }).ToListAsync(ct);
                var provinces = await db.AdminUnits.AsNoTracking().Include(u => u.TypeChanges).ValidOn(date).Where(u => u.Level == AdminLevel.Province).ToListAsync(ct);
                rows = [.. byProvince.Select(r => provinces.FirstOrDefault(p => p.Code == r.Key) is { } p
                    ? new CoverageRow(p.Code, p.Id, p.AsOf(date).FullName, r.Holders, r.Trained) : new CoverageRow(r.Key, null, r.Key, r.Holders, r.Trained))];
                break;
            case CoverageLevel.Commune:
                var byCommune = await holders.GroupBy(h => h.CommuneId)
                    .Select(g => new { g.Key, Holders = g.Count(), Trained = g.Count(h => h.Trained) }).ToListAsync(ct);
                var ids = byCommune.Select(r => r.Key).ToList();
                var communes = await db.AdminUnits.AsNoTracking().Include(u => u.TypeChanges).Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
                rows = [.. byCommune.Select(r => new CoverageRow(communes[r.Key].Code, r.Key, communes[r.Key].AsOf(date).FullName, r.Holders, r.Trained))];
                break;
            default:
                var byUnit = await holders.GroupBy(h => h.UnitId)
                    .Select(g => new { g.Key, Holders = g.Count(), Trained = g.Count(h => h.Trained) }).ToListAsync(ct);
                var unitIds = byUnit.Select(r => r.Key).ToList();
                var names = await db.ResidentialUnitPeriods.AsNoTracking().Where(p => unitIds.Contains(p.UnitId) && p.ValidFrom <= date && (p.ValidTo == null || p.ValidTo >= date))
                    .Select(p => new { p.UnitId, p.Name }).ToDictionaryAsync(p => p.UnitId, p => p.Name, ct);
                rows = [.. byUnit.Select(r => new CoverageRow(r.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Key, names.GetValueOrDefault(r.Key, ""), r.Holders, r.Trained))];
                break;
        }
        rows = level == CoverageLevel.Unit
            ? [.. rows.OrderBy(r => r.Name, NaturalComparer.Instance)]
            : [.. rows.OrderBy(r => r.Name, VietnameseText.Comparer)];
        var total = new CoverageRow(q.Place?.Code ?? "", q.Place?.Id, "Tổng số", rows.Sum(r => r.Holders), rows.Sum(r => r.Trained));
        return new CoverageReport(q, q.Place?.AsOf(date).FullName ?? "Toàn quốc (trong phạm vi bạn được xem)", level, total, rows);
    }

    /// <summary>The holders not yet trained in their current term, the Vietnamese way by name; at most <paramref name="limit"/> (null: all).</summary>
    public static async Task<List<UntrainedRow>> UntrainedAsync(AppDb db, CoverageQuestion q, int? limit, CancellationToken ct)
    {
        var date = q.AsOf;
        var untrained = from h in Holders(db, q)
                        where !h.Trained
                        join t in db.Tenures on h.TenureId equals t.Id
                        join p in db.ResidentialUnitPeriods on h.UnitId equals p.UnitId
                        where p.ValidFrom <= date && (p.ValidTo == null || p.ValidTo >= date)
                        orderby EF.Functions.Collate(t.Person!.SortKey, db.OrdinalCollation), t.PersonId, t.Position
                        select new
                        {
                            t.PersonId, t.Person!.FullName, t.Person.Gender, t.Person.DateOfBirth, t.Person.PartyMember, t.Position, t.Title, t.StartDate,
                            t.TermLabel, h.UnitId, UnitName = p.Name, p.Kind, CommuneName = p.Commune!.FullName,
                        };
        var rows = await (limit is { } l ? untrained.Take(l) : untrained).ToListAsync(ct);
        return [.. rows.Select(r => new UntrainedRow(r.PersonId, r.FullName, r.Gender, Person.AgeOn(r.DateOfBirth, date), r.PartyMember, r.Position,
            Tenure.PositionName(r.Position, r.Kind, r.Title), r.StartDate, r.TermLabel, r.UnitId, r.UnitName, r.CommuneName))];
    }
}
