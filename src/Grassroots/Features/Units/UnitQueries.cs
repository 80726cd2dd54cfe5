using Grassroots.Common;
using Grassroots.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Units;

public sealed record UnitRow(
    int Id, int Version, string Name, UnitKind Kind, string? LocalLabel,
    string CommuneCode, string CommuneName, string ProvinceCode, UnitStatus Status,
    int? HouseholdCount, int? Population, DateOnly? CountsAsOf, UnitClass? Classification,
    DateOnly ValidFrom, DateOnly? ValidTo, bool IsDemo)
{
    public string KindName => ResidentialUnit.KindName(Kind);
    public string StatusName => ResidentialUnit.StatusName(Status);
    public string ClassificationName => ResidentialUnit.ClassName(Classification);
}

public sealed record UnitHistoryEntry(
    int EventId, UnitEventType Type, string TypeName, DateOnly EffectiveDate, string? DecisionNumber, DateOnly? DecisionDate,
    string? DecisionIssuer, string? Note, string Summary);

public sealed record UnitPeriodRow(string Name, UnitKind Kind, string? LocalLabel, string CommuneCode, string CommuneName, DateOnly ValidFrom, DateOnly? ValidTo);

/// <summary>"As of" reads of residential units.</summary>
public static class UnitQueries
{
    public static IQueryable<ResidentialUnitPeriod> ValidOn(this IQueryable<ResidentialUnitPeriod> periods, DateOnly date) =>
        periods.Where(p => p.ValidFrom <= date && (p.ValidTo == null || p.ValidTo >= date));

    /// <summary>The units of a commune as they were on the date, in Vietnamese name order.</summary>
    public static async Task<List<UnitRow>> InCommuneAsync(AppDb db, AdminUnit commune, DateOnly date, string? q, CancellationToken ct)
    {
        var query = db.ResidentialUnitPeriods.AsNoTracking().ValidOn(date).Where(p => p.CommuneId == commune.Id);
        var folded = VietnameseText.Fold(q);
        if (folded.Length > 0) query = query.Where(p => p.SearchName.Contains(folded));
        var rows = await Project(query, date).ToListAsync(ct);
        rows.Sort((a, b) => NaturalComparer.Instance.Compare(a.Name, b.Name));
        return rows;
    }

    public static async Task<UnitRow?> GetAsync(AppDb db, int id, DateOnly? date, CancellationToken ct)
    {
        var periods = db.ResidentialUnitPeriods.AsNoTracking().Where(p => p.UnitId == id);
        if (date is { } d)
            return await Project(periods.ValidOn(d), d).FirstOrDefaultAsync(ct);
        // No date: the latest state (for dissolved or merged units, the last one they had).
        return await Project(periods.OrderByDescending(p => p.ValidFrom).Take(1), DateOnly.MaxValue).FirstOrDefaultAsync(ct);
    }

    private static IQueryable<UnitRow> Project(IQueryable<ResidentialUnitPeriod> periods, DateOnly date) =>
        periods.Select(p => new UnitRow(
            p.UnitId, p.Unit!.Version, p.Name, p.Kind, p.LocalLabel,
            p.Commune!.Code, p.Commune.FullName, p.ProvinceCode,
            // A period that had not yet ended on the date shows the unit as active then, whatever became of it later.
            p.ValidTo != null && p.ValidTo >= date ? UnitStatus.Active : p.Unit.Status,
            p.Unit.HouseholdCount, p.Unit.Population, p.Unit.CountsAsOf, p.Unit.Classification,
            p.ValidFrom, p.ValidTo, p.Unit.IsDemo));

    public static async Task<List<UnitPeriodRow>> PeriodsAsync(AppDb db, int id, CancellationToken ct) =>
        await db.ResidentialUnitPeriods.AsNoTracking().Where(p => p.UnitId == id).OrderBy(p => p.ValidFrom)
            .Select(p => new UnitPeriodRow(p.Name, p.Kind, p.LocalLabel, p.Commune!.Code, p.Commune.FullName, p.ValidFrom, p.ValidTo))
            .ToListAsync(ct);

    /// <summary>Every event that touched the unit, oldest first, with a one-line Vietnamese summary.</summary>
    public static async Task<List<UnitHistoryEntry>> HistoryAsync(AppDb db, int id, CancellationToken ct)
    {
        var periods = await db.ResidentialUnitPeriods.AsNoTracking().Where(p => p.UnitId == id)
            .Include(p => p.Commune).Include(p => p.OpenedBy).Include(p => p.ClosedBy).OrderBy(p => p.ValidFrom).ToListAsync(ct);
        var lineage = await db.UnitLineages.AsNoTracking().Where(l => l.PredecessorId == id || l.SuccessorId == id)
            .Select(l => new { l.EventId, l.PredecessorId, l.SuccessorId, l.ApprovalPercent }).ToListAsync(ct);
        var otherIds = lineage.SelectMany(l => new[] { l.PredecessorId, l.SuccessorId }).Where(x => x != id).Distinct().ToList();
        var otherNames = await db.ResidentialUnitPeriods.AsNoTracking().Where(p => otherIds.Contains(p.UnitId))
            .GroupBy(p => p.UnitId).Select(g => new { UnitId = g.Key, Name = g.OrderByDescending(p => p.ValidFrom).First().Name })
            .ToDictionaryAsync(x => x.UnitId, x => x.Name, ct);
        var eventIds = periods.Select(p => p.OpenedByEventId).Concat(periods.Where(p => p.ClosedByEventId != null).Select(p => p.ClosedByEventId!.Value))
            .Concat(lineage.Select(l => l.EventId)).Distinct().ToList();
        var events = await db.UnitEvents.AsNoTracking().Where(e => eventIds.Contains(e.Id)).ToListAsync(ct);

        string Describe(UnitEvent e)
        {
            var opened = periods.FirstOrDefault(p => p.OpenedByEventId == e.Id);
            var closed = periods.FirstOrDefault(p => p.ClosedByEventId == e.Id);
            string Name(int unitId) => otherNames.TryGetValue(unitId, out var n) ? n : $"#{unitId}";
            return e.Type switch
            {
                UnitEventType.Establish => $"Thành lập {opened?.Name} ({ResidentialUnit.KindName(opened?.Kind ?? UnitKind.Village).ToLowerInvariant()}) thuộc {opened?.Commune?.FullName}",
                UnitEventType.Rename => $"Đổi tên \"{closed?.Name}\" thành \"{opened?.Name}\"",
                UnitEventType.Convert => $"Chuyển {ResidentialUnit.KindName(closed?.Kind ?? UnitKind.Village).ToLowerInvariant()} \"{closed?.Name}\" thành {ResidentialUnit.KindName(opened?.Kind ?? UnitKind.Village).ToLowerInvariant()} \"{opened?.Name}\"",
                UnitEventType.Move => $"Chuyển từ {closed?.Commune?.FullName} sang {opened?.Commune?.FullName}" + (closed?.Name != opened?.Name ? $", tên mới \"{opened?.Name}\"" : ""),
                UnitEventType.Dissolve => $"Giải thể \"{closed?.Name}\"",
                UnitEventType.Merge => lineage.Any(l => l.EventId == e.Id && l.SuccessorId == id)
                    ? "Hình thành/nhận sáp nhập từ: " + string.Join(", ", lineage.Where(l => l.EventId == e.Id && l.PredecessorId != id)
                        .Select(l => $"{Name(l.PredecessorId)} ({l.ApprovalPercent:0.##}% hộ tán thành)"))
                    : "Sáp nhập vào " + string.Join(", ", lineage.Where(l => l.EventId == e.Id).Select(l => Name(l.SuccessorId))),
                UnitEventType.Split => lineage.Any(l => l.EventId == e.Id && l.PredecessorId == id)
                    ? "Chia tách thành: " + string.Join(", ", lineage.Where(l => l.EventId == e.Id).Select(l => Name(l.SuccessorId)))
                    : "Hình thành do chia tách " + string.Join(", ", lineage.Where(l => l.EventId == e.Id).Select(l => Name(l.PredecessorId)).Distinct()),
                _ => e.Type.ToString(),
            };
        }

        return events.OrderBy(e => e.EffectiveDate).ThenBy(e => e.Id)
            .Select(e => new UnitHistoryEntry(e.Id, e.Type, UnitEvent.TypeName(e.Type), e.EffectiveDate, e.DecisionNumber, e.DecisionDate, e.DecisionIssuer, e.Note, Describe(e)))
            .ToList();
    }
}

/// <summary>Vietnamese order with numbers compared as numbers: "Thôn 2" before "Thôn 10".</summary>
public sealed class NaturalComparer : IComparer<string>
{
    public static readonly NaturalComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            if (char.IsDigit(x[i]) && char.IsDigit(y[j]))
            {
                int si = i, sj = j;
                while (i < x.Length && char.IsDigit(x[i])) i++;
                while (j < y.Length && char.IsDigit(y[j])) j++;
                var nx = x[si..i].TrimStart('0');
                var ny = y[sj..j].TrimStart('0');
                var c = nx.Length != ny.Length ? nx.Length.CompareTo(ny.Length) : string.CompareOrdinal(nx, ny);
                if (c != 0) return c;
            }
            else
            {
                int si = i, sj = j;
                while (i < x.Length && !char.IsDigit(x[i])) i++;
                while (j < y.Length && !char.IsDigit(y[j])) j++;
                var c = VietnameseText.Comparer.Compare(x[si..i], y[sj..j]);
                if (c != 0) return c;
            }
        }
        return (x.Length - i).CompareTo(y.Length - j);
    }
}
