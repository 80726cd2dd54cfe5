using Grassroots.Common;
using Grassroots.Data;

namespace Grassroots.Features.Units;

/// <summary>What every dated change of one unit carries.</summary>
public sealed record UnitChangeInput(int Id, int Version, DateOnly EffectiveDate, DecisionInput? Decision = null, string? Note = null);

/// <summary>Loading and checking the unit for a dated change: found, same version, still active, date after its current state.</summary>
internal static class UnitChange
{
    public static async Task<(ResidentialUnit? Unit, List<Error> Errors)> BeginAsync(AppDb db, TimeProvider time, UnitChangeInput input, CancellationToken ct)
    {
        var loaded = await UnitChecks.LoadAsync(db, input.Id, ct);
        if (!loaded.Succeeded) return (null, [.. loaded.Errors]);
        var unit = loaded.Value!;
        if (UnitChecks.Version(unit, input.Version) is { } conflict) return (null, [conflict]);
        if (unit.OpenPeriod is not { } open)
            return (null, [new Error("unit_not_active", $"Thôn/tổ dân phố này đã {ResidentialUnit.StatusName(unit.Status).ToLowerInvariant()}; không ghi nhận thêm thay đổi.")]);
        var today = time.Today();
        var errors = new List<Error>();
        UnitChecks.EffectiveDate(errors, input.EffectiveDate, today);
        UnitChecks.Decision(errors, input.Decision, today);
        UnitChecks.Note(errors, input.Note);
        UnitChecks.AfterCurrentPeriod(errors, open, input.EffectiveDate);
        return (unit, errors);
    }

    /// <summary>Closes the current period and opens the next one with the changed state, in one save.</summary>
    public static async Task<Result<ResidentialUnit>> ApplyAsync(AppDb db, TimeProvider time, ResidentialUnit unit, UnitEventType type, UnitChangeInput input,
        AdminUnit commune, string name, UnitKind kind, string? label, CancellationToken ct)
    {
        var now = time.UtcNow();
        var ev = UnitChecks.NewEvent(type, input.EffectiveDate, input.Decision, input.Note, commune.ProvinceCode, now);
        db.UnitEvents.Add(ev);
        unit.CloseOpenPeriod(input.EffectiveDate, ev);
        unit.OpenPeriodFrom(input.EffectiveDate, ev, commune, name, kind, label);
        unit.Touch(now);
        db.Operation = type.ToString().ToLowerInvariant();
        if (await UnitChecks.SaveAsync(db, ct) is { } lost) return lost;
        return Result<ResidentialUnit>.Ok(unit);
    }
}

public sealed record RenameUnitInput(UnitChangeInput Change, string NewName);

/// <summary>Đổi tên.</summary>
public sealed class RenameUnit(AppDb db, TimeProvider time)
{
    public async Task<Result<ResidentialUnit>> RunAsync(RenameUnitInput input, CancellationToken ct)
    {
        var (unit, errors) = await UnitChange.BeginAsync(db, time, input.Change, ct);
        if (unit is null) return Result<ResidentialUnit>.Fail(errors);
        var open = unit.OpenPeriod!;
        UnitChecks.Name(errors, input.NewName, "newName");
        if (VietnameseText.NameKey(input.NewName) == open.NameKey)
            errors.Add(new("name_unchanged", "Tên mới trùng với tên hiện tại.", "newName"));
        else if (VietnameseText.Clean(input.NewName).Length > 0 &&
                 await UnitChecks.NameFreeAsync(db, open.Commune!, input.NewName, input.Change.EffectiveDate, [unit.Id], "newName", ct) is { } clash)
            errors.Add(clash);
        if (errors.Count > 0) return Result<ResidentialUnit>.Fail(errors);
        return await UnitChange.ApplyAsync(db, time, unit, UnitEventType.Rename, input.Change, open.Commune!, input.NewName, open.Kind, open.LocalLabel, ct);
    }
}

public sealed record ConvertUnitInput(UnitChangeInput Change, string? NewName, string? NewLocalLabel);

/// <summary>Chuyển đổi thôn ↔ tổ dân phố (e.g. when a xã becomes a phường), optionally with a new name.</summary>
public sealed class ConvertUnit(AppDb db, TimeProvider time)
{
    public async Task<Result<ResidentialUnit>> RunAsync(ConvertUnitInput input, CancellationToken ct)
    {
        var (unit, errors) = await UnitChange.BeginAsync(db, time, input.Change, ct);
        if (unit is null) return Result<ResidentialUnit>.Fail(errors);
        var open = unit.OpenPeriod!;
        var newKind = open.Kind == UnitKind.Village ? UnitKind.ResidentialGroup : UnitKind.Village;
        var newName = string.IsNullOrWhiteSpace(input.NewName) ? open.Name : input.NewName;
        UnitChecks.Name(errors, newName, "newName");
        UnitChecks.LocalLabel(errors, input.NewLocalLabel, "newLocalLabel");
        if (UnitChecks.KindFitsCommune(newKind, open.Commune!, input.Change.EffectiveDate, "kind") is { } kindError) errors.Add(kindError);
        if (VietnameseText.NameKey(newName) != open.NameKey &&
            await UnitChecks.NameFreeAsync(db, open.Commune!, newName, input.Change.EffectiveDate, [unit.Id], "newName", ct) is { } clash)
            errors.Add(clash);
        if (errors.Count > 0) return Result<ResidentialUnit>.Fail(errors);
        var label = string.IsNullOrWhiteSpace(input.NewLocalLabel) ? (newKind == UnitKind.Village ? "thôn" : "tổ dân phố") : input.NewLocalLabel;
        return await UnitChange.ApplyAsync(db, time, unit, UnitEventType.Convert, input.Change, open.Commune!, newName, newKind, label, ct);
    }
}

public sealed record MoveUnitInput(UnitChangeInput Change, string TargetCommuneCode, string? NewName, UnitKind? NewKind);

/// <summary>Chuyển sang xã/phường khác (the 2025 reform moved thousands), converting the kind if the new commune requires it.</summary>
public sealed class MoveUnit(AppDb db, TimeProvider time)
{
    public async Task<Result<ResidentialUnit>> RunAsync(MoveUnitInput input, CancellationToken ct)
    {
        var (unit, errors) = await UnitChange.BeginAsync(db, time, input.Change, ct);
        if (unit is null) return Result<ResidentialUnit>.Fail(errors);
        var open = unit.OpenPeriod!;
        var name = string.IsNullOrWhiteSpace(input.NewName) ? open.Name : input.NewName;
        var kind = input.NewKind ?? open.Kind;
        UnitChecks.Name(errors, name, "newName");
        var target = await UnitChecks.CommuneOnAsync(db, input.TargetCommuneCode, input.Change.EffectiveDate, "targetCommuneCode", ct);
        if (!target.Succeeded) errors.AddRange(target.Errors);
        else
        {
            if (target.Value!.Id == open.CommuneId)
                errors.Add(new("same_commune", "Xã/phường mới trùng với xã/phường hiện tại.", "targetCommuneCode"));
            if (UnitChecks.KindFitsCommune(kind, target.Value, input.Change.EffectiveDate, "newKind") is { } kindError) errors.Add(kindError);
            if (await UnitChecks.NameFreeAsync(db, target.Value, name, input.Change.EffectiveDate, [unit.Id], "newName", ct) is { } clash) errors.Add(clash);
        }
        if (errors.Count > 0) return Result<ResidentialUnit>.Fail(errors);
        return await UnitChange.ApplyAsync(db, time, unit, UnitEventType.Move, input.Change, target.Value!, name, kind, open.LocalLabel, ct);
    }
}

/// <summary>Giải thể.</summary>
public sealed class DissolveUnit(AppDb db, TimeProvider time)
{
    public async Task<Result<ResidentialUnit>> RunAsync(UnitChangeInput input, CancellationToken ct)
    {
        var (unit, errors) = await UnitChange.BeginAsync(db, time, input, ct);
        if (unit is null || errors.Count > 0) return Result<ResidentialUnit>.Fail(errors);
        var now = time.UtcNow();
        var ev = UnitChecks.NewEvent(UnitEventType.Dissolve, input.EffectiveDate, input.Decision, input.Note, unit.ProvinceCode, now);
        db.UnitEvents.Add(ev);
        unit.CloseOpenPeriod(input.EffectiveDate, ev);
        unit.Status = UnitStatus.Dissolved;
        unit.Touch(now);
        // Its leaders' tenures end with it.
        var tenureErrors = new List<Error>();
        await People.ReorganizedTenures.ApplyAsync(db, [unit], _ => null, input.EffectiveDate, input.Decision, null, tenureErrors, now, ct);
        if (tenureErrors.Count > 0)
        {
            db.ChangeTracker.Clear(); // nothing of the refused reorganisation stays pending
            return Result<ResidentialUnit>.Fail(tenureErrors);
        }
        db.Operation = "dissolve";
        if (await UnitChecks.SaveAsync(db, ct) is { } lost) return lost;
        return Result<ResidentialUnit>.Ok(unit);
    }
}
