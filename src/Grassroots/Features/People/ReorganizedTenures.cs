using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Units;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.People;

/// <summary>
/// What becomes of one open tenure of a unit that is merged, split or dissolved: ended (the default), or carried to
/// the unit that takes its place — for a split, the part at <see cref="PartIndex"/> (0-based).
/// </summary>
public sealed record TenureTransfer(int TenureId, bool Carry, int? PartIndex = null);

/// <summary>
/// Ends or carries the open tenures of units that cease to exist on a date, as part of the reorganisation's own
/// transaction: an ended tenure ends the day before with reason "sắp xếp" and the reorganisation's decision; a carried
/// one continues as a new tenure of the successor from that date, linked to the old one. The hard rules hold for the
/// successor (one head at a time).
/// </summary>
public static class ReorganizedTenures
{
    /// <param name="successorFor">The unit a tenure is carried to, given the transfer's part index (null for merges).</param>
    public static async Task<List<Tenure>> ApplyAsync(AppDb db, IReadOnlyList<ResidentialUnit> ending, Func<int?, ResidentialUnit?> successorFor,
        DateOnly date, DecisionInput? decision, IReadOnlyList<TenureTransfer>? transfers, List<Error> errors, DateTime now, CancellationToken ct)
    {
        var ids = ending.Select(u => u.Id).ToList();
        var open = await db.Tenures.Include(t => t.Person).Where(t => ids.Contains(t.UnitId) && (t.EndDate == null || t.EndDate >= date)).ToListAsync(ct);
        transfers ??= [];
        for (var i = 0; i < transfers.Count; i++)
            if (open.All(t => t.Id != transfers[i].TenureId))
                errors.Add(new("tenure_not_open", $"Nhiệm kỳ #{transfers[i].TenureId} không phải là nhiệm kỳ đang giữ ở đơn vị được sắp xếp.", $"tenures[{i}].tenureId"));

        var carried = new List<(Tenure Tenure, ResidentialUnit Target)>();
        foreach (var tenure in open)
        {
            if (tenure.StartDate >= date)
            {
                errors.Add(new("tenure_after_reorganization", $"{tenure.Person?.FullName} bắt đầu giữ chức danh ngày {VietnameseText.FormatDate(tenure.StartDate)}, không trước ngày sắp xếp; hãy sửa nhiệm kỳ này trước.", "effectiveDate"));
                continue;
            }
            var index = transfers.ToList().FindIndex(t => t.TenureId == tenure.Id);
            var transfer = index < 0 ? null : transfers[index];
            tenure.EndDate = date.AddDays(-1);
            tenure.EndReason = EndReason.UnitReorganized;
            tenure.EndDecisionNumber = decision?.Number;
            tenure.EndDecisionDate = decision?.Date;
            tenure.EndDecisionIssuer = decision?.Issuer;
            tenure.Touch(now);
            if (transfer is not { Carry: true }) continue;
            if (successorFor(transfer.PartIndex) is not { } target)
            {
                errors.Add(new("carry_target_required", $"Chưa chọn đơn vị mới mà {tenure.Person?.FullName} tiếp tục giữ chức danh.", $"tenures[{index}].partIndex"));
                continue;
            }
            var next = new Tenure
            {
                Person = tenure.Person, PersonId = tenure.PersonId, Unit = target, ProvinceCode = target.ProvinceCode, CommuneId = target.CurrentCommuneId,
                Position = tenure.Position, Title = tenure.Title, Mode = tenure.Mode, TermLabel = tenure.TermLabel, StartDate = date,
                PlannedEndDate = tenure.PlannedEndDate, StartDecisionNumber = decision?.Number, StartDecisionDate = decision?.Date,
                StartDecisionIssuer = decision?.Issuer, CarriedFromId = tenure.Id, Note = tenure.Note, CreatedAt = now, UpdatedAt = now,
            };
            if (target.Id != 0) next.UnitId = target.Id;
            carried.Add((next, target));
        }

        // The successor's own tenures (a unit that takes the others in keeps its leaders) and everything carried to it.
        foreach (var group in carried.GroupBy(c => c.Target))
        {
            var existing = group.Key.Id == 0 ? [] : await db.Tenures.Include(t => t.Person).Where(t => t.UnitId == group.Key.Id).ToListAsync(ct);
            var all = existing.Concat(group.Select(g => g.Tenure)).ToList();
            foreach (var (tenure, target) in group)
                TenureRules.CheckAgainstUnit(errors, tenure, target, all.Where(o => !ReferenceEquals(o, tenure)));
        }
        if (errors.Count == 0) db.Tenures.AddRange(carried.Select(c => c.Tenure));
        return [.. carried.Select(c => c.Tenure)];
    }

    /// <summary>After the reorganisation is saved: re-evaluates the soft rules of the units involved.</summary>
    public static async Task RefreshWarningsAsync(AppDb db, IEnumerable<int> unitIds, DateOnly today, CancellationToken ct)
    {
        foreach (var id in unitIds.Distinct()) await TenureRules.RefreshUnitAsync(db, id, null, today, ct);
        await db.SaveChangesAsync(ct);
    }
}
