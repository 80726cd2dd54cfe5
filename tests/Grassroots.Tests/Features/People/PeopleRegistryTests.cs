using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.People;
using Grassroots.Features.Units;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Tests.Features.People;

/// <summary>Names sorted and searched the Vietnamese way on the database, and tenures through unit reorganisations.</summary>
public sealed class PeopleRegistryTests
{
    private static readonly FixedClock Clock = new();

    private static RecordTenure Record(AppDb db) => new(db, Clock, new SavePerson(db, Clock));

    private static async Task<Tenure> HeadAsync(AppDb db, ResidentialUnit unit, string name, Position position = Position.UnitHead, DateOnly? start = null)
    {
        var result = await Record(db).CreateAsync(new TenureInput(unit.Id, null,
            new PersonInput(name, name.Contains(" Thị ", StringComparison.Ordinal) ? Gender.Female : Gender.Male, new DateOnly(1970, 5, 5), "01", null, null, null, unit.Id),
            position, null, TenureMode.Elected, "2025-2030", start ?? new DateOnly(2025, 8, 1)), CancellationToken.None);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        return result.Value!;
    }

    [Fact]
    public void Sort_key_orders_by_given_name_then_middle_then_family_with_Vietnamese_letters_and_tones()
    {
        string[] expected =
        [
            "Lê An", "Nguyễn Văn An", "Phạm Đức Anh", "Vũ Văn Anh", "Lê Thị Ánh", "Hoàng Văn Ân", "Trần Văn Bình", "Vũ Văn Dũng", "Đỗ Văn Đạt",
            "Nguyễn Thị Hoa", "Trần Văn Hoa", "Nguyễn Thị Hòa", "Lê Văn Hùng", "Nguyễn Văn Hùng", "Phan Thị Yến",
        ];
        var shuffled = expected.Reverse().ToList();
        var sorted = shuffled.OrderBy(VietnameseText.PersonSortKey, StringComparer.Ordinal).ToList();
        Assert.Equal(expected, sorted);
        // Case, spacing and composed/decomposed forms do not change the key.
        Assert.Equal(VietnameseText.PersonSortKey("Lê Thị Ánh"), VietnameseText.PersonSortKey("  lê   thị ÁNH ".Normalize(System.Text.NormalizationForm.FormD)));
    }

    [Fact]
    public async Task Sort_keys_stored_by_an_older_version_are_recomputed_when_the_app_starts()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.NewDb())
        {
            await HeadAsync(db, await UnitBuilder.EstablishAsync(db, Clock, "Thôn Một"), "Vũ Văn Anh");
            await HeadAsync(db, await UnitBuilder.EstablishAsync(db, Clock, "Thôn Hai"), "Lê Thị Ánh");
            await db.People.ExecuteUpdateAsync(s => s.SetProperty(p => p.SortKey, "cũ"));
        }
        await using (var factory = new AppFactory(database))
            factory.CreateClient().Dispose(); // the app's start runs the database initializer

        await using var check = database.NewDb();
        Assert.All(await check.People.ToListAsync(), p => Assert.Equal(VietnameseText.PersonSortKey(p.FullName), p.SortKey));
        Assert.Equal(VietnameseText.PersonSortKeyVersion, (await check.CatalogInfo.SingleAsync(i => i.Key == "people.sort-key")).Value);
        Assert.Empty(await check.AuditEvents.Where(e => e.Action == "update" && e.EntityType == nameof(Person)).ToListAsync());
    }

    [Fact]
    public async Task The_database_sorts_and_searches_names_the_Vietnamese_way()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewDb();
        string[] expected = ["Nguyễn Văn An", "Phạm Đức Anh", "Lê Thị Ánh", "Trần Văn Bình", "Vũ Văn Dũng", "Đỗ Văn Đạt"];
        var units = new List<ResidentialUnit>();
        foreach (var (name, i) in expected.Reverse().Select((n, i) => (n, i)))
        {
            var unit = await UnitBuilder.EstablishAsync(db, Clock, $"Thôn Số {(char)('A' + i)}");
            await HeadAsync(db, unit, name);
        }

        var all = await LeaderQueries.SearchAsync(db, null, UnitBuilder.Xa, 100, Clock.Today(), CancellationToken.None);
        Assert.Equal(expected, all.Select(p => p.FullName));

        var commune = (await db.FindCommuneAsync(UnitBuilder.Xa, Clock.Today(), CancellationToken.None))!;
        var heads = await LeaderQueries.HeldOnAsync(db, commune, Clock.Today(), new LeaderFilter(Position: Position.UnitHead), CancellationToken.None);
        Assert.Equal(expected, heads.Select(h => h.FullName));

        var found = await LeaderQueries.SearchAsync(db, "nguyen van a", null, 10, Clock.Today(), CancellationToken.None);
        Assert.Equal("Nguyễn Văn An", Assert.Single(found).FullName);
        Assert.Equal("Đỗ Văn Đạt", Assert.Single(await LeaderQueries.SearchAsync(db, "DO VAN DAT", null, 10, Clock.Today(), CancellationToken.None)).FullName);
        // Filters at the as-of date: nobody held a position before the units existed.
        Assert.Empty(await LeaderQueries.HeldOnAsync(db, commune, new DateOnly(2025, 7, 31), new LeaderFilter(), CancellationToken.None));
        Assert.Single(await LeaderQueries.HeldOnAsync(db, commune, Clock.Today(), new LeaderFilter(Gender: Gender.Female), CancellationToken.None));
        Assert.Equal(6, (await LeaderQueries.HeldOnAsync(db, commune, Clock.Today(), new LeaderFilter(AgeBand: AgeBand.From45To59), CancellationToken.None)).Count);
        Assert.Empty(await LeaderQueries.HeldOnAsync(db, commune, Clock.Today(), new LeaderFilter(AgeBand: AgeBand.From60), CancellationToken.None));
    }

    [Fact]
    public async Task A_merge_carries_the_chosen_tenures_to_the_new_unit_and_ends_the_rest()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewDb();
        var a = await UnitBuilder.EstablishAsync(db, Clock, "Thôn Đông");
        var b = await UnitBuilder.EstablishAsync(db, Clock, "Thôn Tây");
        var headA = await HeadAsync(db, a, "Nguyễn Văn An");
        var headB = await HeadAsync(db, b, "Trần Văn Bình");
        var secretaryB = await HeadAsync(db, b, "Lê Văn Cường", Position.PartyCellSecretary);
        var date = new DateOnly(2026, 9, 1);
        var decision = new DecisionInput("30/NQ-HĐND", new DateOnly(2026, 8, 20), "HĐND xã Đà Bắc");

        // Both heads carried into one unit: two heads at once, refused, nothing changed.
        var refused = await new MergeUnits(db, Clock).RunAsync(new MergeUnitsInput(
            [new MergeSource(a.Id, a.Version, 80), new MergeSource(b.Id, b.Version, 80)], date, true, NewName: "Thôn Đông Tây", Decision: decision,
            Tenures: [new TenureTransfer(headA.Id, true), new TenureTransfer(headB.Id, true)]), CancellationToken.None);
        Assert.Equal("overlapping_heads", refused.Errors[0].Code);

        await using (var fresh = database.NewDb())
        {
            Assert.Equal(2, await fresh.ResidentialUnits.CountAsync(u => u.Status == UnitStatus.Active));
            Assert.Equal(0, await fresh.Tenures.CountAsync(t => t.EndDate != null));
            var versions = await fresh.ResidentialUnits.ToDictionaryAsync(u => u.Id, u => u.Version);
            var merged = await new MergeUnits(fresh, Clock).RunAsync(new MergeUnitsInput(
                [new MergeSource(a.Id, versions[a.Id], 80), new MergeSource(b.Id, versions[b.Id], 80)], date, true, NewName: "Thôn Đông Tây", Decision: decision,
                Tenures: [new TenureTransfer(headA.Id, true), new TenureTransfer(secretaryB.Id, true)]), CancellationToken.None);
            Assert.True(merged.Succeeded, string.Join("; ", merged.Errors.Select(e => e.Message)));

            await using var check = database.NewDb();
            var successor = merged.Value!.Id;
            var carried = (await check.Tenures.Where(t => t.UnitId == successor).ToListAsync()).OrderBy(t => t.Position).ToList();
            Assert.Equal([Position.UnitHead, Position.PartyCellSecretary], carried.Select(t => t.Position));
            Assert.Equal(headA.Id, carried[0].CarriedFromId);
            Assert.Equal(headA.PersonId, carried[0].PersonId);
            Assert.Equal(date, carried[0].StartDate);
            Assert.Equal("30/NQ-HĐND", carried[0].StartDecisionNumber);
            var old = await check.Tenures.Where(t => t.UnitId == a.Id || t.UnitId == b.Id).ToListAsync();
            Assert.All(old, t =>
            {
                Assert.Equal(date.AddDays(-1), t.EndDate);
                Assert.Equal(EndReason.UnitReorganized, t.EndReason);
                Assert.Equal("30/NQ-HĐND", t.EndDecisionNumber);
            });
            Assert.False(await check.Tenures.AnyAsync(t => t.PersonId == headB.PersonId && t.EndDate == null));
        }
    }

    [Fact]
    public async Task A_split_carries_to_the_chosen_part_and_a_dissolution_ends_every_tenure()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewDb();
        var unit = await UnitBuilder.EstablishAsync(db, Clock, "Thôn Lớn");
        var head = await HeadAsync(db, unit, "Nguyễn Văn An");
        var date = new DateOnly(2026, 9, 1);
        var split = await new SplitUnit(db, Clock).RunAsync(new SplitUnitInput(new UnitChangeInput(unit.Id, unit.Version, date),
            [new SplitPart("Thôn Lớn Một"), new SplitPart("Thôn Lớn Hai")], 75, [new TenureTransfer(head.Id, true, 1)]), CancellationToken.None);
        Assert.True(split.Succeeded, string.Join("; ", split.Errors.Select(e => e.Message)));
        var second = split.Value![1];
        await using (var check = database.NewDb())
        {
            var carried = await check.Tenures.SingleAsync(t => t.UnitId == second.Id);
            Assert.Equal(head.Id, carried.CarriedFromId);
            Assert.Equal(0, await check.Tenures.CountAsync(t => t.UnitId == split.Value[0].Id));
        }

        await using var db2 = database.NewDb();
        var fresh = await db2.ResidentialUnits.SingleAsync(u => u.Id == second.Id);
        var dissolved = await new DissolveUnit(db2, Clock).RunAsync(new UnitChangeInput(second.Id, fresh.Version, new DateOnly(2026, 11, 1), new DecisionInput("41/NQ-HĐND")), CancellationToken.None);
        Assert.True(dissolved.Succeeded, string.Join("; ", dissolved.Errors.Select(e => e.Message)));
        await using var after = database.NewDb();
        var ended = await after.Tenures.SingleAsync(t => t.UnitId == second.Id);
        Assert.Equal(new DateOnly(2026, 10, 31), ended.EndDate);
        Assert.Equal(EndReason.UnitReorganized, ended.EndReason);
        Assert.Equal("41/NQ-HĐND", ended.EndDecisionNumber);
    }
}
