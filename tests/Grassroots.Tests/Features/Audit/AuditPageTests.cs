using System.Net;
using AngleSharp.Html.Dom;
using Grassroots.Features.Accounts;
using Grassroots.Features.Units;
using Grassroots.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Grassroots.Tests.Features.Audit;

/// <summary>/nhat-ky: the filter form, the table in Vietnamese, paging and the export link.</summary>
public sealed class AuditPageTests
{
    [Fact]
    public async Task The_page_shows_filters_and_changes_in_vietnamese()
    {
        await using var app = await AppFactory.StartAsync();
        ResidentialUnit unit;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
            unit = await UnitBuilder.EstablishAsync(AppDbIn(scope), app.Factory.Time, "Thôn Nhật Ký", households: 150);

        var page = await HtmlPage.GetAsync(app.Client, $"/nhat-ky?entity=ResidentialUnit&entityId={unit.Id}&from=21/11/2026");

        Assert.Equal("Nhật ký thay đổi", page.QuerySelector("h1")!.TextContent);
        var form = page.QuerySelector("form#audit-filter")!;
        Assert.Equal("get", form.GetAttribute("method"));
        var labels = form.QuerySelectorAll("label").Select(l => l.TextContent.Trim().Split('\n')[0].Trim()).ToList();
        Assert.Equal(["Người dùng", "Loại dữ liệu", "Mã bản ghi", "Từ ngày", "Đến ngày", "Mã tỉnh", "Mã xã"], labels);
        Assert.Equal("2026-11-21", ((IHtmlInputElement)page.QuerySelector("#from")!).Value);
        Assert.Equal("date", page.QuerySelector("#to")!.GetAttribute("type"));
        var entity = (IHtmlSelectElement)page.QuerySelector("#entity")!;
        Assert.Equal("ResidentialUnit", entity.Value);
        Assert.Contains(entity.Options, o => o.Text == "Thôn, tổ dân phố");
        Assert.Contains(entity.Options, o => o.Text == "Tên gọi/trực thuộc thôn");

        var headers = page.QuerySelectorAll("#audit thead th").Select(th => th.TextContent).ToList();
        Assert.Equal(["Thời điểm", "Người thực hiện", "Địa chỉ IP", "Việc", "Dữ liệu", "Mã", "Thay đổi"], headers);
        var cells = page.QuerySelectorAll("#audit tbody tr").Single().QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal("21/11/2026 09:00:00", cells[0]);
        Assert.Equal("(hệ thống)", cells[1]);
        Assert.Equal("Thêm (Thành lập)", cells[3]);
        Assert.Equal("Thôn, tổ dân phố", cells[4]);
        Assert.Equal(unit.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), cells[5]);
        Assert.Contains("Số hộ: (trống) → 150", cells[6]);
        Assert.Contains("Trạng thái: (trống) → Đang hoạt động", cells[6]);

        Assert.Equal($"/api/v1/audit/export?entity=ResidentialUnit&entityId={unit.Id}&from=2026-11-21", page.QuerySelector("a#export")!.GetAttribute("href"));
        Assert.Null(page.QuerySelector("a#next"));
        var html = page.DocumentElement.OuterHtml;
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("style=", html);
    }

    [Fact]
    public async Task Long_lists_page_with_a_cursor_that_keeps_the_filters()
    {
        await using var app = await AppFactory.StartAsync();
        await using (var db = app.Database.NewDb())
        {
            for (var i = 1; i <= 51; i++) db.Record("logout", nameof(AppUser), "nhieu-dong", $"Đăng xuất lần {i}");
            await db.SaveChangesAsync();
        }

        var first = await HtmlPage.GetAsync(app.Client, "/nhat-ky?entityId=nhieu-dong");
        Assert.Equal(50, first.QuerySelectorAll("#audit tbody tr").Length);
        Assert.Contains("Đăng xuất lần 51", first.QuerySelector("#audit tbody tr")!.TextContent);
        Assert.Contains("Đăng xuất", first.QuerySelectorAll("#audit tbody tr td")[3].TextContent);
        var next = first.QuerySelector("a#next")!;
        Assert.Equal("Trang sau", next.TextContent);
        Assert.StartsWith("/nhat-ky?entityId=nhieu-dong&before=", next.GetAttribute("href"));

        var second = await HtmlPage.GetAsync(app.Client, next.GetAttribute("href")!);
        var row = Assert.Single(second.QuerySelectorAll("#audit tbody tr"));
        Assert.Contains("Đăng xuất lần 1", row.TextContent);
        Assert.Null(second.QuerySelector("a#next"));
    }

    [Fact]
    public async Task An_unreadable_date_is_shown_as_an_error_in_vietnamese()
    {
        await using var app = await AppFactory.StartAsync();
        var page = await HtmlPage.GetAsync(app.Client, "/nhat-ky?from=30/02/2026");
        Assert.Contains("Ngày \"30/02/2026\" không hợp lệ", page.QuerySelector(".errors")!.TextContent);
        Assert.Null(page.QuerySelector("#audit"));
    }

    [Fact]
    public async Task Users_without_the_audit_permission_cannot_open_the_page()
    {
        await using var app = await AppFactory.StartAsync();
        using var organiser = await app.ClientForAsync("giang-vien", Role.TrainingOrganiser, "25");
        var response = await organiser.GetAsync("/nhat-ky");
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden ||
                    (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/loi/403", StringComparison.Ordinal)),
            $"Expected 403, got {(int)response.StatusCode}");
    }

    /// <summary>The app's own context outside a request: the system, stamping audit records with the app's fixed clock.</summary>
    private static Grassroots.Data.AppDb AppDbIn(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<Grassroots.Data.AppDb>();
}
