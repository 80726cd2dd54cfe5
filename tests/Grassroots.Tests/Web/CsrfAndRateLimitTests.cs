using System.Net;
using System.Net.Http.Json;
using Grassroots.Features.Accounts;
using Grassroots.Tests.Infrastructure;

namespace Grassroots.Tests.Web;

/// <summary>
/// Cross-site request forgery: page forms need their antiforgery token; API writes need a bearer token, so a browser's
/// cookie alone changes nothing. Rate limits on logins and on the public catalog API.
/// </summary>
public sealed class CsrfAndRateLimitTests
{
    [Fact]
    public async Task A_page_form_posted_without_its_antiforgery_token_is_refused_and_changes_nothing()
    {
        await using var app = await SecurityTestApps.StartAsync();
        using var browser = app.Anonymous;
        await SecurityTestApps.SignInWithCookieAsync(browser);
        var form = await HtmlPage.GetAsync(browser, $"/xa/{UnitBuilder.Xa}/them");
        Assert.NotNull(form.QuerySelector("form[method=post] input[name=__RequestVerificationToken]"));

        var fields = new Dictionary<string, string>
        {
            ["Input.Name"] = "Thôn Giả Mạo",
            ["Input.Kind"] = "Village",
            ["Input.LocalLabel"] = "thôn",
            ["Input.HouseholdCount"] = "150",
            ["Input.EffectiveDate"] = "2025-07-01",
        };
        // What a forged cross-site form would send: the victim's cookies, but no token from the page.
        var forged = await browser.PostAsync($"/xa/{UnitBuilder.Xa}/them", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(0, await SecurityTestApps.UnitCountAsync(app, "Thôn Giả Mạo"));

        var wrongToken = await HtmlPage.SubmitAsync(browser, form, new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = "CfDJ8-not-a-token" });
        Assert.Equal(HttpStatusCode.BadRequest, wrongToken.StatusCode);
        Assert.Equal(0, await SecurityTestApps.UnitCountAsync(app, "Thôn Giả Mạo"));

        // The same form with the token it carries goes through.
        var genuine = await HtmlPage.SubmitAsync(browser, form, fields);
        Assert.Equal(HttpStatusCode.Redirect, genuine.StatusCode);
        Assert.Equal(1, await SecurityTestApps.UnitCountAsync(app, "Thôn Giả Mạo"));
    }

    [Fact]
    public async Task The_login_form_without_its_antiforgery_token_signs_nobody_in()
    {
        await using var app = await SecurityTestApps.StartAsync();
        using var browser = app.Anonymous;
        var response = await browser.PostAsync("/dang-nhap", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = AdminBootstrap.AdminUserName,
            ["Input.Password"] = AppFactory.AdminPassword,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("grassroots.auth", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_api_write_with_only_the_auth_cookie_is_unauthorized_and_changes_nothing()
    {
        await using var app = await AppFactory.StartAsync();
        using var browser = app.Anonymous;
        await SecurityTestApps.SignInWithCookieAsync(browser);
        // The cookie is good for reading …
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/api/v1/residential-units?commune={UnitBuilder.Xa}")).StatusCode);

        // … but not for writing: a cross-site page could make the browser send it, never a bearer header.
        var cookieOnly = await browser.PostAsync("/api/v1/residential-units", SecurityTestApps.NewUnit("Thôn Qua Cookie"));
        Assert.Equal(HttpStatusCode.Unauthorized, cookieOnly.StatusCode);
        Assert.Equal("unauthorized", await SecurityTestApps.ProblemCodeAsync(cookieOnly));
        var asForm = await browser.PostAsync("/api/v1/residential-units", new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "Thôn Qua Cookie" }));
        Assert.Equal(HttpStatusCode.Unauthorized, asForm.StatusCode);
        Assert.Equal(0, await SecurityTestApps.UnitCountAsync(app, "Thôn Qua Cookie"));

        var withToken = await app.Client.PostAsync("/api/v1/residential-units", SecurityTestApps.NewUnit("Thôn Qua Cookie"));
        Assert.Equal(HttpStatusCode.Created, withToken.StatusCode);
        Assert.Equal(1, await SecurityTestApps.UnitCountAsync(app, "Thôn Qua Cookie"));
    }

    [Fact]
    public async Task The_fourth_api_login_within_a_minute_answers_429()
    {
        await using var app = await SecurityTestApps.StartAsync(("Grassroots:RateLimits:LoginPerMinute", "3"));
        using var anonymous = app.Anonymous;
        var credentials = new { userName = AdminBootstrap.AdminUserName, password = AppFactory.AdminPassword };
        for (var i = 1; i <= 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/v1/auth/login", credentials)).StatusCode);

        var fourth = await anonymous.PostAsJsonAsync("/api/v1/auth/login", credentials);
        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.Equal("rate_limited", await SecurityTestApps.ProblemCodeAsync(fourth));
        Assert.False(fourth.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Login_page_posts_share_the_login_limit()
    {
        await using var app = await SecurityTestApps.StartAsync(("Grassroots:RateLimits:LoginPerMinute", "3"));
        using var anonymous = app.Anonymous;
        var page = await HtmlPage.GetAsync(anonymous, "/dang-nhap");
        // Use up the rest of the minute's logins over the API.
        var credentials = new { userName = AdminBootstrap.AdminUserName, password = "wrong-password-0" };
        var attempts = 0;
        HttpResponseMessage answer;
        do answer = await anonymous.PostAsJsonAsync("/api/v1/auth/login", credentials);
        while (answer.StatusCode != HttpStatusCode.TooManyRequests && ++attempts < 4);
        Assert.Equal(HttpStatusCode.TooManyRequests, answer.StatusCode);

        var post = await HtmlPage.SubmitAsync(anonymous, page, new Dictionary<string, string> { ["Input.UserName"] = AdminBootstrap.AdminUserName, ["Input.Password"] = AppFactory.AdminPassword });
        Assert.Equal(HttpStatusCode.TooManyRequests, post.StatusCode);
        Assert.Contains("Quá nhiều yêu cầu", await post.Content.ReadAsStringAsync());
        Assert.False(post.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("grassroots.auth", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_public_catalog_api_answers_429_past_its_limit()
    {
        await using var app = await SecurityTestApps.StartAsync(("Grassroots:RateLimits:PublicPerMinute", "3"));
        using var anonymous = app.Anonymous;
        for (var i = 1; i <= 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/v1/admin-units?level=province")).StatusCode);

        var fourth = await anonymous.GetAsync("/api/v1/admin-units/01");
        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.Equal("rate_limited", await SecurityTestApps.ProblemCodeAsync(fourth));
        SecurityHeadersTests.AssertSecurityHeaders(fourth, "429");
        // Other endpoints are not held up by the catalog's limit.
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health")).StatusCode);
    }
}
