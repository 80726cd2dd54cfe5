using Grassroots.Data;
using Grassroots.Data.Seed;
using Grassroots.Features.People;
using Grassroots.Features.Units;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Grassroots.Tests.Infrastructure.UnitBuilder;

namespace Grassroots.Tests.Data;

/// <summary>One seeded demo province, read (never changed) by the tests of <see cref="DemoLeadersTests"/>.</summary>
public sealed class SeededDemo : IAsyncLifetime
{
    private TestDatabase? _database;

    public FixedClock Time { get; } = new();
    public DemoSeedResult Result { get; private set; } = null!;
    public AppDb NewDb() => _database!.NewDb();

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using var db = _database.NewDb();
        Result = await new DemoProvince(db, Time).SeedAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_database is not null) await _database.DisposeAsync();
    }
}

/// <summary>The synthetic leadership of the demo province: who holds what, how plausible it looks, and the review cases.</summary>
public sealed class DemoLeadersTests(SeededDemo demo) : IClassFixture<SeededDemo>
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly DateOnly Today = FixedClock.DefaultToday;

    private sealed record LeaderLine(int UnitId, Position Position, TenureMode Mode, string? Term, DateOnly Start, DateOnly? End, string Name,
        string? NationalId, DateOnly? Born, string? Ethnicity, bool Party, int Warnings);

    private sealed record Held(int TenureId, int UnitId, int CommuneId, Position Position, TenureMode Mode, DateOnly Start, int PersonId);

    private static async Task<List<Held>> HeldTodayAsync(AppDb db) =>
        await db.Tenures.AsNoTracking()
            .Where(t => t.Unit!.IsDemo && t.StartDate <= Today && (t.EndDate == null || t.EndDate >= Today))
            .Select(t => new Held(t.Id, t.UnitId, t.Unit!.CurrentCommuneId, t.Position, t.Mode, t.StartDate, t.PersonId))
            .ToListAsync(Ct);

    [Fact]
    public async Task Every_active_demo_unit_has_one_head_a_secretary_and_a_front_head_today()
    {
        await using var db = demo.NewDb();
        var units = await db.ResidentialUnits.AsNoTracking().Where(u => u.IsDemo && u.Status == UnitStatus.Active).Select(u => u.Id).ToListAsync(Ct);
        var held = (await HeldTodayAsync(db)).ToLookup(h => h.UnitId);

        Assert.Equal(demo.Result.Units, units.Count);
        Assert.All(units, id =>
        {
            Assert.Single(held[id], h => h.Position == Position.UnitHead);
            Assert.Single(held[id], h => h.Position == Position.PartyCellSecretary);
            Assert.Single(held[id], h => h.Position == Position.FrontCommitteeHead);
        });
        // Some units without a deputy, most with one.
        var withDeputy = units.Count(id => held[id].Any(h => h.Position == Position.DeputyHead));
        Assert.InRange((double)withDeputy / units.Count, 0.6, 0.9);

        Assert.Equal(demo.Result.People, await db.People.CountAsync(p => p.IsDemo, Ct));
        Assert.Equal(demo.Result.Tenures, await db.Tenures.CountAsync(t => t.Unit!.IsDemo, Ct));
        // Every holder is a demo person kept by the unit's commune, living in the unit (bar the deliberate cases).
        var holders = await db.Tenures.AsNoTracking().Where(t => t.Unit!.IsDemo)
            .Select(t => new { t.UnitId, t.CommuneId, UnitCommune = t.Unit!.CurrentCommuneId, t.Person!.IsDemo, t.Person.ResidenceUnitId, t.Person.LivesInUnit, PersonCommune = t.Person.CommuneId })
            .ToListAsync(Ct);
        Assert.All(holders, h =>
        {
            Assert.True(h.IsDemo);
            Assert.Equal(h.UnitCommune, h.CommuneId);
            Assert.Equal(h.UnitCommune, h.PersonCommune);
        });
        Assert.InRange(holders.Count(h => h.ResidenceUnitId != h.UnitId || !h.LivesInUnit), 1, 5);
    }

    [Fact]
    public async Task National_ids_are_valid_for_each_person_and_unique()
    {
        await using var db = demo.NewDb();
        var people = await db.People.AsNoTracking().Where(p => p.IsDemo).Select(p => new { p.NationalId, p.Gender, p.DateOfBirth, p.FullName, p.Note }).ToListAsync(Ct);

        Assert.NotEmpty(people);
        Assert.All(people, p =>
        {
            Assert.Empty(NationalId.Check(p.NationalId, p.Gender, p.DateOfBirth));
            Assert.Equal(DemoProvince.Note, p.Note);
            // Family, middle and given name, with full diacritics.
            Assert.True(p.FullName.Split(' ').Length >= 3, p.FullName);
            Assert.True(p.FullName.All(c => char.IsLetter(c) || c == ' '), p.FullName);
        });
        Assert.Equal(people.Count, people.Select(p => p.NationalId).Distinct().Count());
        Assert.Contains(people, p => p.FullName.StartsWith("Nguyễn ", StringComparison.Ordinal));
        Assert.Contains(people, p => p.FullName.Contains(" Thị ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Heads_secretaries_and_deputies_look_like_a_real_province()
    {
        await using var db = demo.NewDb();
        var held = await HeldTodayAsync(db);
        var people = await db.People.AsNoTracking().Where(p => p.IsDemo)
            .ToDictionaryAsync(p => p.Id, p => new { p.Gender, p.DateOfBirth, p.PartyMember, p.PartyAdmissionDate, p.GeneralEducation, p.PoliticalTheory }, Ct);
        var heads = held.Where(h => h.Position == Position.UnitHead).ToList();
        var secretaries = held.Where(h => h.Position == Position.PartyCellSecretary).ToDictionary(h => h.UnitId);

        // Nhất thể hóa: the head is also the party-cell secretary in about 40% of units.
        var concurrent = heads.Count(h => secretaries[h.UnitId].PersonId == h.PersonId);
        Assert.InRange((double)concurrent / heads.Count, 0.32, 0.48);
        // Heads: mostly aged 40–65, about one in six a woman, three in four Party members.
        Assert.InRange(heads.Count(h => Person.AgeOn(people[h.PersonId].DateOfBirth, Today) is >= 40 and <= 65) / (double)heads.Count, 0.8, 0.97);
        Assert.InRange(heads.Count(h => people[h.PersonId].Gender == Gender.Female) / (double)heads.Count, 0.12, 0.22);
        Assert.InRange(heads.Count(h => people[h.PersonId].PartyMember) / (double)heads.Count, 0.68, 0.82);
        // Secretaries: all Party members, admitted as adults before they took office.
        Assert.All(secretaries.Values, s =>
        {
            var p = people[s.PersonId];
            Assert.True(p.PartyMember);
            Assert.True(p.PartyAdmissionDate < s.Start);
            Assert.True(Person.AgeOn(p.DateOfBirth, p.PartyAdmissionDate!.Value) >= 18);
        });
        Assert.All(people.Values.Where(p => !p.PartyMember), p => Assert.Null(p.PartyAdmissionDate));
        // Education in the forms records use; a mix, not one value.
        Assert.All(people.Values, p => Assert.Matches(@"^\d{1,2}/(10|12)$", p.GeneralEducation));
        Assert.True(people.Values.Select(p => p.GeneralEducation).Distinct().Count() >= 3);
        Assert.True(people.Values.Select(p => p.PoliticalTheory).Distinct().Count() >= 3);
    }

    [Fact]
    public async Task Communes_of_former_Hoa_Binh_have_far_more_leaders_of_ethnic_minorities()
    {
        await using var db = demo.NewDb();
        var hoaBinh = (await db.AdminUnitLineages.AsNoTracking()
                .Where(l => l.Successor!.ProvinceCode == DemoProvince.ProvinceCode && l.Successor.Level == AdminLevel.Commune && l.Successor.ValidTo == null)
                .Where(l => l.Predecessor!.Level == AdminLevel.Commune && l.Predecessor.ProvinceCode == "17")
                .Select(l => l.SuccessorId).ToListAsync(Ct)).ToHashSet();
        var people = await db.People.AsNoTracking().Where(p => p.IsDemo).Select(p => new { p.CommuneId, p.EthnicityCode }).ToListAsync(Ct);
        double MinorityShare(bool inHoaBinh)
        {
            var group = people.Where(p => hoaBinh.Contains(p.CommuneId) == inHoaBinh).ToList();
            Assert.NotEmpty(group);
            return group.Count(p => p.EthnicityCode != ReferenceLists.Kinh) / (double)group.Count;
        }

        Assert.NotEmpty(hoaBinh);
        Assert.All(people, p => Assert.NotNull(ReferenceLists.EthnicityName(p.EthnicityCode)));
        var former = MinorityShare(true);
        var rest = MinorityShare(false);
        Assert.True(former > 0.5 && former > rest + 0.4, $"Ethnic minorities: {former:P0} in former Hòa Bình, {rest:P0} elsewhere.");
        var groups = people.Where(p => hoaBinh.Contains(p.CommuneId)).Select(p => p.EthnicityCode).ToHashSet();
        Assert.Superset(new HashSet<string?> { "01", "02", "03", "06", "09" }, groups); // Kinh, Tày, Thái, Mường, Dao
    }

    [Fact]
    public async Task Terms_follow_Phu_Tho_and_history_ends_where_the_next_term_begins()
    {
        await using var db = demo.NewDb();
        var tenures = await db.Tenures.AsNoTracking().Where(t => t.Unit!.IsDemo).ToListAsync(Ct);

        Assert.All(tenures, t =>
        {
            Assert.True(t.StartDate <= Today);
            Assert.True(t.EndDate is null || (t.EndDate >= t.StartDate && t.EndDate < Today && t.EndReason is not null));
            Assert.Equal(DemoProvince.ProvinceCode, t.ProvinceCode);
            Assert.False(string.IsNullOrEmpty(t.StartDecisionIssuer));
        });
        var elected = tenures.Where(t => t.Position == Position.UnitHead && t.Mode == TenureMode.Elected).ToList();
        Assert.All(elected.Where(t => t.EndDate is null), t => Assert.Equal("2022-2027", t.TermLabel));
        var current = elected.Where(t => t.TermLabel == "2022-2027").ToDictionary(t => t.UnitId);
        Assert.Equal(demo.Result.Units, current.Count);
        Assert.All(current.Values, t =>
        {
            Assert.Equal(2022, t.StartDate.Year);
            Assert.Equal(t.StartDate.AddYears(5), t.PlannedEndDate);
        });
        // A share of units shows the head of 2017-2022, whose term ended the day before the next head took office.
        var previous = elected.Where(t => t.TermLabel == "2017-2022").ToList();
        Assert.InRange(previous.Count / (double)demo.Result.Units, 0.35, 0.65);
        Assert.All(previous, t =>
        {
            Assert.Equal(EndReason.TermExpired, t.EndReason);
            Assert.Equal(current[t.UnitId].StartDate.AddDays(-1), t.EndDate);
        });
        // Never two heads on one day in a unit (R-ORG-01's hard rule).
        Assert.All(tenures.Where(t => t.Position == Position.UnitHead).GroupBy(t => t.UnitId), g =>
        {
            var heads = g.OrderBy(t => t.StartDate).ToList();
            for (var i = 1; i < heads.Count; i++) Assert.True(heads[i - 1].EndDate < heads[i].StartDate);
        });
    }

    [Fact]
    public async Task Review_cases_carry_the_warnings_the_rules_give()
    {
        await using var db = demo.NewDb();
        var warnings = await db.TenureWarnings.AsNoTracking()
            .Select(w => new { w.Rule, w.Tenure!.UnitId, w.Tenure.Position, w.Tenure.StartDate, w.Tenure.Person!.DateOfBirth }).ToListAsync(Ct);

        // A deputy recognised at 20 (R-ELIG-02), stored with the tenure.
        Assert.Contains(warnings, w => w.Rule == "R-ELIG-02" && w.Position == Position.DeputyHead && Person.AgeOn(w.DateOfBirth, w.StartDate) == 20);
        // And a few more (two deputies at once, leaders living elsewhere); nothing else, so the review page shows only these.
        Assert.Equal(["R-ELIG-01", "R-ELIG-02", "R-ORG-01"], warnings.Select(w => w.Rule).Distinct().Order(StringComparer.Ordinal).ToList());
        Assert.InRange(warnings.Count, 4, 10);

        // An acting head for longer than the six months R-TERM-02 allows: computed on the day, so not stored.
        var overdue = await db.Tenures.AsNoTracking().Include(t => t.Warnings)
            .Where(t => t.Unit!.IsDemo && t.Position == Position.UnitHead && t.Mode == TenureMode.Acting && t.EndDate == null && t.StartDate < Today.AddMonths(-6))
            .ToListAsync(Ct);
        Assert.NotEmpty(overdue);
        Assert.All(overdue, t => Assert.DoesNotContain(t.Warnings, w => w.Rule == "R-TERM-02"));
        var rules = await TenureRules.RulesAsync(db, DemoProvince.ProvinceCode, Today, Ct);
        foreach (var acting in overdue)
        {
            var unit = await db.ResidentialUnits.AsNoTracking().Include(u => u.Periods).FirstAsync(u => u.Id == acting.UnitId, Ct);
            var unitTenures = await db.Tenures.AsNoTracking().Include(t => t.Person).Where(t => t.UnitId == acting.UnitId).ToListAsync(Ct);
            var live = TenureRules.Evaluate(unitTenures.Single(t => t.Id == acting.Id), unit, unitTenures, id => unitTenures.First(t => t.PersonId == id).Person, rules, Today);
            Assert.Contains(live, w => w.Rule == "R-TERM-02");
        }

        // What the seed stored is what the use cases would store: refreshing the flagged units and a sample of others changes nothing.
        var sample = warnings.Select(w => w.UnitId).Concat(overdue.Select(t => t.UnitId)).Distinct()
            .Concat(await db.ResidentialUnits.Where(u => u.IsDemo).OrderBy(u => u.Id).Select(u => u.Id).Take(40).ToListAsync(Ct)).Distinct().ToList();
        foreach (var unitId in sample) await TenureRules.RefreshUnitAsync(db, unitId, null, Today, Ct);
        Assert.False(db.ChangeTracker.HasChanges(), "Refreshing the stored warnings would change them.");
    }

    [Fact]
    public async Task Seed_gives_the_same_leaders_in_a_fresh_database()
    {
        // Both databases come from one template, so the units have the same keys.
        static async Task<List<LeaderLine>> LeadersAsync(AppDb db) =>
            await db.Tenures.AsNoTracking().Where(t => t.Unit!.IsDemo)
                .OrderBy(t => t.UnitId).ThenBy(t => t.Position).ThenBy(t => t.StartDate)
                .Select(t => new LeaderLine(t.UnitId, t.Position, t.Mode, t.TermLabel, t.StartDate, t.EndDate, t.Person!.FullName, t.Person.NationalId,
                    t.Person.DateOfBirth, t.Person.EthnicityCode, t.Person.PartyMember, t.Warnings.Count))
                .ToListAsync(Ct);

        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.NewDb())
            await new DemoProvince(db, new FixedClock()).SeedAsync(Ct);
        await using var fresh = database.NewDb();
        await using var first = demo.NewDb();

        var expected = await LeadersAsync(first);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, await LeadersAsync(fresh));
    }

    [Fact]
    public async Task Remove_takes_the_demo_people_and_tenures_and_keeps_real_ones()
    {
        var time = new FixedClock();
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewDb();
        var real = await EstablishAsync(db, time, "Thôn Thật", commune: OtherXa);
        var seeded = await new DemoProvince(db, time).SeedAsync(Ct);
        var demoUnit = await db.ResidentialUnitPeriods.AsNoTracking().Where(p => p.Unit!.IsDemo && p.Commune!.Code == OtherXa)
            .OrderBy(p => p.UnitId).Select(p => p.UnitId).FirstAsync(Ct);
        var record = new RecordTenure(db, time, new SavePerson(db, time));
        // A real head of a real unit …
        var head = await record.CreateAsync(new TenureInput(real.Id, null,
            new PersonInput("Trần Văn Thật", Gender.Male, new DateOnly(1975, 5, 2), "01", null, "025075123456", null, real.Id),
            Position.UnitHead, null, TenureMode.Elected, "2025-2030", new DateOnly(2025, 8, 1), new DateOnly(2030, 8, 1)), Ct);
        Assert.True(head.Succeeded, string.Join("; ", head.Errors.Select(e => e.Message)));
        // … and a real person, registered in a demo unit, recorded there as a participant.
        var participant = await record.CreateAsync(new TenureInput(demoUnit, null,
            new PersonInput("Lê Thị Thử", Gender.Female, new DateOnly(1990, 3, 4), "01", null, null, null, demoUnit),
            Position.VillageParticipant, "Chi hội trưởng Hội Phụ nữ", TenureMode.Recognized, null, new DateOnly(2026, 1, 10)), Ct);
        Assert.True(participant.Succeeded, string.Join("; ", participant.Errors.Select(e => e.Message)));
        var participantId = participant.Value!.PersonId;

        DemoRemoveResult removed;
        await using (var removing = database.NewDb())
            removed = await new DemoProvince(removing, time).RemoveAsync(Ct);

        Assert.Equal(new DemoRemoveResult(seeded.Units, seeded.People, seeded.Tenures + 1), removed);
        await using var fresh = database.NewDb();
        Assert.False(await fresh.People.AnyAsync(p => p.IsDemo, Ct));
        Assert.Equal([head.Value!.Id], await fresh.Tenures.Select(t => t.Id).ToListAsync(Ct));
        Assert.Equal(head.Value.Warnings.Count, await fresh.TenureWarnings.CountAsync(Ct));
        var people = await fresh.People.OrderBy(p => p.Id).ToListAsync(Ct);
        Assert.Equal(["Trần Văn Thật", "Lê Thị Thử"], people.Select(p => p.FullName).ToList());
        Assert.Equal(real.Id, people[0].ResidenceUnitId);
        var moved = people.Single(p => p.Id == participantId);
        Assert.Null(moved.ResidenceUnitId);
        Assert.False(moved.LivesInUnit);
        Assert.Equal(2, moved.Version);
        Assert.Contains(await fresh.AuditEvents.Where(e => e.Action == "demo_remove").Select(e => e.Summary).ToListAsync(Ct),
            s => s!.Contains($"{seeded.People} người", StringComparison.Ordinal));
    }
}
