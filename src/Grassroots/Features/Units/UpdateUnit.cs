using Grassroots.Common;
using Grassroots.Data;

namespace Grassroots.Features.Units;

/// <summary>The attributes kept current rather than by dated event.</summary>
public sealed record UpdateUnitInput(int Id, int Version, int? HouseholdCount, int? Population, DateOnly? CountsAsOf, UnitClass? Classification, string? LocalLabel);

/// <summary>Updates a unit's household count, population, classification and local label.</summary>
public sealed class UpdateUnit(AppDb db, TimeProvider time)
{
    public async Task<Result<ResidentialUnit>> RunAsync(UpdateUnitInput input, CancellationToken ct)
    {
        var loaded = await UnitChecks.LoadAsync(db, input.Id, ct);
        if (!loaded.Succeeded) return Result<ResidentialUnit>.Fail(loaded.Errors);
        var unit = loaded.Value!;
        if (UnitChecks.Version(unit, input.Version) is { } conflict) return conflict;
        var open = unit.OpenPeriod;
        if (open is null) return new Error("unit_not_active", "Thôn/tổ dân phố này không còn hoạt động; không sửa được số liệu.");

        var today = time.Today();
        var errors = new List<Error>();
        UnitChecks.Counts(errors, input.HouseholdCount, input.Population, input.CountsAsOf, today);
        UnitChecks.LocalLabel(errors, input.LocalLabel);
        if (input.Classification is { } c && !Enum.IsDefined(c)) errors.Add(new("invalid_classification", "Phân loại phải là loại 1, 2 hoặc 3.", "classification"));
        if (errors.Count > 0) return Result<ResidentialUnit>.Fail(errors);

        var countsChanged = unit.HouseholdCount != input.HouseholdCount || unit.Population != input.Population;
        unit.HouseholdCount = input.HouseholdCount;
        unit.Population = input.Population;
        unit.CountsAsOf = input.CountsAsOf ?? (countsChanged ? today : unit.CountsAsOf);
        unit.Classification = input.Classification;
        open.LocalLabel = string.IsNullOrWhiteSpace(input.LocalLabel) ? null : VietnameseText.Clean(input.LocalLabel);
        unit.Touch(time.UtcNow());
        db.Operation ??= "update"; // an import that runs this keeps its own name
        if (await UnitChecks.SaveAsync(db, ct) is { } lost) return lost;
        var warnings = await UnitChecks.SizeWarningsAsync(db, open.Commune!, open.Kind, unit.HouseholdCount, today, isNew: false, ct);
        return Result<ResidentialUnit>.Ok(unit, warnings);
    }
}
