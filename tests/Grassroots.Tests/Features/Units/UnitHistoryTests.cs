using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Units;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Grassroots.Tests.Infrastructure.UnitBuilder;

namespace Grassroots.Tests.Features.Units;

/// <summary>Dated events and "as of" reads: the unit list of a commune on any date is what it was then.</summary>
public sealed class UnitHistoryTests
{
    private readonly FixedClock _time = new();
    private static readonly DateOnly MergeDate = new(2026, 3, 1);

    private static async Task<List<string>> NamesOn(AppDb db, string communeCode, DateOnly date)
    {
        var commune = (await db.FindByCodeAsync(communeCode, date, CancellationToken.None))!;
        return (await UnitQueries.InCommuneAsync(db, commune, date, null, CancellationToken.None)).Select(u => u.Name).ToList();
    }

    [Fact]
    public async Task Merge_into_a_new_unit_keeps_the_old_list_as_of_earlier_dates()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewDb();
        var a = await EstablishAsync(db, _time, "Thôn 1", households: 120, population: 400);
        var b = await EstablishAsync(db, _time, "Thôn 2", households: 90, population: 300);
        await EstablishAsync(db, _time, "Thôn 3");

        var result = await new MergeUnits(db, _time).RunAsync(new MergeUnitsInput(
            [new(a.Id, a.Version, 72.5m), new(b.Id, b.Version, 64m)], MergeDate, AdjacencyConfirmed: true,
            NewName: "Thôn Hợp Nhất", Decision: new("05/NQ-HĐND", MergeDate, "HĐND xã Đà Bắc")), CancellationToken.None);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        Assert.Equal(210, result.Value!.HouseholdCount);
        Assert.Equal(700, result.Value.Population);
        Assert.Equal(["Thôn 1", "Thôn 2", "Thôn 3"], await NamesOn(db, Xa, MergeDate.AddDays(-1)));
        Assert.Equal(["Thôn 3", "Thôn Hợp Nhất"], await NamesOn(db, Xa, MergeDate));
        await using var fresh = database.NewDb();
        Assert.Equal(UnitStatus.Merged, (await fresh.ResidentialUnits.FindAsync(a.Id))!.Status);
        var history = await UnitQueries.HistoryAsync(fresh, result.Value.Id, CancellationToken.None);
        var merge = Assert.Single(history);
        Assert.Equal(UnitEventType.Merge, merge.Type);
        Assert.Equal("05/NQ-HĐND", merge.DecisionNumber);
        Assert.Contains("Thôn 1 (72,5% hộ tán thành)", merge.Summary.Replace('.', ','));
        var oldHistory = await UnitQueries.HistoryAsync(fresh, a.Id, CancellationToken.None);
        Assert.Equal([UnitEventType.Establish, UnitEventType.Merge], oldHistory.Select(h => h.Type).ToList());
        Assert.Contains("Thôn Hợp Nhất", oldHistory[1].Summary);
    }

    [Fact]
    public async Task Merge_into_one_of_the_units_keeps_that_unit()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewDb();
        var a = await EstablishAsync(db, _time, "Thôn Đông", households: 100);
        var b = await EstablishAsync(db, _time, "Thôn Tây", households: 80);
        var result = await new MergeUnits(db, _time).RunAsync(new MergeUnitsInput(
            [new(a.Id, a.Version, 60m), new(b.Id, b.Version, 55m)], MergeDate, true, IntoUnitId: a.Id), CancellationToken.None);
        Assert.True(result.Succeeded);
        Assert.Equal(a.Id, result.Value!.Id);
        Assert.Equal(["Thôn Đông"], await NamesOn(db, Xa, MergeDate));
        Assert.Equal(180, result.Value.HouseholdCount);
    }

    [Theory]
    [InlineData(50.0, true, "merge_approval_insufficient")]
    [InlineData(null, true, "merge_approval_insufficient")]
    [InlineData(80.0, false, "merge_not_adjacent")]
    public async Task R_UNIT_06_merge_needs_majority_approval_in_each_unit_and_adjacency(double? approval, bool adjacent, string expected)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewDb();
        var a = await EstablishAsync(db, _time, "Thôn 1");
        var b = await EstablishAsync(db, _time, "Thôn 2");
        var result = await new MergeUnits(db, _time).RunAsync(new MergeUnitsInput(
            [new(a.Id, a.Version, 90m), new(b.Id, b.Version, (decimal?)approval)], MergeDate, adjacent, NewName: "Thôn Mới"), CancellationToken.None);
        Assert.Equal([expected], result.Errors.Select(e => e.Code).ToList());
        Assert.Equal("R-UNIT-06", result.Errors[0].Rule);
        await using var fresh = database.NewDb();
        Assert.Equal(2, await fresh.ResidentialUnitPeriods.CountAsync(p => p.ValidTo == null));
    }

    [Fact]
    public async Task R_UNIT_06_merge_stays_within_one_commune()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewDb();
        var a = await EstablishAsync(db, _time, "Thôn 1");
        var b = await EstablishAsync(db, _time, "Thôn 2", OtherXa);
        var result = await new MergeUnits(db, _time).RunAsync(new MergeUnitsInput(
            [new(a.Id, a.Version, 90m), new(b.Id, b.Version, 90m)], MergeDate, true, NewName: "Thôn Mới"), CancellationToken.None);
        Assert.Contains(result.Errors, e => e.Code == "merge_different_communes");
    }

    [Fact]
    public async Task Move_to_another_commune_converts_and_is_seen_as_of_each_date()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewDb();
        var unit = await EstablishAsync(db, _time, "Thôn Bến", from: new DateOnly(2025, 8, 1));
        var moveDate = new DateOnly(2026, 2, 1);
        var refused = await new MoveUnit(db, _time).RunAsync(new MoveUnitInput(new(unit.Id, unit.Version, moveDate), Phuong, null, null), CancellationToken.None);
        Assert.Equal("kind_mismatch", refused.Errors.Single().Code);

        var moved = await new MoveUnit(db, _time).RunAsync(new MoveUnitInput(new(unit.Id, unit.Version, moveDate, new("01/NQ-HĐND", moveDate, "HĐND")), Phuong, "Tổ dân phố Bến", UnitKind.ResidentialGroup), CancellationToken.None);
        Assert.True(moved.Succeeded, string.Join("; ", moved.Errors.Select(e => e.Message)));
        Assert.Equal(["Thôn Bến"], await NamesOn(db, Xa, moveDate.AddDays(-1)));
        Assert.Empty(await NamesOn(db, Xa, moveDate));
        Assert.Equal(["Tổ dân phố Bến"], await NamesOn(db, Phuong, moveDate));
        Assert.Empty(await NamesOn(db, Phuong, moveDate.AddDays(-1)));
        await using var fresh = database.NewDb();
        var unitNow = (await fresh.ResidentialUnits.FindAsync(unit.Id))!;
        Assert.Equal("01", unitNow.ProvinceCode);
        var history = await UnitQueries.HistoryAsync(fresh, unit.Id, CancellationToken.None);
        Assert.Contains("Xã Đà Bắc sang Phường Ba Đình", history.Last().Summary);
    }

    [Fact]
    public async Task Rename_convert_split_and_dissolve()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewDb();
        var unit = await EstablishAsync(db, _time, "Khu Cũ", LocNinh, from: new DateOnly(2025, 9, 1), households: 500);
        var v = unit.Version;

        var renamed = await new RenameUnit(db, _time).RunAsync(new(new(unit.Id, v, new DateOnly(2026, 1, 10)), "Khu Mới"), CancellationToken.None);
        Assert.True(renamed.Succeeded);
        // Lộc Ninh became a ward on 2026-04-30: the thôn must become a tổ dân phố.
        var converted = await new ConvertUnit(db, _time).RunAsync(new(new(unit.Id, renamed.Value!.Version, new DateOnly(2026, 4, 30)), "Khu phố Mới", null), CancellationToken.None);
        Assert.True(converted.Succeeded, string.Join("; ", converted.Errors.Select(e => e.Message)));
        Assert.Equal(["Khu Cũ"], await NamesOn(db, LocNinh, new DateOnly(2026, 1, 9)));
        Assert.Equal(["Khu Mới"], await NamesOn(db, LocNinh, new DateOnly(2026, 4, 29)));
        Assert.Equal(["Khu phố Mới"], await NamesOn(db, LocNinh, new DateOnly(2026, 4, 30)));

        var split = await new SplitUnit(db, _time).RunAsync(new SplitUnitInput(new(unit.Id, converted.Value!.Version, new DateOnly(2026, 6, 1)),
            [new("Khu phố 1A", null, 260), new("Khu phố 1B", null, 240)], 81m), CancellationToken.None);
        Assert.True(split.Succeeded, string.Join("; ", split.Errors.Select(e => e.Message)));
        Assert.Equal(["Khu phố 1A", "Khu phố 1B"], await NamesOn(db, LocNinh, new DateOnly(2026, 6, 1)));
        Assert.All(split.Value!, u => Assert.Equal(UnitKind.ResidentialGroup, u.Periods.Single().Kind));

        var b = split.Value![1];
        var dissolved = await new DissolveUnit(db, _time).RunAsync(new(b.Id, b.Version, new DateOnly(2026, 10, 1)), CancellationToken.None);
        Assert.True(dissolved.Succeeded);
        Assert.Equal(["Khu phố 1A"], await NamesOn(db, LocNinh, new DateOnly(2026, 10, 1)));
        var again = await new RenameUnit(db, _time).RunAsync(new(new(b.Id, dissolved.Value!.Version, new DateOnly(2026, 11, 1)), "X"), CancellationToken.None);
        Assert.Equal("unit_not_active", again.Errors.Single().Code);

        await using var fresh = database.NewDb();
        var history = await UnitQueries.HistoryAsync(fresh, unit.Id, CancellationToken.None);
        Assert.Equal([UnitEventType.Establish, UnitEventType.Rename, UnitEventType.Convert, UnitEventType.Split], history.Select(h => h.Type).ToList());
    }

    [Fact]
    public async Task A_freed_name_can_be_reused_after_the_date_but_not_before()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewDb();
        var unit = await EstablishAsync(db, _time, "Thôn Trung");
        await new RenameUnit(db, _time).RunAsync(new(new(unit.Id, unit.Version, new DateOnly(2026, 1, 1)), "Thôn Trung Tâm"), CancellationToken.None);
        var clash = await new EstablishUnit(db, _time).RunAsync(new("04831", "Thôn Trung", UnitKind.Village, null, new DateOnly(2025, 12, 1)), CancellationToken.None);
        Assert.Equal("name_duplicate", clash.Errors.Single().Code);
        var ok = await new EstablishUnit(db, _time).RunAsync(new("04831", "Thôn Trung", UnitKind.Village, null, new DateOnly(2026, 1, 1)), CancellationToken.None);
        Assert.True(ok.Succeeded);
    }

    [Fact]
    public async Task Events_must_follow_the_current_state_and_match_the_version()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewDb();
        var unit = await EstablishAsync(db, _time, "Thôn Giữa", from: new DateOnly(2026, 1, 1));
        var early = await new RenameUnit(db, _time).RunAsync(new(new(unit.Id, unit.Version, new DateOnly(2026, 1, 1)), "Thôn Khác"), CancellationToken.None);
        Assert.Equal("date_before_current_state", early.Errors.Single().Code);
        var stale = await new RenameUnit(db, _time).RunAsync(new(new(unit.Id, unit.Version - 1, new DateOnly(2026, 2, 1)), "Thôn Khác"), CancellationToken.None);
        Assert.Equal(ErrorKind.Conflict, stale.Errors.Single().Kind);
    }

    [Fact]
    public async Task Concurrent_updates_never_silently_overwrite()
    {
        await using var database = await TestDatabase.CreateAsync();
        Grassroots.Features.Units.ResidentialUnit unit;
        await using (var db = database.NewDb()) unit = await EstablishAsync(db, _time, "Thôn Tranh");
        await using var first = database.NewDb();
        await using var second = database.NewDb();
        // Both load version 1; the first saves; the second must be told, not overwrite.
        var update1 = new UpdateUnit(first, _time).RunAsync(new(unit.Id, unit.Version, 250, null, null, null, null), CancellationToken.None);
        var r1 = await update1;
        var r2 = await new UpdateUnit(second, _time).RunAsync(new(unit.Id, unit.Version, 999, null, null, null, null), CancellationToken.None);
        Assert.True(r1.Succeeded);
        Assert.Equal(ErrorKind.Conflict, r2.Errors.Single().Kind);
        await using var check = database.NewDb();
        Assert.Equal(250, (await check.ResidentialUnits.FindAsync(unit.Id))!.HouseholdCount);
    }

    [Fact]
    public async Task A_lost_race_between_two_writers_is_a_conflict_not_an_overwrite()
    {
        await using var database = await TestDatabase.CreateAsync();
        Grassroots.Features.Units.ResidentialUnit unit;
        await using (var db = database.NewDb()) unit = await EstablishAsync(db, _time, "Thôn Đua");
        await using var slow = database.NewDb();
        // The slow writer has read the unit (version 1) before the fast one saves.
        _ = await slow.ResidentialUnits.FindAsync(unit.Id);
        await using (var fast = database.NewDb())
            Assert.True((await new UpdateUnit(fast, _time).RunAsync(new(unit.Id, unit.Version, 250, null, null, null, null), CancellationToken.None)).Succeeded);
        var late = await new UpdateUnit(slow, _time).RunAsync(new(unit.Id, unit.Version, 999, null, null, null, null), CancellationToken.None);
        Assert.Equal("concurrency_conflict", late.Errors.Single().Code);
        await using var check = database.NewDb();
        Assert.Equal(250, (await check.ResidentialUnits.FindAsync(unit.Id))!.HouseholdCount);
    }
}
