using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Features.Training;
using Grassroots.Features.Units;
using Grassroots.Tests.Features.Training;
using Grassroots.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Grassroots.Tests.Browser;

/// <summary>
/// Attendance end to end in Chromium: a leader checks in on a phone with the address the room's QR code encodes, and an
/// organiser takes the roll on the phone-first roll call page.
/// </summary>
public sealed class AttendanceBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly BrowserNewContextOptions Phone = new()
    {
        Locale = "vi-VN", ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 2,
    };

    private static async Task CreateUserAsync(LiveApp app, string userName, Role role, string? adminUnitCode = null, int? unitId = null, int? personId = null)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        int? adminUnitId = adminUnitCode is null ? null : (await db.AdminUnits.ValidOn(FixedClock.DefaultToday).SingleAsync(u => u.Code == adminUnitCode)).Id;
        var user = new AppUser { UserName = userName, FullName = userName, CreatedAt = DateTime.UtcNow, PersonId = personId };
        user.Grants.Add(new UserGrant { Role = role, AdminUnitId = adminUnitId, ResidentialUnitId = unitId, CreatedAt = DateTime.UtcNow });
        var result = await users.CreateAsync(user, AppFactory.UserPassword);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    private static async Task SignInAsync(IPage page, LiveApp app, string userName)
    {
        await page.GotoAsync(app.BaseUrl + "/dang-nhap");
        await page.GetByLabel("Tên đăng nhập").FillAsync(userName);
        await page.GetByLabel("Mật khẩu").FillAsync(AppFactory.UserPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Đăng xuất" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_leader_checks_in_on_a_phone_with_the_address_of_the_rooms_qr_code_and_a_second_time_is_told_so()
    {
        await using var app = await LiveApp.StartAsync();
        AttendanceScene scene;
        await using (var db = app.Database.NewDb()) scene = await AttendanceScene.CreateAsync(db, app.Factory.Time, "Lê Văn Anh");
        await CreateUserAsync(app, "so.noivu", Role.ProvinceOfficer, "25");
        await CreateUserAsync(app, "le.van.anh", Role.UnitLeader, unitId: scene.Heads[0].UnitId, personId: scene.Heads[0].PersonId);
        AttendanceScene.At(app.Factory.Time, 7, 38);

        // The organiser's projector screen: its link is what the QR code encodes.
        await using var projector = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "vi-VN" });
        var screen = await projector.NewPageAsync();
        await SignInAsync(screen, app, "so.noivu");
        await screen.GotoAsync($"{app.BaseUrl}/dao-tao/buoi/{scene.Session.Id}/ma-diem-danh");
        await Assertions.Expect(screen.Locator("#qr svg")).ToBeVisibleAsync();
        var checkInUrl = await screen.Locator("#check-in-link").GetAttributeAsync("href");
        Assert.Equal($"{app.BaseUrl}/diem-danh/{scene.Session.Id}?ma={AttendanceScene.CodeNow(scene.Session, app.Factory.Time)}", checkInUrl);
        await Assertions.Expect(screen.Locator("#checked-in")).ToContainTextAsync("Đã điểm danh: 0 / 1 học viên");

        await using var phone = await browser.Browser.NewContextAsync(Phone);
        var page = await phone.NewPageAsync();
        await SignInAsync(page, app, "le.van.anh");
        await page.GotoAsync(checkInUrl!);
        await Assertions.Expect(page.Locator("#session-topic")).ToHaveTextAsync("Kỹ năng hòa giải ở cơ sở");
        await Assertions.Expect(page.Locator("#person-name")).ToHaveTextAsync("Lê Văn Anh");
        var button = page.GetByRole(AriaRole.Button, new() { Name = "Xác nhận có mặt" });
        var box = await button.BoundingBoxAsync();
        Assert.True(box!.Width >= 200, $"The button is {box.Width} px wide on a 390 px screen.");
        await button.TapAsync();
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("Đã ghi nhận bạn có mặt lúc 07:38. Cảm ơn bạn!");

        // Scanning the code again: already checked in, nothing to confirm.
        await page.GotoAsync(checkInUrl!);
        await Assertions.Expect(page.Locator("#check-in-status")).ToContainTextAsync("Bạn đã điểm danh buổi này rồi: có mặt lúc 07:38.");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Xác nhận có mặt" })).ToHaveCountAsync(0);
        var scrolls = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(scrolls, "The check-in page scrolls sideways on a phone.");

        await screen.ReloadAsync();
        await Assertions.Expect(screen.Locator("#checked-in")).ToContainTextAsync("Đã điểm danh: 1 / 1 học viên");
        await using var check = app.Database.NewDb();
        var mark = await check.Attendances.AsNoTracking().SingleAsync(a => a.SessionId == scene.Session.Id);
        Assert.Equal((AttendanceStatus.Present, AttendanceMethod.SelfCheckIn, (int?)scene.Heads[0].PersonId), (mark.Status, mark.Method, mark.PersonId));
    }

    [Fact]
    public async Task An_organiser_takes_the_roll_on_a_phone_and_the_marks_persist()
    {
        await using var app = await LiveApp.StartAsync();
        AttendanceScene scene;
        await using (var db = app.Database.NewDb())
            scene = await AttendanceScene.CreateAsync(db, app.Factory.Time, "Lê Văn Anh", "Nguyễn Thị Ánh", "Phạm Văn Bảo", "Đinh Thị Cúc");
        await CreateUserAsync(app, "so.noivu", Role.ProvinceOfficer, "25");
        await using var phone = await browser.Browser.NewContextAsync(Phone);
        var page = await phone.NewPageAsync();
        await SignInAsync(page, app, "so.noivu");

        await page.GotoAsync($"{app.BaseUrl}/dao-tao/buoi/{scene.Session.Id}/diem-danh");
        await Assertions.Expect(page.Locator("#roll .name")).ToHaveTextAsync(["Lê Văn Anh", "Nguyễn Thị Ánh", "Phạm Văn Bảo", "Đinh Thị Cúc"]);
        var e = scene.Enrolments;
        await page.Locator($"#row-{e[1].Id} label.mark-late").TapAsync();
        await page.Locator($"#row-{e[2].Id} label.mark-absent").TapAsync();
        await page.Locator($"#row-{e[3].Id} label.mark-excused").TapAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu điểm danh (4 người)" }).TapAsync();
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("Đã lưu điểm danh: 4 ghi mới, 0 thay đổi. Có mặt 1, đến muộn 1, vắng có phép 1, vắng 1.");

        await page.ReloadAsync();
        await Assertions.Expect(page.Locator($"#row-{e[0].Id} input[value=Present]")).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator($"#row-{e[1].Id} input[value=Late]")).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator($"#row-{e[2].Id} input[value=Absent]")).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator($"#row-{e[3].Id} input[value=Excused]")).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("#counts")).ToContainTextAsync("Chưa điểm danh 0");

        await using var check = app.Database.NewDb();
        var marks = await check.Attendances.AsNoTracking().Where(a => a.SessionId == scene.Session.Id).ToDictionaryAsync(a => a.EnrolmentId, a => (a.Status, a.Method));
        Assert.Equal(
        [
            (AttendanceStatus.Present, AttendanceMethod.RollCall), (AttendanceStatus.Late, AttendanceMethod.RollCall),
            (AttendanceStatus.Absent, AttendanceMethod.RollCall), (AttendanceStatus.Excused, AttendanceMethod.RollCall),
        ], e.Select(x => marks[x.Id]));
    }
}
