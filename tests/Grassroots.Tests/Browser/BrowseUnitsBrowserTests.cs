using Grassroots.Features.Units;
using Grassroots.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Grassroots.Tests.Browser;

/// <summary>End to end in a real browser: browse province → commune → units, change the as-of date, upload a broken import.</summary>
public sealed class BrowseUnitsBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Browse_change_date_and_see_import_errors()
    {
        await using var app = await LiveApp.StartAsync();
        await using (var db = app.Database.NewDb())
        {
            var time = app.Factory.Time;
            var a = await UnitBuilder.EstablishAsync(db, time, "Thôn Đồng Xuân", households: 150);
            var b = await UnitBuilder.EstablishAsync(db, time, "Thôn Bãi Sỏi", households: 110);
            await new MergeUnits(db, time).RunAsync(new MergeUnitsInput(
                [new(a.Id, a.Version, 70m), new(b.Id, b.Version, 80m)], new DateOnly(2026, 3, 1), true, NewName: "Thôn Xuân Sỏi"), CancellationToken.None);
        }
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "vi-VN" });
        var page = await context.NewPageAsync();

        // Sign in as the administrator through the login page.
        await page.GotoAsync(app.BaseUrl + "/dang-nhap");
        await page.GetByLabel("Tên đăng nhập").FillAsync(Grassroots.Features.Accounts.AdminBootstrap.AdminUserName);
        await page.GetByLabel("Mật khẩu").FillAsync(AppFactory.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();

        await page.GotoAsync(app.BaseUrl + "/");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Tỉnh, thành phố");
        await page.GetByRole(AriaRole.Link, new() { Name = "Tỉnh Phú Thọ", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Tỉnh Phú Thọ");
        await Assertions.Expect(page.Locator("#communes tbody tr")).ToHaveCountAsync(148);

        await page.GetByRole(AriaRole.Link, new() { Name = "Xã Đà Bắc", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Xã Đà Bắc");
        await Assertions.Expect(page.Locator("#units tbody tr td a")).ToHaveTextAsync(["Thôn Xuân Sỏi"]);

        // Before the merge the commune had the two old villages.
        await page.Locator("#asOf").FillAsync("2026-02-28");
        await page.GetByRole(AriaRole.Button, new() { Name = "Xem" }).ClickAsync();
        await Assertions.Expect(page.Locator("h2")).ToContainTextAsync("28/02/2026");
        await Assertions.Expect(page.Locator("#units tbody tr td a")).ToHaveTextAsync(["Thôn Bãi Sỏi", "Thôn Đồng Xuân"]);

        // Before the 2025 reform the code 04831 named Thị trấn Đà Bắc.
        await page.Locator("#asOf").FillAsync("2025-06-30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Xem" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Thị trấn Đà Bắc");

        // A broken import file: every row's errors at once, nothing written.
        await page.GetByRole(AriaRole.Link, new() { Name = "Nhập từ Excel" }).First.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Nhập danh sách");
        var broken = "Mã xã/phường,Tên thôn/tổ dân phố,Loại,Số hộ\n04831,Thôn Mới,Thôn,hai trăm\n99999,Thôn Lạ,Thôn,100\n";
        await page.Locator("#file").SetInputFilesAsync(new FilePayload
        {
            Name = "danh-sach.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(broken),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Chỉ kiểm tra (không ghi)" }).ClickAsync();
        await Assertions.Expect(page.Locator("#import-result")).ToContainTextAsync("Không có dòng nào được ghi");
        var rows = page.Locator("#import-errors tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("Số hộ");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("99999");
        await using var check = app.Database.NewDb();
        Assert.Equal(3, check.ResidentialUnits.Count());
    }
}
