using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Features.People;
using Grassroots.Features.Units;
using Grassroots.Tests.Features.People;
using Grassroots.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Position = Grassroots.Features.People.Position;

namespace Grassroots.Tests.Browser;

/// <summary>End to end in a real browser: a commune officer finds a head without diacritics, goes to the unit and records a deputy.</summary>
public sealed class RecordDeputyBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_commune_officer_finds_a_head_and_records_a_deputy_aged_20_with_the_warning()
    {
        await using var app = await LiveApp.StartAsync();
        Tenure head;
        await using (var db = app.Database.NewDb())
        {
            var time = app.Factory.Time;
            var unit = await UnitBuilder.EstablishAsync(db, time, "Thôn Đồng Xuân");
            head = await PersonPagesTests.RecordAsync(db, time, unit, "Nguyễn Văn Ân", Position.UnitHead);
            await PersonPagesTests.RecordAsync(db, time, await UnitBuilder.EstablishAsync(db, time, "Thôn Bãi Sỏi"), "Nguyễn Văn Bảo", Position.UnitHead);
        }
        await CreateOfficerAsync(app, "xa-da-bac");
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "vi-VN" });
        var page = await context.NewPageAsync();

        await page.GotoAsync(app.BaseUrl + "/dang-nhap");
        await page.GetByLabel("Tên đăng nhập").FillAsync("xa-da-bac");
        await page.GetByLabel("Mật khẩu").FillAsync(AppFactory.UserPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Tỉnh, thành phố");

        // Search the head by name without diacritics.
        await page.GotoAsync(app.BaseUrl + "/nguoi");
        await page.GetByLabel("Họ tên hoặc số căn cước").FillAsync("nguyen van an");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tìm" }).ClickAsync();
        await Assertions.Expect(page.Locator("#results tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#results tbody tr")).ToContainTextAsync("Trưởng thôn Thôn Đồng Xuân");

        // The person, then the unit.
        await page.GetByRole(AriaRole.Link, new() { Name = "Nguyễn Văn Ân", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Nguyễn Văn Ân");
        await Assertions.Expect(page.Locator("#national-id")).ToHaveTextAsync("chưa có");
        await page.Locator("#tenures").GetByRole(AriaRole.Link, new() { Name = "Thôn Đồng Xuân" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Thôn Đồng Xuân");
        await Assertions.Expect(page.Locator("#leaders")).ToContainTextAsync("Nguyễn Văn Ân");

        // Record a new deputy, aged 20 when recognised.
        await page.GetByRole(AriaRole.Link, new() { Name = "Thêm chức danh" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Thêm chức danh");
        await page.GetByLabel("Họ và tên").FillAsync("Lò Thị Hoa");
        await page.GetByLabel("Giới tính").SelectOptionAsync(new SelectOptionValue { Label = "Nữ" });
        await page.GetByLabel("Ngày sinh").FillAsync("15/03/2006");
        await page.GetByLabel("Dân tộc").SelectOptionAsync(new SelectOptionValue { Label = "Thái" });
        await page.Locator("#Input_Position").SelectOptionAsync(new SelectOptionValue { Label = "Phó Trưởng thôn" });
        await page.GetByLabel("Hình thức").SelectOptionAsync(new SelectOptionValue { Label = "Công nhận" });
        await page.Locator("#Input_TermLabel").FillAsync("2025-2030");
        await page.GetByLabel("Ngày bắt đầu").FillAsync("01/06/2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Thôn Đồng Xuân");
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("Đã ghi nhận Lò Thị Hoa giữ chức danh Phó Trưởng thôn");
        await Assertions.Expect(page.Locator(".warnings[role=status]")).ToContainTextAsync("R-ELIG-02");
        await Assertions.Expect(page.Locator("#leaders")).ToContainTextAsync("Lò Thị Hoa");
        await Assertions.Expect(page.Locator("#leaders .badge.warn")).ToHaveTextAsync("R-ELIG-02");

        await using var check = app.Database.NewDb();
        var deputy = await check.Tenures.Include(t => t.Person).SingleAsync(t => t.Position == Position.DeputyHead);
        Assert.Equal(("Lò Thị Hoa", "03", head.UnitId), (deputy.Person!.FullName, deputy.Person.EthnicityCode!, deputy.UnitId));
    }

    private static async Task CreateOfficerAsync(LiveApp app, string userName)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var commune = await db.AdminUnits.ValidOn(FixedClock.DefaultToday).SingleAsync(u => u.Code == UnitBuilder.Xa);
        var user = new AppUser { UserName = userName, FullName = "Công chức xã Đà Bắc", CreatedAt = DateTime.UtcNow };
        user.Grants.Add(new UserGrant { Role = Role.CommuneOfficer, AdminUnitId = commune.Id, CreatedAt = DateTime.UtcNow });
        var result = await users.CreateAsync(user, AppFactory.UserPassword);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
