using Grassroots.Common;
using Grassroots.Data;

namespace Grassroots.Features.Units;

public sealed record EstablishUnitInput(
    string CommuneCode, string Name, UnitKind Kind, string? LocalLabel, DateOnly EffectiveDate,
    int? HouseholdCount = null, int? Population = null, DateOnly? CountsAsOf = null, UnitClass? Classification = null,
    DecisionInput? Decision = null, string? Note = null, bool IsDemo = false);

/// <summary>Thành lập: records a new residential unit in a commune from a date.</summary>
public sealed class EstablishUnit(AppDb db, TimeProvider time)
{
    public async Task<Result<ResidentialUnit>> RunAsync(EstablishUnitInput input, CancellationToken ct)
    {
        var today = time.Today();
        var errors = new List<Error>();
        UnitChecks.Name(errors, input.Name);
        UnitChecks.LocalLabel(errors, input.LocalLabel);
        UnitChecks.Counts(errors, input.HouseholdCount, input.Population, input.CountsAsOf, today);
        UnitChecks.EffectiveDate(errors, input.EffectiveDate, today);
        UnitChecks.Decision(errors, input.Decision, today);
        UnitChecks.Note(errors, input.Note);
        if (!Enum.IsDefined(input.Kind)) errors.Add(new("invalid_kind", "Loại đơn vị phải là thôn hoặc tổ dân phố.", "kind"));
        if (input.Classification is { } c && !Enum.IsDefined(c)) errors.Add(new("invalid_classification", "Phân loại phải là loại 1, 2 hoặc 3.", "classification"));

        var commune = await UnitChecks.CommuneOnAsync(db, input.CommuneCode, input.EffectiveDate, "communeCode", ct);
        if (!commune.Succeeded) errors.AddRange(commune.Errors);
        else
        {
            if (Enum.IsDefined(input.Kind) && UnitChecks.KindFitsCommune(input.Kind, commune.Value!, input.EffectiveDate, "kind") is { } kindError)
                errors.Add(kindError);
            if (VietnameseText.Clean(input.Name).Length > 0 &&
                await UnitChecks.NameFreeAsync(db, commune.Value!, input.Name, input.EffectiveDate, [], "name", ct) is { } nameError)
                errors.Add(nameError);
        }
        if (errors.Count > 0) return Result<ResidentialUnit>.Fail(errors);

        var now = time.UtcNow();
        var place = commune.Value!;
        var ev = UnitChecks.NewEvent(UnitEventType.Establish, input.EffectiveDate, input.Decision, input.Note, place.ProvinceCode, now);
        var unit = new ResidentialUnit
        {
            ProvinceCode = place.ProvinceCode, HouseholdCount = input.HouseholdCount, Population = input.Population,
            CountsAsOf = input.CountsAsOf ?? (input.HouseholdCount is null && input.Population is null ? null : today),
            Classification = input.Classification, IsDemo = input.IsDemo, CreatedAt = now, UpdatedAt = now,
        };
        unit.OpenPeriodFrom(input.EffectiveDate, ev, place, input.Name, input.Kind, input.LocalLabel);
        db.UnitEvents.Add(ev);
        db.ResidentialUnits.Add(unit);
        db.Operation ??= "establish"; // an import that runs this keeps its own name
        await db.SaveChangesAsync(ct);
        var warnings = await UnitChecks.SizeWarningsAsync(db, place, input.Kind, input.HouseholdCount, input.EffectiveDate, isNew: true, ct);
        return Result<ResidentialUnit>.Ok(unit, warnings);
    }
}
