using Grassroots.Features.Units;
using Grassroots.Tests.Infrastructure;
using static Grassroots.Tests.Infrastructure.UnitBuilder;

namespace Grassroots.Tests.Features.Units;

/// <summary>The rules of domain.md §2.1 checked on write.</summary>
public sealed class UnitRulesTests
{
    private readonly FixedClock _time = new();

    private static string Codes(Grassroots.Common.Result<ResidentialUnit> r) => string.Join(",", r.Errors.Select(e => e.Code));

    private Task<Grassroots.Common.Result<ResidentialUnit>> Establish(Grassroots.Data.AppDb db, string name, string commune = Xa, UnitKind kind = UnitKind.Village,
        DateOnly? from = null, int? households = 200, int? population = null) =>
        new EstablishUnit(db, _time).RunAsync(new EstablishUnitInput(commune, name, kind, null, from ?? Reform, households, population), CancellationToken.None);

    [Fact]
    public async Task Establishes_a_village_in_a_commune()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewDb();
        var result = await Establish(db, "Thôn Đồng Xuân", households: 320);
        Assert.True(result.Succeeded);
        var row = await UnitQueries.GetAsync(db, result.Value!.Id, null, CancellationToken.None);
        Assert.Equal("Thôn Đồng Xuân", row!.Name);
        Assert.Equal(UnitKind.Village, row.Kind);
        Assert.Equal("25", row.ProvinceCode);
        Assert.Equal(320, row.HouseholdCount);
        Assert.Equal(FixedClock.DefaultToday, row.CountsAsOf);
    }

    [Fact]
    public async Task R_UNIT_02_village_not_under_a_ward_and_group_not_under_a_commune()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewDb();
        var village = await Establish(db, "Thôn 1", Phuong, UnitKind.Village);
        Assert.Equal("kind_mismatch", Codes(village));
        Assert.Contains("Phường Ba Đình", village.Errors[0].Message);
        Assert.Equal("R-UNIT-02", village.Errors[0].Rule);
        var group = await Establish(db, "Tổ dân phố số 1", Xa, UnitKind.ResidentialGroup);
        Assert.Equal("kind_mismatch", Codes(group));
        Assert.True((await Establish(db, "Tổ dân phố số 1", Phuong, UnitKind.ResidentialGroup)).Succeeded);
    }

    [Fact]
    public async Task R_UNIT_02_is_checked_against_the_commune_type_on_the_event_date()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewDb();
        Assert.True((await Establish(db, "Thôn Cũ", LocNinh, UnitKind.Village, new DateOnly(2026, 4, 29))).Succeeded);
        Assert.Equal("kind_mismatch", Codes(await Establish(db, "Thôn Mới", LocNinh, UnitKind.Village, new DateOnly(2026, 4, 30))));
        Assert.True((await Establish(db, "Khu phố Mới", LocNinh, UnitKind.ResidentialGroup, new DateOnly(2026, 4, 30))).Succeeded);
    }

    [Fact]
    public async Task Names_are_unique_within_a_commune_ignoring_case_and_spacing()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewDb();
        Assert.True((await Establish(db, "Thôn Đông")).Succeeded);
        var dup = await Establish(db, "  thôn   ĐÔNG ", from: new DateOnly(2026, 1, 1));
        Assert.Equal("name_duplicate", Codes(dup));
        Assert.Contains("Xã Đà Bắc", dup.Errors[0].Message);
        Assert.True((await Establish(db, "Thôn Dong")).Succeeded); // different name: no tone marks
        Assert.True((await Establish(db, "Thôn Đông", OtherXa)).Succeeded); // another commune
    }

    [Fact]
    public async Task Counts_must_not_be_negative_and_every_error_is_reported_at_once()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewDb();
        var result = await Establish(db, "", households: -1, population: -5);
        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Code == "name_required");
        Assert.Equal(2, result.Errors.Count(e => e.Code == "negative_count"));
        Assert.Empty(db.ResidentialUnits);
    }

    [Fact]
    public async Task Dates_in_the_future_or_before_the_commune_existed_are_refused()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewDb();
        var future = await Establish(db, "Thôn Tương Lai", from: new DateOnly(2026, 11, 22));
        Assert.Equal("future_date", Codes(future));
        // Đặc khu Bạch Long Vĩ (11948) was a district without communes until 2025-06-30: its code names nothing before.
        var early = await Establish(db, "Thôn Xưa", "11948", from: new DateOnly(2024, 1, 1));
        Assert.Equal("commune_not_yet_valid", Codes(early));
        Assert.Contains("01/07/2025", early.Errors[0].Message);
        // A reused code names the old unit on an old date: 04831 was Thị trấn Đà Bắc, where only tổ dân phố sit.
        var old = await Establish(db, "Thôn Xưa", from: new DateOnly(2024, 1, 1));
        Assert.Equal("kind_mismatch", Codes(old));
        Assert.Contains("Thị trấn Đà Bắc", old.Errors[0].Message);
        Assert.Equal("commune_not_found", Codes(await Establish(db, "Thôn X", "99999")));
    }

    [Fact]
    public async Task Size_thresholds_are_warnings_with_their_source()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewDb();
        // Phú Thọ is in the northern midlands and mountains: a new thôn needs 150 households; below 75 it must be merged.
        var small = await Establish(db, "Thôn Nhỏ", households: 60);
        Assert.True(small.Succeeded);
        Assert.Equal(["R-UNIT-03", "R-UNIT-05"], small.Warnings.Select(w => w.Rule).ToList());
        Assert.All(small.Warnings, w => Assert.Contains("TT 04/2012", w.Source));
        var fine = await Establish(db, "Thôn Lớn", households: 150);
        Assert.Empty(fine.Warnings);
        // Hà Nội: tổ dân phố need 450 households.
        var group = await Establish(db, "Tổ dân phố số 9", Phuong, UnitKind.ResidentialGroup, households: 400);
        Assert.Equal(["R-UNIT-04"], group.Warnings.Select(w => w.Rule).ToList());
        Assert.Contains("450", group.Warnings[0].Message);
    }
}
