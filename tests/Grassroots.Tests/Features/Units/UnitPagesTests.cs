using System.Net;
using Grassroots.Tests.Infrastructure;

namespace Grassroots.Tests.Features.Units;

public sealed class UnitPagesTests
{
    [Fact]
    public async Task Browse_province_to_commune_to_units_as_of_a_date()
    {
        await using var app = await AppFactory.StartAsync();
        await using (var db = app.Database.NewDb())
        {
            await UnitBuilder.EstablishAsync(db, app.Factory.Time, "Thôn Bản Mới", from: new DateOnly(2026, 1, 1));
            await UnitBuilder.EstablishAsync(db, app.Factory.Time, "Thôn Cũ");
        }
        var home = await HtmlPage.GetAsync(app.Client, "/");
        Assert.Equal(34, home.QuerySelectorAll("tbody tr").Length);
        Assert.NotNull(home.QuerySelector("a[href='/tinh/25']"));

        var province = await HtmlPage.GetAsync(app.Client, "/tinh/25");
        Assert.Equal(148, province.QuerySelectorAll("#communes tbody tr").Length);
        var old = await HtmlPage.GetAsync(app.Client, "/tinh/25?asOf=2025-06-30");
        Assert.Equal(207, old.QuerySelectorAll("#communes tbody tr").Length);
        Assert.Contains("Quận, huyện", old.QuerySelector("#communes thead")!.TextContent);

        var commune = await HtmlPage.GetAsync(app.Client, "/xa/" + UnitBuilder.Xa);
        var names = commune.QuerySelectorAll("#units tbody tr td a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(["Thôn Bản Mới", "Thôn Cũ"], names);
        var earlier = await HtmlPage.GetAsync(app.Client, $"/xa/{UnitBuilder.Xa}?asOf=2025-12-31");
        Assert.Equal(["Thôn Cũ"], earlier.QuerySelectorAll("#units tbody tr td a").Select(a => a.TextContent.Trim()).ToList());
        Assert.Contains("31/12/2025", earlier.QuerySelector("h2")!.TextContent);
    }

    [Fact]
    public async Task Unknown_pages_answer_a_vietnamese_not_found()
    {
        await using var app = await AppFactory.StartAsync();
        var response = await app.Client.GetAsync("/xa/99999");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await HtmlPage.ParseAsync(response);
        Assert.Equal("Không tìm thấy", page.QuerySelector("h1")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync("/thon/123456")).StatusCode);
    }

    [Fact]
    public async Task Establish_form_shows_vietnamese_errors_and_changes_nothing()
    {
        await using var app = await AppFactory.StartAsync();
        var form = await HtmlPage.GetAsync(app.Client, $"/xa/{UnitBuilder.Phuong}/them");
        var response = await HtmlPage.SubmitAsync(app.Client, form, new Dictionary<string, string>
        {
            ["Input.Name"] = "Thôn Sai",
            ["Input.Kind"] = "Village",
            ["Input.HouseholdCount"] = "abc",
            ["Input.EffectiveDate"] = "2025-07-01",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlPage.ParseAsync(response);
        var summary = page.QuerySelector(".errors")!.TextContent;
        Assert.Contains("Số hộ gia đình", summary);
        Assert.Contains("abc", summary);

        response = await HtmlPage.SubmitAsync(app.Client, page, new Dictionary<string, string> { ["Input.HouseholdCount"] = "500" });
        page = await HtmlPage.ParseAsync(response);
        Assert.Contains("Thôn chỉ được tổ chức ở xã hoặc đặc khu", page.QuerySelector(".errors")!.TextContent);
        await using var db = app.Database.NewDb();
        Assert.Empty(db.ResidentialUnits);
    }

    [Fact]
    public async Task Establish_then_rename_through_the_pages()
    {
        await using var app = await AppFactory.StartAsync();
        var form = await HtmlPage.GetAsync(app.Client, $"/xa/{UnitBuilder.Phuong}/them");
        Assert.Equal("ResidentialGroup", form.QuerySelector("select[name='Input.Kind'] option[selected]")?.GetAttribute("value"));
        var response = await HtmlPage.SubmitAsync(app.Client, form, new Dictionary<string, string>
        {
            ["Input.Name"] = "Tổ dân phố số 7", ["Input.HouseholdCount"] = "300", ["Input.EffectiveDate"] = "2025-07-01",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var unitUrl = response.Headers.Location!.ToString();
        var unit = await HtmlPage.GetAsync(app.Client, unitUrl);
        Assert.Contains("Đã thêm", unit.QuerySelector(".flash")!.TextContent);
        Assert.Contains("R-UNIT-04", unit.QuerySelector(".warnings")!.TextContent);

        var rename = await HtmlPage.GetAsync(app.Client, unitUrl + "/thay-doi?loai=rename");
        response = await HtmlPage.SubmitAsync(app.Client, rename, new Dictionary<string, string>
        {
            ["Input.NewName"] = "Tổ dân phố Hòa Bình", ["Input.EffectiveDate"] = "2026-09-01", ["Input.DecisionNumber"] = "21/NQ-HĐND",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        unit = await HtmlPage.GetAsync(app.Client, unitUrl);
        Assert.Equal("Tổ dân phố Hòa Bình", unit.QuerySelector("h1")!.TextContent.Trim());
        var history = unit.QuerySelectorAll("#history tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, history.Count);
        Assert.Contains("21/NQ-HĐND", history[1]);
        Assert.Contains("01/09/2026", history[1]);
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_refused()
    {
        await using var app = await AppFactory.StartAsync();
        var response = await app.Client.PostAsync($"/xa/{UnitBuilder.Xa}/them", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Name"] = "Thôn Lén", ["Input.Kind"] = "Village", ["Input.EffectiveDate"] = "2025-07-01",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var db = app.Database.NewDb();
        Assert.Empty(db.ResidentialUnits);
    }
}
