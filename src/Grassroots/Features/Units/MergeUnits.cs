using Grassroots.Common;
using Grassroots.Data;

namespace Grassroots.Features.Units;

/// <summary>One unit taking part in a merge, with the share of its household representatives who approved.</summary>
public sealed record MergeSource(int Id, int Version, decimal? ApprovalPercent);

public sealed record MergeUnitsInput(
    IReadOnlyList<MergeSource> Sources, DateOnly EffectiveDate, bool AdjacencyConfirmed,
    int? IntoUnitId = null, string? NewName = null, UnitKind? NewKind = null, string? NewLocalLabel = null,
    int? HouseholdCount = null, int? Population = null, DecisionInput? Decision = null, string? Note = null,
    IReadOnlyList<People.TenureTransfer>? Tenures = null);

/// <summary>
/// Sáp nhập (n → 1): adjacent units of one commune become one — either a new unit, or one of them that takes in
/// the others. R-UNIT-06: more than 50% of the household representatives of each unit must have approved.
/// </summary>
public sealed class MergeUnits(AppDb db, TimeProvider time)
{
    public async Task<Result<ResidentialUnit>> RunAsync(MergeUnitsInput input, CancellationToken ct)
    {
        var today = time.Today();
        var errors = new List<Error>();
        if (input.Sources.Select(s => s.Id).Distinct().Count() < 2)
            return new Error("merge_needs_two", "Sáp nhập cần ít nhất hai thôn/tổ dân phố khác nhau.", "sources");
        UnitChecks.EffectiveDate(errors, input.EffectiveDate, today);
        UnitChecks.Decision(errors, input.Decision, today);
        UnitChecks.Note(errors, input.Note);
        UnitChecks.Counts(errors, input.HouseholdCount, input.Population, null, today);

        var units = new List<ResidentialUnit>();
        foreach (var source in input.Sources)
        {
            var loaded = await UnitChecks.LoadAsync(db, source.Id, ct);
            if (!loaded.Succeeded) return Result<ResidentialUnit>.Fail(loaded.Errors);
            var unit = loaded.Value!;
            if (UnitChecks.Version(unit, source.Version) is { } conflict) return conflict;
            if (unit.OpenPeriod is not { } open)
            {
                errors.Add(new("unit_not_active", $"Đơn vị #{unit.Id} đã {ResidentialUnit.StatusName(unit.Status).ToLowerInvariant()}, không sáp nhập được.", "sources"));
                continue;
            }
            UnitChecks.AfterCurrentPeriod(errors, open, input.EffectiveDate);
            if (source.ApprovalPercent is not { } pct || pct <= 50 || pct > 100)
                errors.Add(new("merge_approval_insufficient",
                    $"\"{open.Name}\": cần trên 50% đại diện hộ gia đình tán thành việc sáp nhập (đã ghi: {(source.ApprovalPercent is { } p ? p + "%" : "chưa nhập")}) — R-UNIT-06, {UnitChecks.SourceR06}.",
                    "sources", Rule: "R-UNIT-06"));
            units.Add(unit);
        }
        if (errors.Count > 0 && units.Count < 2) return Result<ResidentialUnit>.Fail(errors);

        var opens = units.Where(u => u.OpenPeriod is not null).Select(u => u.OpenPeriod!).ToList();
        var commune = opens[0].Commune!;
        if (opens.Any(p => p.CommuneId != commune.Id))
            errors.Add(new("merge_different_communes", $"Chỉ sáp nhập các thôn/tổ dân phố cùng một xã/phường; việc sáp nhập không được làm thay đổi địa giới xã/phường (R-UNIT-06, {UnitChecks.SourceR06}).", "sources", Rule: "R-UNIT-06"));
        if (!input.AdjacencyConfirmed)
            errors.Add(new("merge_not_adjacent", $"Cần xác nhận các thôn/tổ dân phố sáp nhập là liền kề nhau (R-UNIT-06, {UnitChecks.SourceR06}).", "adjacencyConfirmed", Rule: "R-UNIT-06"));

        var receiving = input.IntoUnitId is { } into ? units.FirstOrDefault(u => u.Id == into) : null;
        if (input.IntoUnitId is not null && receiving is null)
            errors.Add(new("merge_target_not_source", "Đơn vị nhận sáp nhập phải là một trong các đơn vị được sáp nhập.", "intoUnitId"));
        var kind = input.NewKind ?? receiving?.OpenPeriod?.Kind ?? opens[0].Kind;
        var name = !string.IsNullOrWhiteSpace(input.NewName) ? input.NewName : receiving?.OpenPeriod?.Name ?? "";
        UnitChecks.Name(errors, name, "newName");
        UnitChecks.LocalLabel(errors, input.NewLocalLabel, "newLocalLabel");
        if (UnitChecks.KindFitsCommune(kind, commune, input.EffectiveDate, "newKind") is { } kindError) errors.Add(kindError);
        if (VietnameseText.Clean(name).Length > 0 &&
            await UnitChecks.NameFreeAsync(db, commune, name, input.EffectiveDate, units.Select(u => u.Id).ToList(), "newName", ct) is { } clash)
            errors.Add(clash);
        if (errors.Count > 0) return Result<ResidentialUnit>.Fail(errors);

        var now = time.UtcNow();
        var ev = UnitChecks.NewEvent(UnitEventType.Merge, input.EffectiveDate, input.Decision, input.Note, commune.ProvinceCode, now);
        db.UnitEvents.Add(ev);
        var households = input.HouseholdCount ?? (units.All(u => u.HouseholdCount is not null) ? units.Sum(u => u.HouseholdCount) : null);
        var population = input.Population ?? (units.All(u => u.Population is not null) ? units.Sum(u => u.Population) : null);

        var successor = receiving ?? new ResidentialUnit { ProvinceCode = commune.ProvinceCode, CreatedAt = now, IsDemo = units.All(u => u.IsDemo) };
        var label = string.IsNullOrWhiteSpace(input.NewLocalLabel) ? (receiving?.OpenPeriod?.LocalLabel ?? opens[0].LocalLabel) : input.NewLocalLabel;
        if (receiving is null)
        {
            db.ResidentialUnits.Add(successor);
            successor.OpenPeriodFrom(input.EffectiveDate, ev, commune, name, kind, label);
        }
        else
        {
            var open = receiving.OpenPeriod!;
            if (VietnameseText.NameKey(name) != open.NameKey || kind != open.Kind || label != open.LocalLabel)
            {
                receiving.CloseOpenPeriod(input.EffectiveDate, ev);
                receiving.OpenPeriodFrom(input.EffectiveDate, ev, commune, name, kind, label);
            }
        }
        successor.HouseholdCount = households;
        successor.Population = population;
        successor.CountsAsOf = households is null && population is null ? null : input.EffectiveDate;
        successor.Touch(now);

        foreach (var unit in units)
        {
            var approval = input.Sources.First(s => s.Id == unit.Id).ApprovalPercent;
            ev.Lineage.Add(new UnitLineage { Predecessor = unit, Successor = successor, ApprovalPercent = approval });
            if (unit == receiving) continue;
            unit.CloseOpenPeriod(input.EffectiveDate, ev);
            unit.Status = UnitStatus.Merged;
            unit.Touch(now);
        }
        // Leaders of the units that end: ended, or carried to the merged unit, as the user chose.
        var tenureErrors = new List<Error>();
        await People.ReorganizedTenures.ApplyAsync(db, [.. units.Where(u => u != receiving)], _ => successor, input.EffectiveDate, input.Decision, input.Tenures, tenureErrors, now, ct);
        if (tenureErrors.Count > 0)
        {
            db.ChangeTracker.Clear(); // nothing of the refused reorganisation stays pending
            return Result<ResidentialUnit>.Fail(tenureErrors);
        }
        db.Operation = "merge";
        if (await UnitChecks.SaveAsync(db, ct) is { } lost) return lost;
        await People.ReorganizedTenures.RefreshWarningsAsync(db, units.Select(u => u.Id).Append(successor.Id), today, ct);
        var warnings = await UnitChecks.SizeWarningsAsync(db, commune, kind, households, input.EffectiveDate, isNew: true, ct);
        return Result<ResidentialUnit>.Ok(successor, warnings);
    }
}
