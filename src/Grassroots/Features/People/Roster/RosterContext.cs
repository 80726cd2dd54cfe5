using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Units;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.People.Roster;

/// <summary>
/// Everything the rows of a roster refer to, loaded in a handful of queries (chunked lists of ids), so that checking
/// ten thousand rows runs in memory: the communes, their units with periods, the units' tenures with their holders and
/// stored warnings, and the people the rows may name by id, CCCD or name and birth date. Reads go through the
/// jurisdiction filters of <see cref="AppDb"/>: what is out of the user's scope is not found.
/// </summary>
public sealed class RosterContext
{
    private const int Chunk = 500;

    private readonly Dictionary<string, AdminUnit> _communes = [];
    private readonly Dictionary<int, ResidentialUnit> _units = [];
    private readonly Dictionary<int, List<(string NameKey, string Folded, ResidentialUnitPeriod Period)>> _unitNames = [];
    private readonly Dictionary<int, List<Tenure>> _tenures = [];
    private readonly Dictionary<int, Person> _people = [];
    private readonly Dictionary<string, int> _nationalIds = [];
    private readonly Dictionary<(int CommuneId, string Name, DateOnly Born), Person> _byNameAndBirth = [];

    public static async Task<RosterContext> LoadAsync(AppDb db, IReadOnlyList<RosterRow> rows, DateOnly today, CancellationToken ct)
    {
        var context = new RosterContext();
        var codes = rows.Select(r => r.CommuneCode).OfType<string>().Distinct().ToList();
        foreach (var chunk in codes.Chunk(Chunk))
            foreach (var commune in await db.AdminUnits.Include(u => u.TypeChanges).Include(u => u.Parent).ValidOn(today)
                         .Where(u => u.Level == AdminLevel.Commune && chunk.Contains(u.Code)).ToListAsync(ct))
                context._communes[commune.Code] = commune;
        var communeIds = context._communes.Values.Select(c => c.Id).ToList();

        foreach (var chunk in communeIds.Chunk(Chunk))
            foreach (var unit in await db.ResidentialUnits.AsNoTracking().Include(u => u.Periods)
                         .Where(u => u.Periods.Any(p => chunk.Contains(p.CommuneId))).ToListAsync(ct))
                context._units.TryAdd(unit.Id, unit);
        foreach (var unit in context._units.Values)
            foreach (var period in unit.Periods)
                (context._unitNames.TryGetValue(period.CommuneId, out var list) ? list : context._unitNames[period.CommuneId] = [])
                    .Add((period.NameKey, VietnameseText.Fold(period.Name), period));

        foreach (var chunk in context._units.Keys.Chunk(Chunk))
            foreach (var tenure in await db.Tenures.Include(t => t.Person).Include(t => t.Warnings).Where(t => chunk.Contains(t.UnitId)).ToListAsync(ct))
                context.TenuresOf(tenure.UnitId).Add(tenure);

        var ids = rows.Select(r => r.PersonId).OfType<int>().Distinct().ToList();
        foreach (var chunk in ids.Chunk(Chunk))
            foreach (var person in await db.People.Where(p => chunk.Contains(p.Id)).ToListAsync(ct))
                context._people[person.Id] = person;

        // National ids are unique in the whole country: owners outside the scope are known by id only.
        var nationalIds = rows.Where(r => r.PersonId is null).Select(r => r.NationalId).OfType<string>().Distinct().ToList();
        foreach (var chunk in nationalIds.Chunk(Chunk))
            foreach (var owner in await db.People.IgnoreQueryFilters().Where(p => p.NationalId != null && chunk.Contains(p.NationalId))
                         .Select(p => new { p.Id, p.NationalId }).ToListAsync(ct))
                context._nationalIds[owner.NationalId!] = owner.Id;
        var owners = context._nationalIds.Values.Where(id => !context._people.ContainsKey(id)).ToList();
        foreach (var chunk in owners.Chunk(Chunk))
            foreach (var person in await db.People.Where(p => chunk.Contains(p.Id)).ToListAsync(ct))
                context._people[person.Id] = person;

        // Rows without CCCD or id may name someone recorded by name and birth date in the same commune.
        var names = rows.Where(r => r.PersonId is null && r.NationalId is null && r.DateOfBirth is not null)
            .Select(r => VietnameseText.Fold(r.FullName)).Where(n => n.Length > 0).Distinct().ToList();
        foreach (var chunk in names.Chunk(Chunk))
            foreach (var person in await db.People.Where(p => communeIds.Contains(p.CommuneId) && chunk.Contains(p.SearchName) && p.DateOfBirth != null).ToListAsync(ct))
                context._byNameAndBirth.TryAdd((person.CommuneId, person.SearchName, person.DateOfBirth!.Value), person);
        return context;
    }

    public AdminUnit? Commune(string code) => _communes.GetValueOrDefault(code);

    /// <summary>
    /// The unit of a commune by name (exactly, else without diacritics): preferably the one bearing the name on
    /// <paramref name="on"/>, else the one bearing it now, else the last to bear it.
    /// </summary>
    public ResidentialUnit? Unit(int communeId, string name, DateOnly on)
    {
        if (!_unitNames.TryGetValue(communeId, out var names)) return null;
        var key = VietnameseText.NameKey(name);
        var matches = names.Where(n => n.NameKey == key).ToList();
        if (matches.Count == 0)
        {
            var folded = VietnameseText.Fold(name);
            matches = [.. names.Where(n => n.Folded == folded)];
        }
        var best = matches.FirstOrDefault(m => m.Period.ValidFrom <= on && (m.Period.ValidTo is null || m.Period.ValidTo >= on)).Period
            ?? matches.FirstOrDefault(m => m.Period.ValidTo is null).Period
            ?? matches.OrderByDescending(m => m.Period.ValidFrom).FirstOrDefault().Period;
        return best is null ? null : _units[best.UnitId];
    }

    public ResidentialUnit UnitById(int id) => _units[id];

    /// <summary>The unit's tenures as recorded, plus those the file adds as it is checked.</summary>
    public List<Tenure> TenuresOf(int unitId) => _tenures.TryGetValue(unitId, out var list) ? list : _tenures[unitId] = [];

    public Person? PersonById(int id) => _people.GetValueOrDefault(id);

    /// <summary>Who holds a national id: their id, and their record when it is within the user's scope.</summary>
    public (int Id, Person? Person)? PersonByNationalId(string nationalId) =>
        _nationalIds.TryGetValue(nationalId, out var id) ? (id, _people.GetValueOrDefault(id)) : null;

    public Person? PersonByNameAndBirth(int communeId, string fullName, DateOnly born) =>
        _byNameAndBirth.GetValueOrDefault((communeId, VietnameseText.Fold(fullName), born));
}
