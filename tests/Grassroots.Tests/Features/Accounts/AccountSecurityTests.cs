using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grassroots.Features.Accounts;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Tests.Features.Accounts;

public sealed class AccountSecurityTests
{
    private static async Task<(HttpStatusCode Status, string? Code)> LoginAsync(TestApp app, string userName, string password)
    {
        using var anonymous = app.Anonymous;
        var response = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { userName, password });
        if (response.IsSuccessStatusCode) return (response.StatusCode, null);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response.StatusCode, body.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_until_an_administrator_unlocks_it()
    {
        await using var app = await AppFactory.StartAsync();
        var user = await app.CreateUserAsync("hay.quen", Role.CommuneOfficer, UnitBuilder.Xa);
        for (var i = 1; i <= 4; i++)
            Assert.Equal((HttpStatusCode.BadRequest, "invalid_credentials"), await LoginAsync(app, "hay.quen", "sai-mat-khau-" + i));
        Assert.Equal((HttpStatusCode.Forbidden, "locked_out"), await LoginAsync(app, "hay.quen", "sai-mat-khau-5"));

        // Now even the right password is refused, on the API and on the login page.
        Assert.Equal((HttpStatusCode.Forbidden, "locked_out"), await LoginAsync(app, "hay.quen", AppFactory.UserPassword));
        using var browser = app.Anonymous;
        var login = await HtmlPage.GetAsync(browser, "/dang-nhap");
        var response = await HtmlPage.SubmitAsync(browser, login, new Dictionary<string, string> { ["Input.UserName"] = "hay.quen", ["Input.Password"] = AppFactory.UserPassword });
        Assert.Contains("Tài khoản bị khóa tạm thời do nhập sai mật khẩu nhiều lần", await AccountSteps.ErrorsAsync(response));

        // The administrator sees the lock and lifts it.
        var page = await HtmlPage.GetAsync(app.Client, $"/quan-tri/nguoi-dung/{user.Id}");
        Assert.Contains("Khóa tạm thời", page.QuerySelector("#state")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await AccountSteps.PostUserFormAsync(app.Client, user.Id, "unlock")).StatusCode);
        Assert.Equal((HttpStatusCode.OK, null), await LoginAsync(app, "hay.quen", AppFactory.UserPassword));

        await using var db = app.Database.NewDb();
        var failures = await db.AuditEvents.Where(e => e.Action == "login_failed" && e.UserName == "hay.quen").Select(e => e.Summary!).ToListAsync();
        Assert.Equal(4, failures.Count(s => s.EndsWith("sai mật khẩu", StringComparison.Ordinal)));
        Assert.Equal(3, failures.Count(s => s.Contains("khóa tạm thời", StringComparison.Ordinal)));
        Assert.Equal("admin", (await db.AuditEvents.SingleAsync(e => e.Operation == "user_unlock")).UserName);
    }

    [Fact]
    public async Task A_bearer_token_lasts_one_hour_on_the_apps_clock()
    {
        var clock = new FixedClock();
        await using var app = await AppFactory.StartAsync(clock);
        Assert.Same(clock, app.Factory.Time);
        using var officer = await app.ClientForAsync("co.han", Role.CommuneOfficer, UnitBuilder.Xa);
        var url = $"/api/v1/residential-units?commune={UnitBuilder.Xa}";
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync(url)).StatusCode);

        ((FixedClock)app.Factory.Time).Now += TimeSpan.FromMinutes(59);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync(url)).StatusCode);

        ((FixedClock)app.Factory.Time).Now += TimeSpan.FromHours(2);
        var expired = await officer.GetAsync(url);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal("unauthorized", (await expired.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Users_change_their_own_password()
    {
        await using var app = await AppFactory.StartAsync();
        await app.CreateUserAsync("tu.doi", Role.UnitLeader, "25");
        using var browser = await AccountSteps.SignInWithPageAsync(app, "tu.doi", AppFactory.UserPassword);
        var form = await HtmlPage.GetAsync(browser, "/tai-khoan/mat-khau");
        Assert.Contains("tu.doi", form.QuerySelector("h1")!.TextContent);

        async Task<HttpResponseMessage> Submit(string current, string next, string confirm) =>
            await HtmlPage.SubmitAsync(browser, await HtmlPage.GetAsync(browser, "/tai-khoan/mat-khau"), new Dictionary<string, string>
            {
                ["Input.CurrentPassword"] = current, ["Input.NewPassword"] = next, ["Input.ConfirmPassword"] = confirm,
            });

        Assert.Contains("Mật khẩu hiện tại không đúng.", await AccountSteps.ErrorsAsync(await Submit("sai-hoan-toan-1", AccountSteps.NewPassword, AccountSteps.NewPassword)));
        Assert.Contains("Hai lần nhập mật khẩu mới không khớp nhau.", await AccountSteps.ErrorsAsync(await Submit(AppFactory.UserPassword, AccountSteps.NewPassword, "khac-han-nhau-1")));
        Assert.Contains("Mật khẩu phải có ít nhất 10 ký tự.", await AccountSteps.ErrorsAsync(await Submit(AppFactory.UserPassword, "ngan1", "ngan1")));

        var done = await Submit(AppFactory.UserPassword, AccountSteps.NewPassword, AccountSteps.NewPassword);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        // This browser stays signed in; the new password is the one that works from now on.
        var after = await HtmlPage.GetAsync(browser, "/tai-khoan/mat-khau");
        Assert.Equal("Đã đổi mật khẩu.", after.QuerySelector(".flash")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(app, "tu.doi", AccountSteps.NewPassword)).Status);
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_credentials"), await LoginAsync(app, "tu.doi", AppFactory.UserPassword));

        await using var db = app.Database.NewDb();
        var change = await db.AuditEvents.SingleAsync(e => e.Operation == "password_change");
        Assert.Equal("tu.doi", change.UserName);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_the_login_page_for_the_password_form()
    {
        await using var app = await AppFactory.StartAsync();
        using var anonymous = app.Anonymous;
        var response = await anonymous.GetAsync("/tai-khoan/mat-khau");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/dang-nhap", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Disabling_a_user_stops_their_existing_token_and_cookie_at_once()
    {
        await using var app = await AppFactory.StartAsync();
        using var token = await app.ClientForAsync("nghi.viec", Role.CommuneOfficer, UnitBuilder.Xa);
        using var browser = await AccountSteps.SignInWithPageAsync(app, "nghi.viec", AppFactory.UserPassword);
        var url = $"/api/v1/residential-units?commune={UnitBuilder.Xa}";
        Assert.Equal(HttpStatusCode.OK, (await token.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/xa/" + UnitBuilder.Xa + "/them")).StatusCode);

        var id = await AccountSteps.UserIdAsync(app, "nghi.viec");
        Assert.Equal(HttpStatusCode.Redirect, (await AccountSteps.PostUserFormAsync(app.Client, id, "disable")).StatusCode);
        var page = await HtmlPage.GetAsync(app.Client, $"/quan-tri/nguoi-dung/{id}");
        Assert.Equal("Đã vô hiệu hóa", page.QuerySelector("#state")!.TextContent);

        Assert.Equal(HttpStatusCode.Unauthorized, (await token.GetAsync(url)).StatusCode);
        var refused = await browser.GetAsync("/xa/" + UnitBuilder.Xa + "/them");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/dang-nhap", refused.Headers.Location!.ToString());
        Assert.Equal((HttpStatusCode.Forbidden, "account_disabled"), await LoginAsync(app, "nghi.viec", AppFactory.UserPassword));

        // Re-enabled, they sign in again.
        Assert.Equal(HttpStatusCode.Redirect, (await AccountSteps.PostUserFormAsync(app.Client, id, "enable")).StatusCode);
        Assert.Equal((HttpStatusCode.OK, null), await LoginAsync(app, "nghi.viec", AppFactory.UserPassword));
        await using var db = app.Database.NewDb();
        var trail = await db.AuditEvents.Where(e => e.EntityType == nameof(AppUser) && e.EntityId == id.ToString() && e.Action == "update" && e.Operation != null)
            .OrderBy(e => e.Id).Select(e => new { e.Operation, e.Changes, e.UserName }).ToListAsync();
        Assert.Equal(["user_disable", "user_enable"], trail.Select(e => e.Operation).ToList());
        Assert.Contains("\"IsDisabled\":[false,true]", trail[0].Changes);
        Assert.Contains("\"IsDisabled\":[true,false]", trail[1].Changes);
        Assert.All(trail, e => Assert.Equal("admin", e.UserName));
    }

    [Fact]
    public async Task A_user_disabled_by_another_process_is_refused_once_the_grants_kept_in_memory_expire()
    {
        var clock = new FixedClock();
        await using var app = await AppFactory.StartAsync(clock);
        using var token = await app.ClientForAsync("noi.khac", Role.CommuneOfficer, UnitBuilder.Xa);
        var url = $"/api/v1/residential-units?commune={UnitBuilder.Xa}";
        Assert.Equal(HttpStatusCode.OK, (await token.GetAsync(url)).StatusCode);

        // As another web node or the command line would: in the database, not through a save of this process.
        await using (var db = app.Database.NewDb())
            Assert.Equal(1, await db.Users.Where(u => u.UserName == "noi.khac").ExecuteUpdateAsync(s => s.SetProperty(u => u.IsDisabled, true)));

        clock.Now += SignedInUsers.Lifetime + TimeSpan.FromSeconds(1);
        Assert.Equal(HttpStatusCode.Unauthorized, (await token.GetAsync(url)).StatusCode);
    }
}
