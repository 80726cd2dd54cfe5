using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Features.People;
using Grassroots.Features.People.Lists;
using Grassroots.Features.Units;
using Grassroots.Tests.Features.Training;
using Grassroots.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.WebUtilities;

namespace Grassroots.Tests.Features.People;

/// <summary>
/// The leader list pages read by the database (<see cref="LeaderPageQueries"/>): their counts and their pages put end
/// to end are those of the whole list as the API and the exports read it (<see cref="LeaderQueries.HeldOnAsync"/>,
/// <see cref="LeaderQueries.EndingWithinAsync"/>), for every filter, user and page size; posts held outside the user's
/// scope never show. Today is 21/11/2026 (FixedClock).
/// </summary>
public sealed class LeaderListPagingTests
{
    private static readonly FixedClock Clock = new();
    private static readonly CancellationToken Ct = CancellationToken.None;
    private const string Xa = UnitBuilder.Xa;
    private const string Ward = "04792";
    /// <summary>Not a leap year: someone born on 29/02/1996 turns 30 on this day (Person.AgeOn), someone born on 28/02/1966 turns 60.</summary>
    private static readonly DateOnly AsOf = new(2026, 2, 28);

    private static AppDb NewDb(TestDatabase database, CurrentAccess? access = null)
    {
        var options = new DbContextOptionsBuilder<AppDb>();
        database.Settings.Configure(options);
        return new AppDb(options.Options, access, Clock);
    }

    /// <summary>
    /// Phú Thọ on 28/02/2026. Xã Đà Bắc: Nguyễn Văn An (born 29/02/1996) head of Thôn 2 and of Thôn 10 and party
    /// secretary of Thôn 2; another Nguyễn Văn An (born 28/02/1966) deputy of Thôn 1; Lê Thị Ánh (Mường) head of Thôn 1;
    /// Vũ Văn Dũng (Tày) secretary of Thôn 1 and its farmers' association head; Hà Thị Lan (no birth date) women's
    /// association head in Thôn 2; Thôn Mới's head ended 31/12/2025, the next begins 01/03/2026. Xã Đức Nhàn: Đỗ Văn
    /// Đạt head of Thôn Hạ, Phạm Đức Anh front head of Thôn Thượng. Phường Tân Hòa: Trần Văn Bình head of Tổ dân phố 3
    /// and of Tổ dân phố 12, Ngô Thị Hoa deputy of Tổ dân phố 3.
    /// </summary>
    private static async Task SeedAsync(TestDatabase database)
    {
        await using var db = NewDb(database);
        var t = Clock;
        var hai = await UnitBuilder.EstablishAsync(db, t, "Thôn 2");
        var muoi = await UnitBuilder.EstablishAsync(db, t, "Thôn 10");
        var mot = await UnitBuilder.EstablishAsync(db, t, "Thôn 1");
        var moi = await UnitBuilder.EstablishAsync(db, t, "Thôn Mới");
        var ha = await UnitBuilder.EstablishAsync(db, t, "Thôn Hạ", UnitBuilder.OtherXa);
        var thuong = await UnitBuilder.EstablishAsync(db, t, "Thôn Thượng", UnitBuilder.OtherXa);
        var ba = await UnitBuilder.EstablishAsync(db, t, "Tổ dân phố 3", Ward, UnitKind.ResidentialGroup);
        var muoiHai = await UnitBuilder.EstablishAsync(db, t, "Tổ dân phố 12", Ward, UnitKind.ResidentialGroup);

        var an = await LeaderBuilder.AppointAsync(db, t, muoi, "Nguyễn Văn An", born: new(1996, 2, 29), partyMember: true);
        await LeaderBuilder.AppointAsync(db, t, hai, an.PersonId, Position.PartyCellSecretary, mode: TenureMode.Concurrent);
        await LeaderBuilder.AppointAsync(db, t, hai, an.PersonId, Position.UnitHead);
        await LeaderBuilder.AppointAsync(db, t, mot, "Nguyễn Văn An", Position.DeputyHead, mode: TenureMode.Recognized, born: new(1966, 2, 28));
        await LeaderBuilder.AppointAsync(db, t, mot, "Lê Thị Ánh", born: new(2000, 6, 1), ethnicity: "06", partyMember: true);
        var dung = await LeaderBuilder.AppointAsync(db, t, mot, "Vũ Văn Dũng", Position.PartyCellSecretary, born: new(1981, 1, 1), ethnicity: "02", partyMember: true);
        await LeaderBuilder.AppointAsync(db, t, mot, dung.PersonId, Position.VillageParticipant, title: "Chi hội trưởng Hội Nông dân");
        var lan = await LeaderBuilder.AppointAsync(db, t, hai, "Hà Thị Lan", Position.VillageParticipant, title: "Chi hội trưởng Hội Phụ nữ");
        await LeaderBuilder.AppointAsync(db, t, moi, "Mai Văn Cũ", until: new(2025, 12, 31));
        await LeaderBuilder.AppointAsync(db, t, moi, "Mai Văn Mới", from: new(2026, 3, 1), term: "2026-2031");
        await LeaderBuilder.AppointAsync(db, t, ha, "Đỗ Văn Đạt", born: new(1985, 5, 5));
        await LeaderBuilder.AppointAsync(db, t, thuong, "Phạm Đức Anh", Position.FrontCommitteeHead, born: new(1966, 1, 1), education: "9/12");
        var binh = await LeaderBuilder.AppointAsync(db, t, ba, "Trần Văn Bình", born: new(1970, 3, 10), partyMember: true);
        await LeaderBuilder.AppointAsync(db, t, muoiHai, binh.PersonId, Position.UnitHead);
        await LeaderBuilder.AppointAsync(db, t, ba, "Ngô Thị Hoa", Position.DeputyHead, mode: TenureMode.Recognized, born: new(1990, 9, 9));
        await db.People.Where(p => p.Id == lan.PersonId).ExecuteUpdateAsync(s => s.SetProperty(p => p.DateOfBirth, (DateOnly?)null), Ct);
    }

    private static readonly string[] Filters =
    [
        "", "concurrent=true", "concurrent=false", "q=nguyen van an", "q=thi", "position=UnitHead", "position=VillageParticipant", "partyMember=false",
        "ageBand=From60", "ageBand=From30To44", "gender=Female", "ethnicity=dtts", "education=9/12", "mode=Concurrent", "term=2022-2027",
        "concurrent=true&position=UnitHead", "concurrent=false&q=nguyen", "position=DeputyHead&concurrent=true",
    ];

    private static LeaderFilter FilterOf(string query) => LeaderFilter.FromQuery(new QueryCollection(QueryHelpers.ParseQuery(query)));

    /// <summary>What a row shows, as text to compare.</summary>
    private static string Shown(LeaderRow r) =>
        $"{r.TenureId} {r.PersonId} {r.FullName} | {r.PositionName} | {r.UnitName} | {r.CommuneName} | {r.DateOfBirth} ({r.Age}) | "
        + $"{string.Join("; ", r.ConcurrentPositions)} | {string.Join(",", r.Warnings.Select(w => w.Rule))}";

    private static void AssertSameSummary(LeaderSummary expected, LeaderSummary actual, string what)
    {
        Assert.True(expected.Tenures == actual.Tenures, $"{what}: tenures {expected.Tenures} ≠ {actual.Tenures}");
        Assert.True(expected.People == actual.People, $"{what}: people {expected.People} ≠ {actual.People}");
        Assert.True(expected.ByPosition.SequenceEqual(actual.ByPosition),
            $"{what}: by position [{string.Join("; ", expected.ByPosition)}] ≠ [{string.Join("; ", actual.ByPosition)}]");
        Assert.True(expected.PartyMembers == actual.PartyMembers, $"{what}: party members {expected.PartyMembers} ≠ {actual.PartyMembers}");
        Assert.True(expected.Women == actual.Women, $"{what}: women {expected.Women} ≠ {actual.Women}");
        Assert.True(expected.Minorities == actual.Minorities, $"{what}: minorities {expected.Minorities} ≠ {actual.Minorities}");
        Assert.True(expected.ByAge.SequenceEqual(actual.ByAge), $"{what}: by age [{string.Join("; ", expected.ByAge)}] ≠ [{string.Join("; ", actual.ByAge)}]");
        Assert.True(expected.AgeUnknown == actual.AgeUnknown, $"{what}: age unknown {expected.AgeUnknown} ≠ {actual.AgeUnknown}");
    }

    /// <summary>For each filter: the counts equal those of every row, and the pages, for several sizes, hold every row once in order.</summary>
    private static async Task AssertPagesMatchWholeListAsync(AppDb db, AdminLevel level, string code, string who)
    {
        var place = await ListPlace.FindAsync(db, code, level, AsOf, Ct);
        Assert.NotNull(place);
        foreach (var query in Filters)
        {
            var filter = FilterOf(query);
            var all = await LeaderQueries.HeldOnAsync(db, place, AsOf, filter, Ct);
            var expected = all.Select(Shown).ToList();
            var what = $"{who}, {code}, \"{query}\"";
            AssertSameSummary(LeaderSummary.Of(all), (await LeaderPageQueries.HeldOnPageAsync(db, place, AsOf, filter, 1, 200, Ct)).Summary, what);
            foreach (var size in new[] { 1, 2, 5, 200 })
            {
                var first = await LeaderPageQueries.HeldOnPageAsync(db, place, AsOf, filter, 1, size, Ct);
                Assert.Equal(Math.Max(1, (all.Count + size - 1) / size), first.PageCount);
                var pages = new List<string>();
                for (var n = 1; n <= first.PageCount; n++)
                {
                    var page = await LeaderPageQueries.HeldOnPageAsync(db, place, AsOf, filter, n, size, Ct);
                    Assert.Equal(n, page.PageNumber);
                    Assert.Equal(n < first.PageCount ? size : all.Count - size * (first.PageCount - 1), page.Rows.Count);
                    pages.AddRange(page.Rows.Select(Shown));
                }
                Assert.True(expected.SequenceEqual(pages), $"{what}, pages of {size}:\nexpected\n  {string.Join("\n  ", expected)}\ngot\n  {string.Join("\n  ", pages)}");
                // A page past the last shows the last one.
                var past = await LeaderPageQueries.HeldOnPageAsync(db, place, AsOf, filter, first.PageCount + 3, size, Ct);
                Assert.Equal(first.PageCount, past.PageNumber);
                Assert.Equal(expected.Skip(size * (first.PageCount - 1)), past.Rows.Select(Shown));
            }
        }
    }

    [Fact]
    public async Task Counts_and_pages_of_the_leader_lists_are_those_of_the_whole_list_for_every_filter_and_user()
    {
        await using var database = await TestDatabase.CreateAsync();
        await SeedAsync(database);

        await using (var admin = NewDb(database))
        {
            // Not a vacuous comparison: the province list holds what the seed says, with the leap-day and 60th birthdays.
            var place = (await ListPlace.FindAsync(admin, "25", AdminLevel.Province, AsOf, Ct))!;
            var summary = (await LeaderPageQueries.HeldOnPageAsync(admin, place, AsOf, new LeaderFilter(), 1, 200, Ct)).Summary;
            Assert.Equal(13, summary.Tenures);
            Assert.Equal(9, summary.People);
            Assert.Equal(
                [("Tổ trưởng tổ dân phố", 2), ("Trưởng thôn", 4), ("Phó Trưởng thôn", 1), ("Tổ phó tổ dân phố", 1), ("Bí thư chi bộ", 2),
                    ("Trưởng ban công tác Mặt trận", 1), ("Người trực tiếp tham gia hoạt động", 2)],
                summary.ByPosition);
            Assert.Equal([(AgeBand.Under30, 1), (AgeBand.From30To44, 3), (AgeBand.From45To59, 2), (AgeBand.From60, 2)], summary.ByAge);
            Assert.Equal(1, summary.AgeUnknown);

            await AssertPagesMatchWholeListAsync(admin, AdminLevel.Province, "25", "administrator");
            await AssertPagesMatchWholeListAsync(admin, AdminLevel.Commune, Xa, "administrator");
        }
        // The whole place in scope (rows read without the query filters, posts elsewhere limited by hand) …
        await using (var province = await TrainingScope.AsUserAsync(database, "tinh-phu-tho", Role.ProvinceOfficer, "25"))
            await AssertPagesMatchWholeListAsync(province, AdminLevel.Province, "25", "province officer");
        // … and a part of it (the query filters apply).
        await using (var commune = await TrainingScope.AsUserAsync(database, "xa-da-bac", Role.CommuneOfficer, Xa))
        {
            await AssertPagesMatchWholeListAsync(commune, AdminLevel.Commune, Xa, "commune officer");
            await AssertPagesMatchWholeListAsync(commune, AdminLevel.Province, "25", "commune officer");
        }
    }

    [Fact]
    public void Age_bands_follow_the_age_a_person_has_on_the_day()
    {
        Assert.Equal(new DateOnly(1996, 2, 29), LeaderPageQueries.AtLeast(new(2026, 2, 28), 30));
        Assert.Equal(new DateOnly(1996, 2, 27), LeaderPageQueries.AtLeast(new(2026, 2, 27), 30));
        Assert.Equal(new DateOnly(1998, 2, 28), LeaderPageQueries.AtLeast(new(2028, 2, 29), 30));
        Assert.Equal(new DateOnly(1966, 11, 21), LeaderPageQueries.AtLeast(new(2026, 11, 21), 60));
        foreach (var date in new DateOnly[] { new(2026, 2, 28), new(2028, 2, 29), new(2028, 3, 1), new(2026, 11, 21) })
            foreach (var age in new[] { 30, 45, 60 })
            {
                var latest = LeaderPageQueries.AtLeast(date, age);
                Assert.True(Person.AgeOn(latest, date) >= age, $"{date}, {age}: born {latest} is {Person.AgeOn(latest, date)}");
                Assert.True(Person.AgeOn(latest.AddDays(1), date) < age, $"{date}, {age}: born {latest.AddDays(1)} is {Person.AgeOn(latest.AddDays(1), date)}");
            }
    }

    [Fact]
    public async Task Posts_held_outside_the_users_scope_are_not_shown_nor_counted_as_concurrent()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = NewDb(database))
        {
            var thon = await UnitBuilder.EstablishAsync(db, Clock, "Thôn Một");
            var hanoi = await UnitBuilder.EstablishAsync(db, Clock, "Tổ dân phố Xa", UnitBuilder.Phuong, UnitKind.ResidentialGroup);
            var kieu = await LeaderBuilder.AppointAsync(db, Clock, thon, "Kiều Văn Xa");
            await LeaderBuilder.AppointAsync(db, Clock, hanoi, kieu.PersonId, Position.PartyCellSecretary);
            await LeaderBuilder.AppointAsync(db, Clock, thon, "Lò Văn Gần", Position.DeputyHead, mode: TenureMode.Recognized);
        }
        var today = Clock.Today();

        async Task<List<(string Name, string Posts)>> RowsAsync(AppDb db, AdminLevel level, string code, string query)
        {
            var place = (await ListPlace.FindAsync(db, code, level, today, Ct))!;
            var page = await LeaderPageQueries.HeldOnPageAsync(db, place, today, FilterOf(query), 1, 200, Ct);
            Assert.Equal(page.Rows.Count, page.Summary.Tenures);
            List<(string Name, string Posts)> shown = [.. page.Rows.Select(r => (r.FullName, string.Join("; ", r.ConcurrentPositions)))];
            // The whole list (API and exports) shows the same.
            var whole = await LeaderQueries.HeldOnAsync(db, place, today, FilterOf(query), Ct);
            Assert.Equal(shown, whole.Select(r => (r.FullName, string.Join("; ", r.ConcurrentPositions))));
            return shown;
        }

        await using (var admin = NewDb(database))
        {
            Assert.Equal([("Lò Văn Gần", ""), ("Kiều Văn Xa", "Bí thư chi bộ Tổ dân phố Xa")], await RowsAsync(admin, AdminLevel.Province, "25", ""));
            Assert.Equal([("Kiều Văn Xa", "Bí thư chi bộ Tổ dân phố Xa")], await RowsAsync(admin, AdminLevel.Commune, Xa, "concurrent=true"));
        }
        // Officers of Phú Thọ and of the commune see the whole place, but not Hà Nội: no concurrent post to show or to filter by.
        await using (var province = await TrainingScope.AsUserAsync(database, "tinh-phu-tho", Role.ProvinceOfficer, "25"))
        {
            Assert.Equal([("Lò Văn Gần", ""), ("Kiều Văn Xa", "")], await RowsAsync(province, AdminLevel.Province, "25", ""));
            Assert.Empty(await RowsAsync(province, AdminLevel.Province, "25", "concurrent=true"));
            Assert.Equal(2, (await RowsAsync(province, AdminLevel.Province, "25", "concurrent=false")).Count);
        }
        await using (var commune = await TrainingScope.AsUserAsync(database, "xa-da-bac", Role.CommuneOfficer, Xa))
        {
            Assert.Equal([("Lò Văn Gần", ""), ("Kiều Văn Xa", "")], await RowsAsync(commune, AdminLevel.Commune, Xa, ""));
            Assert.Empty(await RowsAsync(commune, AdminLevel.Commune, Xa, "concurrent=true"));
            Assert.Empty(await RowsAsync(commune, AdminLevel.Province, "25", "concurrent=true"));
            Assert.Equal(2, (await RowsAsync(commune, AdminLevel.Province, "25", "concurrent=false")).Count);
        }
    }

    /// <summary>What a terms-ending row shows, as text to compare.</summary>
    private static string ShownEnding(EndingRow r) =>
        $"{r.TenureId} {r.PersonId} {r.FullName} | {r.PositionName} | {r.UnitId} {r.UnitName} | {r.CommuneName} | {r.TermLabel} {r.ModeName} {r.StartDate:yyyy-MM-dd} → {r.PlannedEndDate:yyyy-MM-dd}";

    private static string ShownEnding(LeaderRow r) =>
        $"{r.TenureId} {r.PersonId} {r.FullName} | {r.PositionName} | {r.UnitId} {r.UnitName} | {r.CommuneName} | {r.TermLabel} {r.ModeName} {r.StartDate:yyyy-MM-dd} → {r.PlannedEndDate:yyyy-MM-dd}";

    /// <summary>
    /// Terms ending (today 21/11/2026): on 31/03/2027 in Thôn 2 and Thôn 10 of Xã Đà Bắc (a head, and in Thôn 10 the
    /// deputy who came after) and in Thôn Hạ of Xã Đức Nhàn; a secretary's on 31/10/2026 (passed); a head and a deputy
    /// of Tổ dân phố 3 (Phường Tân Hòa) on 15/01/2027; a front head's on 01/01/2028; an ended deputy's.
    /// </summary>
    private static async Task SeedTermsAsync(AppDb db)
    {
        DateOnly same = new(2027, 3, 31);
        var hai = await UnitBuilder.EstablishAsync(db, Clock, "Thôn 2");
        var muoi = await UnitBuilder.EstablishAsync(db, Clock, "Thôn 10");
        var ha = await UnitBuilder.EstablishAsync(db, Clock, "Thôn Hạ", UnitBuilder.OtherXa);
        var to = await UnitBuilder.EstablishAsync(db, Clock, "Tổ dân phố 3", Ward, UnitKind.ResidentialGroup);
        await LeaderBuilder.AppointAsync(db, Clock, muoi, "Nguyễn Văn Mười", plannedEnd: same);
        await LeaderBuilder.AppointAsync(db, Clock, muoi, "Trần Văn Phó", Position.DeputyHead, from: new(2025, 8, 1), mode: TenureMode.Recognized, plannedEnd: same);
        await LeaderBuilder.AppointAsync(db, Clock, hai, "Lê Văn Hai", plannedEnd: same);
        await LeaderBuilder.AppointAsync(db, Clock, ha, "Đỗ Văn Hạ", plannedEnd: same);
        await LeaderBuilder.AppointAsync(db, Clock, hai, "Vũ Văn Bí", Position.PartyCellSecretary, plannedEnd: new(2026, 10, 31));
        await LeaderBuilder.AppointAsync(db, Clock, to, "Hà Văn Tổ", plannedEnd: new(2027, 1, 15));
        await LeaderBuilder.AppointAsync(db, Clock, to, "Ngô Thị Phó", Position.DeputyHead, mode: TenureMode.Recognized, plannedEnd: new(2027, 1, 15));
        await LeaderBuilder.AppointAsync(db, Clock, ha, "Phạm Văn Xa", Position.FrontCommitteeHead, plannedEnd: new(2028, 1, 1));
        await LeaderBuilder.AppointAsync(db, Clock, ha, "Mai Văn Thôi", Position.DeputyHead, mode: TenureMode.Recognized, plannedEnd: new(2027, 1, 1), until: new(2026, 6, 30));
    }

    [Fact]
    public async Task Pages_of_the_terms_ending_list_hold_the_whole_list_in_its_order()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = NewDb(database)) await SeedTermsAsync(db);
        var today = Clock.Today();

        async Task AssertSameAsync(AppDb db, AdminUnit? place, int months, int expectedCount, string who)
        {
            var expected = (await LeaderQueries.EndingWithinAsync(db, place, today, months, Ct)).Select(ShownEnding).ToList();
            Assert.True(expected.Count == expectedCount, $"{who}, {months} months: {expected.Count} rows\n  {string.Join("\n  ", expected)}");
            foreach (var size in new[] { 1, 2, 3, 200 })
            {
                var first = await LeaderPageQueries.EndingWithinPageAsync(db, place, today, months, 1, size, Ct);
                Assert.Equal(expected.Count, first.Total);
                Assert.Equal(Math.Max(1, (expected.Count + size - 1) / size), first.PageCount);
                var pages = new List<string>();
                for (var n = 1; n <= first.PageCount; n++)
                    pages.AddRange((await LeaderPageQueries.EndingWithinPageAsync(db, place, today, months, n, size, Ct)).Rows.Select(ShownEnding));
                Assert.True(expected.SequenceEqual(pages), $"{who}, {months} months, pages of {size}:\nexpected\n  {string.Join("\n  ", expected)}\ngot\n  {string.Join("\n  ", pages)}");
                var past = await LeaderPageQueries.EndingWithinPageAsync(db, place, today, months, first.PageCount + 1, size, Ct);
                Assert.Equal(first.PageCount, past.PageNumber);
            }
        }

        await using (var admin = NewDb(database))
        {
            await AssertSameAsync(admin, null, 6, 7, "administrator");
            await AssertSameAsync(admin, null, 60, 8, "administrator");
            await AssertSameAsync(admin, await admin.FindByCodeAsync("25", today, Ct), 6, 7, "administrator, Phú Thọ");
            await AssertSameAsync(admin, await admin.FindByCodeAsync(Xa, today, Ct), 6, 4, "administrator, Xã Đà Bắc");
            await AssertSameAsync(admin, await admin.FindByCodeAsync("01", today, Ct), 6, 0, "administrator, Hà Nội");
        }
        await using (var commune = await TrainingScope.AsUserAsync(database, "xa-duc-nhan", Role.CommuneOfficer, UnitBuilder.OtherXa))
            await AssertSameAsync(commune, null, 60, 2, "commune officer");
    }

    [Fact]
    public async Task Pages_count_the_whole_list_and_a_page_number_past_the_last_shows_the_last_page()
    {
        await using var app = await AppFactory.StartAsync();
        await using (var db = app.Database.NewDb()) await SeedTermsAsync(db);

        var ending = await HtmlPage.GetAsync(app.Client, "/nhiem-ky-sap-het?tinh=25&trang=7");
        Assert.Equal("7 chức danh.", ending.QuerySelector("#ending-count")!.TextContent.Trim());
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7"], ending.QuerySelectorAll("#ending tbody td.num").Select(td => td.TextContent.Trim()));
        Assert.Equal("Vũ Văn Bí", ending.QuerySelector("#ending tbody td.name a")!.TextContent.Trim());
        Assert.Equal("31/10/2026", ending.QuerySelector("#ending tbody td.planned")!.TextContent.Trim());
        Assert.Null(ending.QuerySelector(".pager"));

        var leaders = await HtmlPage.GetAsync(app.Client, $"/xa/{Xa}/can-bo?trang=3");
        Assert.Equal("4", leaders.QuerySelector("#count-tenures")!.TextContent.Trim());
        Assert.Equal(["1", "2", "3", "4"], leaders.QuerySelectorAll("#leaders tbody td.num").Select(td => td.TextContent.Trim()));
        Assert.Null(leaders.QuerySelector(".pager"));
    }
}
