using System.Net;
using AngleSharp.Dom;
using Grassroots.Features.Accounts;
using Grassroots.Features.Audit;
using Grassroots.Features.People;
using Grassroots.Tests.Infrastructure;

namespace Grassroots.Tests.Features.People;

/// <summary>
/// The leader lists as pages: commune and province lists as of a date (filters, Vietnamese name order, counts,
/// export link, masking, scope), "cần xem xét", terms ending and acting heads. Today is 21/11/2026 (FixedClock).
/// </summary>
public sealed class LeaderListPagesTests
{
    private const string Xa = UnitBuilder.Xa;

    /// <summary>
    /// Xã Đà Bắc, all from 01/07/2025 unless said: Thôn Một — Trần Văn Bình head and (kiêm nhiệm) party secretary,
    /// Phạm Đức Anh front head; Thôn Hai — Lê Thị Ánh head (Mường), Vũ Văn Dũng secretary (Tày); Thôn Ba — Đỗ Văn Đạt
    /// head, Nguyễn Văn An secretary; Thôn Bốn — Hoàng Văn Cường head until 31/12/2025, Mai Văn Mới from 01/03/2026.
    /// Xã Đức Nhàn: Ngô Văn Ất head of Thôn Khác.
    /// </summary>
    private static async Task SeedLeadersAsync(TestApp app)
    {
        await using var db = app.Database.NewDb();
        var t = app.Factory.Time;
        var mot = await UnitBuilder.EstablishAsync(db, t, "Thôn Một");
        var hai = await UnitBuilder.EstablishAsync(db, t, "Thôn Hai");
        var ba = await UnitBuilder.EstablishAsync(db, t, "Thôn Ba");
        var bon = await UnitBuilder.EstablishAsync(db, t, "Thôn Bốn");
        var binh = await LeaderBuilder.AppointAsync(db, t, mot, "Trần Văn Bình", born: new(1970, 3, 10), partyMember: true);
        await LeaderBuilder.AppointAsync(db, t, mot, binh.PersonId, Position.PartyCellSecretary, mode: TenureMode.Concurrent);
        await LeaderBuilder.AppointAsync(db, t, mot, "Phạm Đức Anh", Position.FrontCommitteeHead, born: new(1966, 1, 1), education: "9/12");
        await LeaderBuilder.AppointAsync(db, t, hai, "Lê Thị Ánh", born: new(2000, 6, 1), ethnicity: "06", partyMember: true);
        await LeaderBuilder.AppointAsync(db, t, hai, "Vũ Văn Dũng", Position.PartyCellSecretary, born: new(1966, 1, 2), ethnicity: "02", partyMember: true);
        await LeaderBuilder.AppointAsync(db, t, ba, "Đỗ Văn Đạt", born: new(1985, 5, 5));
        await LeaderBuilder.AppointAsync(db, t, ba, "Nguyễn Văn An", Position.PartyCellSecretary, born: new(1990, 9, 9), partyMember: true);
        await LeaderBuilder.AppointAsync(db, t, bon, "Hoàng Văn Cường", until: new(2025, 12, 31));
        await LeaderBuilder.AppointAsync(db, t, bon, "Mai Văn Mới", from: new(2026, 3, 1), term: "2026-2031");
        var khac = await UnitBuilder.EstablishAsync(db, t, "Thôn Khác", UnitBuilder.OtherXa);
        await LeaderBuilder.AppointAsync(db, t, khac, "Ngô Văn Ất");
    }

    private static List<string> Names(IDocument page, string table = "#leaders") =>
        [.. page.QuerySelectorAll($"{table} tbody td.name a").Select(a => a.TextContent.Trim())];

    private static IElement RowOf(IDocument page, string name, string table = "#leaders") =>
        page.QuerySelectorAll($"{table} tbody tr").First(r => r.QuerySelector("td.name a")!.TextContent.Trim() == name);

    [Fact]
    public async Task Commune_list_as_of_a_date_shows_the_tenures_held_that_day_in_vietnamese_name_order()
    {
        await using var app = await AppFactory.StartAsync();
        await SeedLeadersAsync(app);

        var page = await HtmlPage.GetAsync(app.Client, $"/xa/{Xa}/can-bo?asOf=2026-01-01");
        string[] expected = ["Nguyễn Văn An", "Phạm Đức Anh", "Lê Thị Ánh", "Trần Văn Bình", "Trần Văn Bình", "Vũ Văn Dũng", "Đỗ Văn Đạt"];
        Assert.Equal(expected, Names(page));
        Assert.Contains("01/01/2026", page.QuerySelector("h2")!.TextContent);
        Assert.Equal(expected, Names(await HtmlPage.GetAsync(app.Client, $"/xa/{Xa}/can-bo?asOf=01/01/2026")));

        // The last day held counts; a tenure not yet begun does not.
        Assert.Equal(["Nguyễn Văn An", "Phạm Đức Anh", "Lê Thị Ánh", "Trần Văn Bình", "Trần Văn Bình", "Hoàng Văn Cường", "Vũ Văn Dũng", "Đỗ Văn Đạt"],
            Names(await HtmlPage.GetAsync(app.Client, $"/xa/{Xa}/can-bo?asOf=2025-12-31")));
        Assert.Equal(["Nguyễn Văn An", "Phạm Đức Anh", "Lê Thị Ánh", "Trần Văn Bình", "Trần Văn Bình", "Vũ Văn Dũng", "Đỗ Văn Đạt", "Mai Văn Mới"],
            Names(await HtmlPage.GetAsync(app.Client, $"/xa/{Xa}/can-bo")));

        var binh = RowOf(page, "Trần Văn Bình");
        Assert.Equal("Trưởng thôn", binh.QuerySelector("td.position")!.TextContent.Trim());
        Assert.Contains("Bí thư chi bộ Thôn Một", binh.QuerySelector("td.concurrent")!.TextContent);
        Assert.Equal("Thôn Một", binh.QuerySelector("td.unit a")!.TextContent.Trim());
        Assert.EndsWith("?asOf=2026-01-01", binh.QuerySelector("td.unit a")!.GetAttribute("href"));
        Assert.StartsWith("/nguoi/", binh.QuerySelector("td.name a")!.GetAttribute("href"));
        Assert.Contains("10/03/1970", binh.QuerySelector("td.birth")!.TextContent);
        Assert.Contains("(55)", binh.QuerySelector("td.birth")!.TextContent);
        Assert.Equal($"/can-bo/xuat?commune={Xa}&asOf=2026-01-01", page.QuerySelector("#export")!.GetAttribute("href"));

        // Counts by person: Phạm Đức Anh turns 60 on 01/01/2026, so 5 of the 6 people are under 60.
        Assert.Equal("7", page.QuerySelector("#count-tenures")!.TextContent.Trim());
        Assert.Equal("6", page.QuerySelector("#count-people")!.TextContent.Trim());
        Assert.Equal("4 (66,7%)", page.QuerySelector("#count-party")!.TextContent.Trim());
        Assert.Equal("1 (16,7%)", page.QuerySelector("#count-women")!.TextContent.Trim());
        Assert.Equal("2 (33,3%)", page.QuerySelector("#count-minorities")!.TextContent.Trim());
        Assert.Equal("5 (83,3%)", page.QuerySelector("#count-under60")!.TextContent.Trim());
        Assert.Contains("Trưởng thôn: 3", page.QuerySelector("#count-positions")!.TextContent);
        Assert.Contains("Bí thư chi bộ: 3", page.QuerySelector("#count-positions")!.TextContent);
    }

    [Fact]
    public async Task Each_filter_narrows_the_list()
    {
        await using var app = await AppFactory.StartAsync();
        await SeedLeadersAsync(app);
        var cases = new Dictionary<string, string[]>
        {
            ["position=PartyCellSecretary"] = ["Nguyễn Văn An", "Trần Văn Bình", "Vũ Văn Dũng"],
            ["partyMember=true"] = ["Nguyễn Văn An", "Lê Thị Ánh", "Trần Văn Bình", "Trần Văn Bình", "Vũ Văn Dũng"],
            ["partyMember=false"] = ["Phạm Đức Anh", "Đỗ Văn Đạt"],
            ["ageBand=Under30"] = ["Lê Thị Ánh"],
            ["ageBand=From30To44"] = ["Nguyễn Văn An", "Đỗ Văn Đạt"],
            ["ageBand=From45To59"] = ["Trần Văn Bình", "Trần Văn Bình", "Vũ Văn Dũng"],
            ["ageBand=From60"] = ["Phạm Đức Anh"],
            ["gender=Female"] = ["Lê Thị Ánh"],
            ["ethnicity=dtts"] = ["Lê Thị Ánh", "Vũ Văn Dũng"],
            ["ethnicity=06"] = ["Lê Thị Ánh"],
            ["education=9/12"] = ["Phạm Đức Anh"],
            ["concurrent=true"] = ["Trần Văn Bình", "Trần Văn Bình"],
            ["concurrent=false"] = ["Nguyễn Văn An", "Phạm Đức Anh", "Lê Thị Ánh", "Vũ Văn Dũng", "Đỗ Văn Đạt"],
            ["mode=Concurrent"] = ["Trần Văn Bình"],
            ["q=dung"] = ["Vũ Văn Dũng"],
            ["position=UnitHead&partyMember=true"] = ["Lê Thị Ánh", "Trần Văn Bình"],
            ["position=DeputyHead"] = [],
        };
        foreach (var (query, expected) in cases)
        {
            var page = await HtmlPage.GetAsync(app.Client, $"/xa/{Xa}/can-bo?asOf=2026-01-01&{query}");
            Assert.True(expected.SequenceEqual(Names(page)), $"{query}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", Names(page))}]");
        }
        // Age bands are taken at the list's date: on 01/01/2026 Vũ Văn Dũng is 59, a day later 60.
        Assert.Equal(["Phạm Đức Anh", "Vũ Văn Dũng"], Names(await HtmlPage.GetAsync(app.Client, $"/xa/{Xa}/can-bo?asOf=2026-01-02&ageBand=From60")));
        Assert.Equal(["Mai Văn Mới"], Names(await HtmlPage.GetAsync(app.Client, $"/xa/{Xa}/can-bo?term=2026-2031")));

        // The form keeps the filter, and the export link carries it with exactly the same names.
        var filtered = await HtmlPage.GetAsync(app.Client, $"/xa/{Xa}/can-bo?asOf=01/01/2026&position=PartyCellSecretary&partyMember=true&ethnicity=dtts");
        Assert.Equal(["Vũ Văn Dũng"], Names(filtered));
        Assert.Equal("PartyCellSecretary", filtered.QuerySelector("#position option[selected]")!.GetAttribute("value"));
        Assert.Equal("true", filtered.QuerySelector("#partyMember option[selected]")!.GetAttribute("value"));
        Assert.Equal("dtts", filtered.QuerySelector("#ethnicity option[selected]")!.GetAttribute("value"));
        Assert.Equal($"/can-bo/xuat?commune={Xa}&asOf=2026-01-01&position=PartyCellSecretary&partyMember=true&ethnicity=dtts",
            filtered.QuerySelector("#export")!.GetAttribute("href"));
        Assert.Equal("1", filtered.QuerySelector("#count-people")!.TextContent.Trim());
    }

    [Fact]
    public async Task Province_officer_lists_the_provinces_heads_as_of_a_date_and_exports_them()
    {
        await using var app = await AppFactory.StartAsync();
        await SeedLeadersAsync(app);
        using var officer = await app.ClientForAsync("tinh-phu-tho", Role.ProvinceOfficer, "25");

        var all = await HtmlPage.GetAsync(officer, "/tinh/25/can-bo?asOf=2026-01-01");
        Assert.Equal(["Nguyễn Văn An", "Phạm Đức Anh", "Lê Thị Ánh", "Ngô Văn Ất", "Trần Văn Bình", "Trần Văn Bình", "Vũ Văn Dũng", "Đỗ Văn Đạt"], Names(all));
        Assert.DoesNotContain("trong phạm vi bạn được xem", all.QuerySelector("main")!.TextContent);

        var heads = await HtmlPage.GetAsync(officer, "/tinh/25/can-bo?asOf=2026-01-01&position=UnitHead");
        Assert.Equal(["Lê Thị Ánh", "Ngô Văn Ất", "Trần Văn Bình", "Đỗ Văn Đạt"], Names(heads));
        Assert.Equal("Xã Đức Nhàn", RowOf(heads, "Ngô Văn Ất").QuerySelector("td.commune")!.TextContent.Trim());
        Assert.Equal("Xã Đà Bắc", RowOf(heads, "Đỗ Văn Đạt").QuerySelector("td.commune")!.TextContent.Trim());
        Assert.Equal("/can-bo/xuat?province=25&asOf=2026-01-01&position=UnitHead", heads.QuerySelector("#export")!.GetAttribute("href"));

        // A commune officer sees their part of the province (and is told so); another province is not found.
        using var commune = await app.ClientForAsync("xa-da-bac", Role.CommuneOfficer, Xa);
        var part = await HtmlPage.GetAsync(commune, "/tinh/25/can-bo?asOf=2026-01-01&position=UnitHead");
        Assert.Equal(["Lê Thị Ánh", "Trần Văn Bình", "Đỗ Văn Đạt"], Names(part));
        Assert.Contains("trong phạm vi bạn được xem", part.QuerySelector("main")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await commune.GetAsync("/tinh/01/can-bo")).StatusCode);
    }

    [Fact]
    public async Task Lists_are_scoped_to_the_user_and_birth_dates_are_masked_for_a_viewer()
    {
        await using var app = await AppFactory.StartAsync();
        await SeedLeadersAsync(app);
        using var other = await app.ClientForAsync("xa-duc-nhan", Role.CommuneOfficer, UnitBuilder.OtherXa);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/xa/{Xa}/can-bo")).StatusCode);
        Assert.Equal(["Ngô Văn Ất"], Names(await HtmlPage.GetAsync(other, $"/xa/{UnitBuilder.OtherXa}/can-bo")));

        using var viewer = await app.ClientForAsync("nguoi-xem", Role.Viewer, Xa);
        var page = await HtmlPage.GetAsync(viewer, $"/xa/{Xa}/can-bo?asOf=2026-01-01");
        var birth = RowOf(page, "Trần Văn Bình").QuerySelector("td.birth")!.TextContent;
        Assert.Contains(PersonalData.MaskText, birth);
        Assert.DoesNotContain("1970", birth);
        Assert.Contains("(55)", birth);
        Assert.DoesNotContain("10/03/1970", page.Body!.TextContent);
    }

    /// <summary>
    /// Xã Đà Bắc: Thôn Năm — Lý Văn Trưởng head, Hà Văn Trẻ deputy aged 19 (R-ELIG-02); Thôn Sáu — Tạ Văn Tạm acting
    /// head since 15/01/2026 (past 6 months: R-TERM-02); Thôn Bảy — Lương Văn Lâm acting since 01/10/2026; a head (extended),
    /// a party secretary and a front head whose planned ends are 31/10/2026 (passed), 31/03/2027 and 30/09/2027.
    /// </summary>
    private static async Task SeedReviewAsync(TestApp app)
    {
        await using var db = app.Database.NewDb();
        var t = app.Factory.Time;
        var nam = await UnitBuilder.EstablishAsync(db, t, "Thôn Năm");
        await LeaderBuilder.AppointAsync(db, t, nam, "Lý Văn Trưởng");
        await LeaderBuilder.AppointAsync(db, t, nam, "Hà Văn Trẻ", Position.DeputyHead, mode: TenureMode.Recognized, born: new(2006, 1, 1));
        await LeaderBuilder.AppointAsync(db, t, await UnitBuilder.EstablishAsync(db, t, "Thôn Sáu"), "Tạ Văn Tạm", from: new(2026, 1, 15), mode: TenureMode.Acting, term: null);
        await LeaderBuilder.AppointAsync(db, t, await UnitBuilder.EstablishAsync(db, t, "Thôn Bảy"), "Lương Văn Lâm", from: new(2026, 10, 1), mode: TenureMode.Acting, term: null);
        await LeaderBuilder.AppointAsync(db, t, await UnitBuilder.EstablishAsync(db, t, "Thôn Tám"), "Quách Văn Quá", mode: TenureMode.Extended, plannedEnd: new(2026, 10, 31));
        await LeaderBuilder.AppointAsync(db, t, await UnitBuilder.EstablishAsync(db, t, "Thôn Chín"), "Kiều Văn Sớm", Position.PartyCellSecretary, plannedEnd: new(2027, 3, 31));
        await LeaderBuilder.AppointAsync(db, t, await UnitBuilder.EstablishAsync(db, t, "Thôn Mười"), "Kha Văn Muộn", Position.FrontCommitteeHead, plannedEnd: new(2027, 9, 30));
    }

    [Fact]
    public async Task Review_page_lists_the_under_age_deputy_and_the_overdue_acting_head_within_scope()
    {
        await using var app = await AppFactory.StartAsync();
        await SeedReviewAsync(app);
        using var officer = await app.ClientForAsync("xa-da-bac", Role.CommuneOfficer, Xa);

        var page = await HtmlPage.GetAsync(officer, "/can-xem-xet");
        Assert.Equal(["Hà Văn Trẻ", "Tạ Văn Tạm"], Names(page, "#review").Order(StringComparer.Ordinal).ToList());
        var deputy = RowOf(page, "Hà Văn Trẻ", "#review");
        Assert.Equal("R-ELIG-02", deputy.QuerySelector("li[data-rule]")!.GetAttribute("data-rule"));
        Assert.Contains("19 tuổi", deputy.QuerySelector("td.warnings-cell")!.TextContent);
        Assert.Contains("TT 04/2012/TT-BNV Điều 11", deputy.QuerySelector(".source")!.TextContent);
        var acting = RowOf(page, "Tạ Văn Tạm", "#review");
        Assert.Equal(["R-TERM-02"], acting.QuerySelectorAll("li[data-rule]").Select(li => li.GetAttribute("data-rule")!).ToList());
        Assert.Contains("15/07/2026", acting.QuerySelector("td.warnings-cell")!.TextContent);
        Assert.Contains(": 1", page.QuerySelector("#rule-counts li[data-rule='R-ELIG-02']")!.TextContent);
        Assert.Contains(": 1", page.QuerySelector("#rule-counts li[data-rule='R-TERM-02']")!.TextContent);

        Assert.Equal(["Tạ Văn Tạm"], Names(await HtmlPage.GetAsync(officer, "/can-xem-xet?rule=R-TERM-02"), "#review"));
        Assert.Equal(["Hà Văn Trẻ"], Names(await HtmlPage.GetAsync(officer, $"/can-xem-xet?xa={Xa}&rule=R-ELIG-02"), "#review"));
        Assert.Equal(2, Names(await HtmlPage.GetAsync(app.Client, "/can-xem-xet?tinh=25"), "#review").Count);

        // An officer of another commune sees none of it, and asking for this commune is answered "not found".
        using var other = await app.ClientForAsync("xa-duc-nhan", Role.CommuneOfficer, UnitBuilder.OtherXa);
        var theirs = await HtmlPage.GetAsync(other, "/can-xem-xet");
        Assert.Empty(Names(theirs, "#review"));
        Assert.NotNull(theirs.QuerySelector("#none"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/can-xem-xet?xa={Xa}")).StatusCode);
    }

    [Fact]
    public async Task Terms_ending_and_acting_heads_lists()
    {
        await using var app = await AppFactory.StartAsync();
        await SeedReviewAsync(app);
        using var officer = await app.ClientForAsync("xa-da-bac", Role.CommuneOfficer, Xa);

        var ending = await HtmlPage.GetAsync(officer, "/nhiem-ky-sap-het");
        Assert.Equal(["Quách Văn Quá", "Kiều Văn Sớm"], Names(ending, "#ending"));
        Assert.Contains("đã quá 21 ngày", RowOf(ending, "Quách Văn Quá", "#ending").QuerySelector("td.left")!.TextContent);
        Assert.Equal("31/03/2027", RowOf(ending, "Kiều Văn Sớm", "#ending").QuerySelector("td.planned")!.TextContent.Trim());
        Assert.Equal(["Quách Văn Quá", "Kiều Văn Sớm", "Kha Văn Muộn"], Names(await HtmlPage.GetAsync(officer, $"/nhiem-ky-sap-het?thang=12&xa={Xa}"), "#ending"));
        var invalid = await HtmlPage.GetAsync(officer, "/nhiem-ky-sap-het?thang=abc");
        Assert.Contains("từ 1 đến 60", invalid.QuerySelector(".errors")!.TextContent);
        Assert.Equal(2, Names(invalid, "#ending").Count);

        var acting = await HtmlPage.GetAsync(officer, "/truong-thon-lam-thoi");
        Assert.Equal(["Tạ Văn Tạm", "Lương Văn Lâm"], Names(acting, "#acting"));
        var overdue = RowOf(acting, "Tạ Văn Tạm", "#acting");
        Assert.Equal("10 tháng", overdue.QuerySelector("td.served")!.TextContent.Trim());
        Assert.Contains("15/07/2026", overdue.QuerySelector("td.deadline")!.TextContent);
        Assert.Contains("Quá thời hạn", overdue.QuerySelector("td.status")!.TextContent);
        var recent = RowOf(acting, "Lương Văn Lâm", "#acting");
        Assert.Equal("1 tháng", recent.QuerySelector("td.served")!.TextContent.Trim());
        Assert.Contains("01/04/2027", recent.QuerySelector("td.deadline")!.TextContent);
        Assert.Contains("Trong thời hạn", recent.QuerySelector("td.status")!.TextContent);

        using var other = await app.ClientForAsync("xa-duc-nhan", Role.CommuneOfficer, UnitBuilder.OtherXa);
        Assert.Empty(Names(await HtmlPage.GetAsync(other, "/truong-thon-lam-thoi"), "#acting"));
        Assert.Empty(Names(await HtmlPage.GetAsync(other, "/nhiem-ky-sap-het?thang=12"), "#ending"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/truong-thon-lam-thoi?xa={Xa}")).StatusCode);
    }

    [Fact]
    public async Task Navigation_and_the_commune_and_province_pages_link_the_lists()
    {
        await using var app = await AppFactory.StartAsync();
        using var officer = await app.ClientForAsync("xa-da-bac", Role.CommuneOfficer, Xa);
        var commune = await HtmlPage.GetAsync(officer, $"/xa/{Xa}?asOf=2026-01-01");
        Assert.NotNull(commune.QuerySelector(".site-header nav a[href='/can-bo']"));
        Assert.NotNull(commune.QuerySelector(".site-header nav a[href='/can-xem-xet']"));
        Assert.Equal($"/xa/{Xa}/can-bo?asOf=2026-01-01", commune.QuerySelector("#leaders-link")!.GetAttribute("href"));
        Assert.Equal("/tinh/25/can-bo", (await HtmlPage.GetAsync(officer, "/tinh/25")).QuerySelector("#leaders-link")!.GetAttribute("href"));

        // One commune: the nav link goes straight to its list. The administrator picks a province or a commune.
        var start = await officer.GetAsync("/can-bo");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        Assert.Equal($"/xa/{Xa}/can-bo", start.Headers.Location!.ToString());
        var choose = await HtmlPage.GetAsync(app.Client, "/can-bo");
        Assert.Equal(34, choose.QuerySelectorAll("#provinces li").Length);
        Assert.Equal($"/xa/{Xa}/can-bo", (await app.Client.GetAsync($"/can-bo?xa={Xa}")).Headers.Location!.ToString());

        using var anonymous = app.Anonymous;
        var page = await HtmlPage.GetAsync(anonymous, "/tinh/25");
        Assert.Null(page.QuerySelector(".site-header nav a[href='/can-bo']"));
        Assert.Null(page.QuerySelector("#leaders-link"));
    }
}
