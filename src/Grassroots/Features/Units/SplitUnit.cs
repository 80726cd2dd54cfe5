using Grassroots.Common;
using Grassroots.Data;

namespace Grassroots.Features.Units;

public sealed record SplitPart(string Name, string? LocalLabel = null, int? HouseholdCount = null, int? Population = null);

public sealed record SplitUnitInput(UnitChangeInput Change, IReadOnlyList<SplitPart> Parts, decimal? ApprovalPercent = null, IReadOnlyList<People.TenureTransfer>? Tenures = null);

/// <summary>Chia tách (1 → n): the unit ends and new units of the same kind take its place in the same commune.</summary>
public sealed class SplitUnit(AppDb db, TimeProvider time)
{
    public async Task<Result<IReadOnlyList<ResidentialUnit>>> RunAsync(SplitUnitInput input, CancellationToken ct)
    {
        var (unit, errors) = await UnitChange.BeginAsync(db, time, input.Change, ct);
        if (unit is null) return Result<IReadOnlyList<ResidentialUnit>>.Fail(errors);
        var open = unit.OpenPeriod!;
        var today = time.Today();
        if (input.Parts.Count < 2)
            errors.Add(new("split_needs_two", "Chia tách cần ít nhất hai đơn vị mới.", "parts"));
        if (input.ApprovalPercent is < 0 or > 100)
            errors.Add(new("invalid_percent", "Tỷ lệ tán thành phải từ 0 đến 100%.", "approvalPercent"));
        var seen = new HashSet<string>();
        for (var i = 0; i < input.Parts.Count; i++)
        {
            var part = input.Parts[i];
            var field = $"parts[{i}].name";
            var before = errors.Count;
            UnitChecks.Name(errors, part.Name, field);
            UnitChecks.LocalLabel(errors, part.LocalLabel, $"parts[{i}].localLabel");
            UnitChecks.Counts(errors, part.HouseholdCount, part.Population, null, today);
            if (errors.Count > before) continue;
            if (!seen.Add(VietnameseText.NameKey(part.Name)))
                errors.Add(new("name_duplicate", $"Tên \"{VietnameseText.Clean(part.Name)}\" được nhập hai lần.", field));
            else if (await UnitChecks.NameFreeAsync(db, open.Commune!, part.Name, input.Change.EffectiveDate, [unit.Id], field, ct) is { } clash)
                errors.Add(clash);
        }
        if (errors.Count > 0) return Result<IReadOnlyList<ResidentialUnit>>.Fail(errors);

        var now = time.UtcNow();
        var commune = open.Commune!;
        var ev = UnitChecks.NewEvent(UnitEventType.Split, input.Change.EffectiveDate, input.Change.Decision, input.Change.Note, commune.ProvinceCode, now);
        db.UnitEvents.Add(ev);
        unit.CloseOpenPeriod(input.Change.EffectiveDate, ev);
        unit.Status = UnitStatus.Split;
        unit.Touch(now);
        var created = new List<ResidentialUnit>();
        var warnings = new List<RuleWarning>();
        foreach (var part in input.Parts)
        {
            var successor = new ResidentialUnit
            {
                ProvinceCode = commune.ProvinceCode, HouseholdCount = part.HouseholdCount, Population = part.Population,
                CountsAsOf = part.HouseholdCount is null && part.Population is null ? null : input.Change.EffectiveDate,
                Classification = null, IsDemo = unit.IsDemo, CreatedAt = now, UpdatedAt = now,
            };
            successor.OpenPeriodFrom(input.Change.EffectiveDate, ev, commune, part.Name, open.Kind, part.LocalLabel ?? open.LocalLabel);
            db.ResidentialUnits.Add(successor);
            ev.Lineage.Add(new UnitLineage { Predecessor = unit, Successor = successor, ApprovalPercent = input.ApprovalPercent });
            created.Add(successor);
            warnings.AddRange(await UnitChecks.SizeWarningsAsync(db, commune, open.Kind, part.HouseholdCount, input.Change.EffectiveDate, isNew: true, ct));
        }
        // Leaders of the old unit: ended, or carried to the part the user chose.
        var tenureErrors = new List<Error>();
        await People.ReorganizedTenures.ApplyAsync(db, [unit], i => i is { } n && n >= 0 && n < created.Count ? created[n] : null,
            input.Change.EffectiveDate, input.Change.Decision, input.Tenures, tenureErrors, now, ct);
        if (tenureErrors.Count > 0)
        {
            db.ChangeTracker.Clear(); // nothing of the refused reorganisation stays pending
            return Result<IReadOnlyList<ResidentialUnit>>.Fail(tenureErrors);
        }
        db.Operation = "split";
        if (await UnitChecks.SaveAsync(db, ct) is { } lost) return lost;
        await People.ReorganizedTenures.RefreshWarningsAsync(db, created.Select(u => u.Id).Append(unit.Id), today, ct);
        return Result<IReadOnlyList<ResidentialUnit>>.Ok(created, warnings);
    }
}
