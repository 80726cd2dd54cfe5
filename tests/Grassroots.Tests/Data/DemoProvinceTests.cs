using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Data.Seed;
using Grassroots.Features.Units;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Grassroots.Tests.Infrastructure.UnitBuilder;

namespace Grassroots.Tests.Data;

/// <summary>The synthetic demo province (Phú Thọ, code 25): what it holds, that it is the same every time, and that it goes away cleanly.</summary>
public sealed class DemoProvinceTests
{
    private readonly FixedClock _time = new();
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static async Task<List<AdminUnit>> CommunesOfPhuThoAsync(AppDb db) =>
        await db.AdminUnits.AsNoTracking().Include(c => c.TypeChanges)
            .Where(c => c.Level == AdminLevel.Commune && c.ProvinceCode == DemoProvince.ProvinceCode && c.ValidTo == null)
            .ToListAsync(Ct);

    private static async Task<List<ResidentialUnitPeriod>> DemoPeriodsAsync(AppDb db) =>
        await db.ResidentialUnitPeriods.AsNoTracking().Include(p => p.Unit).Include(p => p.OpenedBy)
            .Where(p => p.Unit!.IsDemo && p.ValidTo == null).OrderBy(p => p.CommuneId).ThenBy(p => p.Name).ToListAsync(Ct);

    [Fact]
    public async Task Seed_gives_every_commune_of_Phu_Tho_units_of_the_right_kind_with_unique_names()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewDb();

        var result = await new DemoProvince(db, _time).SeedAsync(Ct);

        var communes = await CommunesOfPhuThoAsync(db);
        Assert.Equal(148, communes.Count);
        Assert.Equal(148, result.Communes);
        Assert.InRange(result.Units, 2200, 2400);
        Assert.True(await new DemoProvince(db, _time).IsLoadedAsync(Ct));

        await using var fresh = database.NewDb();
        var periods = await DemoPeriodsAsync(fresh);
        Assert.Equal(result.Units, periods.Count);
        Assert.Equal(result.Units, await fresh.ResidentialUnits.CountAsync(u => u.IsDemo, Ct));
        Assert.Equal(0, await fresh.ResidentialUnits.CountAsync(u => !u.IsDemo, Ct));
        var byCommune = periods.ToLookup(p => p.CommuneId);
        Assert.All(communes, c => Assert.True(byCommune[c.Id].Count() >= 4, $"{c.FullName} has {byCommune[c.Id].Count()} demo units."));
        Assert.All(periods, p => Assert.Contains(p.CommuneId, communes.Select(c => c.Id)));

        var communeById = communes.ToDictionary(c => c.Id);
        Assert.All(periods, p =>
        {
            var commune = communeById[p.CommuneId];
            Assert.Null(UnitChecks.KindFitsCommune(p.Kind, commune, DemoProvince.EffectiveDate, "kind"));
            Assert.Equal(commune.AsOf(DemoProvince.EffectiveDate).Type == AdminUnitType.Ward ? UnitKind.ResidentialGroup : UnitKind.Village, p.Kind);
            Assert.NotNull(p.LocalLabel);
            Assert.Contains(p.LocalLabel, ResidentialUnit.LocalLabels);
            Assert.StartsWith(p.LocalLabel + " ", p.NameKey, StringComparison.Ordinal);
            Assert.Equal(DemoProvince.EffectiveDate, p.ValidFrom);
            Assert.Null(p.ValidTo);
            // Established in the new commune, or moved there from the old one by the 2025 reform.
            Assert.Contains(p.OpenedBy!.Type, new[] { UnitEventType.Establish, UnitEventType.Move });
            Assert.Equal(DemoProvince.EffectiveDate, p.OpenedBy.EffectiveDate);
            Assert.StartsWith("Dữ liệu mẫu (tổng hợp)", p.OpenedBy.Note);
            Assert.False(string.IsNullOrEmpty(p.OpenedBy.DecisionNumber));

            var unit = p.Unit!;
            Assert.True(unit.IsDemo);
            Assert.Equal(UnitStatus.Active, unit.Status);
            var households = unit.HouseholdCount!.Value;
            if (p.Kind == UnitKind.Village) Assert.InRange(households, 120, 450);
            else Assert.InRange(households, 150, 600);
            Assert.InRange(unit.Population!.Value, (int)Math.Floor(households * 3.2), (int)Math.Ceiling(households * 4.2));
            Assert.NotNull(unit.Classification);
        });
        foreach (var group in byCommune)
        {
            var keys = group.Select(p => p.NameKey).ToList();
            Assert.True(keys.Count == keys.Distinct().Count(),
                $"Duplicate names in commune {group.Key}: {string.Join(", ", keys.GroupBy(k => k).Where(g => g.Count() > 1).Select(g => g.Key))}");
        }

        // Units from an old commune have their history there since 2010, ended by the move of 2025-07-01.
        var history = await fresh.ResidentialUnitPeriods.AsNoTracking().Include(p => p.ClosedBy).Include(p => p.Commune)
            .Where(p => p.Unit!.IsDemo && p.ValidTo != null).ToListAsync(Ct);
        Assert.True(history.Count > periods.Count / 2, $"Only {history.Count} of {periods.Count} demo units have a history before the reform.");
        Assert.All(history, h =>
        {
            Assert.Equal(DemoProvince.HistoryStart, h.ValidFrom);
            Assert.Equal(DemoProvince.EffectiveDate.AddDays(-1), h.ValidTo);
            Assert.Equal(UnitEventType.Move, h.ClosedBy!.Type);
            Assert.Equal(DemoProvince.EffectiveDate.AddDays(-1), h.Commune!.ValidTo);
        });
        Assert.Equal(history.Count, history.Select(h => h.UnitId).Distinct().Count());

        // So a head elected in 2022 in such a unit can be ended (or corrected) like any real one.
        await using (var edit = database.NewDb())
        {
            var head = await edit.Tenures.AsNoTracking().FirstAsync(t => t.Unit!.IsDemo && t.Position == Grassroots.Features.People.Position.UnitHead
                && t.EndDate == null && t.StartDate < DemoProvince.EffectiveDate, Ct);
            var ended = await new Grassroots.Features.People.RecordTenure(edit, _time, new Grassroots.Features.People.SavePerson(edit, _time))
                .EndAsync(new Grassroots.Features.People.EndTenureInput(head.Id, head.Version, new DateOnly(2026, 11, 1), Grassroots.Features.People.EndReason.RelievedVoluntary), Ct);
            Assert.True(ended.Succeeded, string.Join("; ", ended.Errors.Select(e => e.Message)));
        }

        // The naming of the three old provinces shows: khu in old Phú Thọ, thôn in old Vĩnh Phúc, xóm and bản in old Hòa Bình.
        var labels = periods.Select(p => p.LocalLabel!).ToHashSet();
        Assert.Superset(new HashSet<string> { "thôn", "khu", "khu dân cư", "xóm", "bản", "tổ dân phố" }, labels);
        Assert.Contains(periods, p => p.Name.StartsWith("Khu dân cư số ", StringComparison.Ordinal));
        Assert.Contains(periods, p => p.Name.StartsWith("Tổ dân phố số ", StringComparison.Ordinal));
        Assert.Contains(periods, p => p.Kind == UnitKind.Village && p.Name.StartsWith("Thôn ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Seed_gives_the_same_units_in_two_fresh_databases()
    {
        async Task<List<string>> SeedAndListAsync()
        {
            await using var database = await TestDatabase.CreateAsync();
            await using (var db = database.NewDb())
                await new DemoProvince(db, _time).SeedAsync(Ct);
            await using var read = database.NewDb();
            return await read.ResidentialUnitPeriods.AsNoTracking().Where(p => p.Unit!.IsDemo)
                .OrderBy(p => p.Commune!.Code).ThenBy(p => p.UnitId).ThenBy(p => p.ValidFrom)
                .Select(p => p.Commune!.Code + "|" + p.Name + "|" + p.LocalLabel + "|" + p.Unit!.HouseholdCount + "|" + p.Unit.Population + "|" + p.Unit.Classification)
                .ToListAsync(Ct);
        }

        var first = await SeedAndListAsync();
        var second = await SeedAndListAsync();

        Assert.NotEmpty(first);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Seed_keeps_clear_of_names_already_in_use()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewDb();
        // Names the generator could well produce in Xã Đà Bắc, entered before the demo.
        foreach (var name in new[] { "Xóm Mới", "Xóm Trên", "Bản Lác", "Bản Văn" })
            await EstablishAsync(db, _time, name);

        await new DemoProvince(db, _time).SeedAsync(Ct);

        await using var fresh = database.NewDb();
        var commune = (await fresh.FindCommuneAsync(Xa, FixedClock.DefaultToday, Ct))!;
        var keys = await fresh.ResidentialUnitPeriods.Where(p => p.CommuneId == commune.Id).Select(p => p.NameKey).ToListAsync(Ct);
        Assert.True(keys.Count > 4);
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Fact]
    public async Task Seeding_twice_is_refused()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewDb();
        await new DemoProvince(db, _time).SeedAsync(Ct);

        await Assert.ThrowsAsync<InvalidOperationException>(() => new DemoProvince(db, _time).SeedAsync(Ct));
    }

    [Fact]
    public async Task Remove_deletes_every_demo_unit_with_its_history_and_leaves_real_units()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewDb();
        var before = await EstablishAsync(db, _time, "Thôn Thật Trước", households: 300, population: 1100);
        var result = await new DemoProvince(db, _time).SeedAsync(Ct);
        var after = await EstablishAsync(db, _time, "Thôn Thật Sau", commune: OtherXa, from: new DateOnly(2026, 1, 15));

        // Demo units merged among themselves (events and lineage that concern demo units only) …
        var mergeDate = new DateOnly(2026, 3, 1);
        var twoDemo = await db.ResidentialUnitPeriods.AsNoTracking().Where(p => p.Unit!.IsDemo && p.Commune!.Code == OtherXa)
            .OrderBy(p => p.UnitId).Take(2).Select(p => new { p.UnitId, p.Unit!.Version }).ToListAsync(Ct);
        var merged = await new MergeUnits(db, _time).RunAsync(new MergeUnitsInput(
            [new(twoDemo[0].UnitId, twoDemo[0].Version, 70m), new(twoDemo[1].UnitId, twoDemo[1].Version, 80m)], mergeDate, true,
            NewName: "Xóm Hợp Nhất Mẫu"), Ct);
        Assert.True(merged.Succeeded, string.Join("; ", merged.Errors.Select(e => e.Message)));
        Assert.True(merged.Value!.IsDemo);
        // … and a demo unit taken in by a real one (an event that concerns a real unit too).
        var oneDemo = await db.ResidentialUnitPeriods.AsNoTracking().Where(p => p.Unit!.IsDemo && p.Commune!.Code == Xa && p.ValidTo == null)
            .OrderBy(p => p.UnitId).Select(p => new { p.UnitId, p.Unit!.Version }).FirstAsync(Ct);
        db.ChangeTracker.Clear();
        var realVersion = (await db.ResidentialUnits.AsNoTracking().FirstAsync(u => u.Id == before.Id, Ct)).Version;
        var takenIn = await new MergeUnits(db, _time).RunAsync(new MergeUnitsInput(
            [new(before.Id, realVersion, 90m), new(oneDemo.UnitId, oneDemo.Version, 75m)], mergeDate, true, IntoUnitId: before.Id), Ct);
        Assert.True(takenIn.Succeeded, string.Join("; ", takenIn.Errors.Select(e => e.Message)));
        var mixedEventId = await db.UnitLineages.Where(l => l.SuccessorId == before.Id).Select(l => l.EventId).FirstAsync(Ct);

        await using (var removing = database.NewDb())
            Assert.Equal(result.Units + 1, (await new DemoProvince(removing, _time).RemoveAsync(Ct)).Units);

        await using var fresh = database.NewDb();
        Assert.False(await fresh.ResidentialUnits.AnyAsync(u => u.IsDemo, Ct));
        Assert.False(await fresh.ResidentialUnitPeriods.AnyAsync(p => p.Unit!.IsDemo, Ct));
        Assert.False(await fresh.UnitEvents.AnyAsync(e => e.Note == DemoProvince.Note, Ct));
        Assert.False(await fresh.CatalogInfo.AnyAsync(x => x.Key == DemoProvince.InfoKey, Ct));
        Assert.False(await new DemoProvince(fresh, _time).IsLoadedAsync(Ct));
        // The demo training went with it: courses, plan, sessions, enrolments, attendance and certificates.
        Assert.False(await fresh.Courses.IgnoreQueryFilters().AnyAsync(Ct));
        Assert.False(await fresh.TrainingPlans.IgnoreQueryFilters().AnyAsync(Ct));
        Assert.False(await fresh.CourseSessions.IgnoreQueryFilters().AnyAsync(Ct));
        Assert.False(await fresh.Enrolments.IgnoreQueryFilters().AnyAsync(Ct));
        Assert.False(await fresh.Attendances.IgnoreQueryFilters().AnyAsync(Ct));
        Assert.False(await fresh.Certificates.IgnoreQueryFilters().AnyAsync(Ct));
        Assert.False(await fresh.TargetGroups.IgnoreQueryFilters().AnyAsync(Ct));
        Assert.Equal([before.Id, after.Id], await fresh.ResidentialUnits.OrderBy(u => u.Id).Select(u => u.Id).ToListAsync(Ct));
        Assert.Equal(["Thôn Thật Sau", "Thôn Thật Trước"],
            await fresh.ResidentialUnitPeriods.OrderBy(p => p.Name).Select(p => p.Name).ToListAsync(Ct));
        // The real units' own events stay: two establishments and the merge that took a demo unit in.
        var events = await fresh.UnitEvents.OrderBy(e => e.Id).Select(e => new { e.Id, e.Type }).ToListAsync(Ct);
        Assert.Equal([UnitEventType.Establish, UnitEventType.Establish, UnitEventType.Merge], events.Select(e => e.Type).Order().ToList());
        Assert.Contains(events, e => e.Id == mixedEventId);
        Assert.All(await fresh.UnitLineages.ToListAsync(Ct), l => Assert.True(l.PredecessorId == before.Id && l.SuccessorId == before.Id));

        var history = await UnitQueries.HistoryAsync(fresh, before.Id, Ct);
        Assert.Equal([UnitEventType.Establish, UnitEventType.Merge], history.Select(h => h.Type).ToList());
        Assert.Equal(VietnameseText.NameKey("Thôn Thật Trước"), (await fresh.ResidentialUnitPeriods.SingleAsync(p => p.UnitId == before.Id, Ct)).NameKey);
    }
}
