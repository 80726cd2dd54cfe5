using Grassroots.Data;
using Grassroots.Features.People;
using Grassroots.Features.Units;

namespace Grassroots.Tests.Infrastructure;

/// <summary>
/// Builds people and their tenures for a test through the real use cases (<see cref="RecordTenure"/>, <see cref="SavePerson"/>),
/// so that stored rule warnings are what the app would store. Defaults: a man (a woman when the name has "Thị") born
/// 01/01/1980, Kinh, living in the unit, elected for 2022-2027 from the reform date (01/07/2025), still holding.
/// </summary>
public static class LeaderBuilder
{
    /// <summary>A new person holding a position in <paramref name="unit"/>.</summary>
    public static async Task<Tenure> AppointAsync(AppDb db, TimeProvider time, ResidentialUnit unit, string fullName,
        Position position = Position.UnitHead, DateOnly? from = null, TenureMode mode = TenureMode.Elected, string? term = "2022-2027",
        DateOnly? born = null, Gender? gender = null, string ethnicity = ReferenceLists.Kinh, bool partyMember = false, string? education = "12/12",
        DateOnly? plannedEnd = null, DateOnly? until = null, string? title = null)
    {
        var person = new PersonInput(fullName, gender ?? (fullName.Contains(" Thị ", StringComparison.Ordinal) ? Gender.Female : Gender.Male),
            born ?? new DateOnly(1980, 1, 1), ethnicity, null, null, null, unit.Id, PartyMember: partyMember, GeneralEducation: education);
        return await RecordAsync(db, time, new TenureInput(unit.Id, null, person, position, title, mode, term, from ?? UnitBuilder.Reform, plannedEnd,
            EndDate: until, EndReason: until is null ? null : EndReason.TermExpired));
    }

    /// <summary>Another position for a person already recorded (a concurrent role, or a later term).</summary>
    public static async Task<Tenure> AppointAsync(AppDb db, TimeProvider time, ResidentialUnit unit, int personId,
        Position position, DateOnly? from = null, TenureMode mode = TenureMode.Elected, string? term = "2022-2027",
        DateOnly? plannedEnd = null, DateOnly? until = null, string? title = null) =>
        await RecordAsync(db, time, new TenureInput(unit.Id, personId, null, position, title, mode, term, from ?? UnitBuilder.Reform, plannedEnd,
            EndDate: until, EndReason: until is null ? null : EndReason.TermExpired));

    private static async Task<Tenure> RecordAsync(AppDb db, TimeProvider time, TenureInput input)
    {
        var result = await new RecordTenure(db, time, new SavePerson(db, time)).CreateAsync(input, CancellationToken.None);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        return result.Value!;
    }
}
