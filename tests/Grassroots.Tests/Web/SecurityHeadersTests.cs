using System.Net;
using System.Text.Json;
using Grassroots.Features.Accounts;
using Grassroots.Tests.Infrastructure;
using Grassroots.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Grassroots.Tests.Web;

/// <summary>Security headers on every kind of response; HTTPS redirect and HSTS when enabled; forwarded headers only from trusted proxies.</summary>
public sealed class SecurityHeadersTests
{
    private const string Client = "203.0.113.7";

    [Fact]
    public async Task Pages_api_error_pages_static_files_and_the_openapi_document_carry_the_security_headers()
    {
        await using var app = await AppFactory.StartAsync();
        using var anonymous = app.Anonymous;
        var responses = new Dictionary<string, HttpResponseMessage>
        {
            ["page"] = await app.Client.GetAsync("/"),
            ["login page"] = await anonymous.GetAsync("/dang-nhap"),
            ["api"] = await app.Client.GetAsync($"/api/v1/residential-units?commune={UnitBuilder.Xa}"),
            ["api problem"] = await app.Client.GetAsync("/api/v1/residential-units/987654"),
            ["error page"] = await app.Client.GetAsync("/khong-co-trang-nay"),
            ["redirect to login"] = await anonymous.GetAsync($"/xa/{UnitBuilder.Xa}/them"),
            ["static file"] = await anonymous.GetAsync("/css/site.css"),
            ["openapi"] = await anonymous.GetAsync("/openapi/v1.json"),
        };
        Assert.Equal(HttpStatusCode.OK, responses["page"].StatusCode);
        Assert.Equal(HttpStatusCode.OK, responses["api"].StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, responses["api problem"].StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, responses["error page"].StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, responses["redirect to login"].StatusCode);
        Assert.Equal(HttpStatusCode.OK, responses["static file"].StatusCode);
        foreach (var (what, response) in responses)
            AssertSecurityHeaders(response, what);

        // The OpenAPI document is still served (and is JSON).
        Assert.Equal(HttpStatusCode.OK, responses["openapi"].StatusCode);
        using var openApi = JsonDocument.Parse(await responses["openapi"].Content.ReadAsStringAsync());
        Assert.True(openApi.RootElement.TryGetProperty("paths", out var paths) && paths.TryGetProperty("/api/v1/residential-units", out _));
    }

    [Fact]
    public async Task Pages_have_no_inline_script_style_or_event_handlers_that_the_policy_would_block()
    {
        await using var app = await AppFactory.StartAsync();
        int unitId;
        await using (var db = app.Database.NewDb())
            unitId = (await UnitBuilder.EstablishAsync(db, app.Factory.Time, "Thôn Kiểm Tra")).Id;
        using var anonymous = app.Anonymous;
        var pages = new List<(string Url, AngleSharp.Dom.IDocument Page)>
        {
            ("/dang-nhap", await HtmlPage.GetAsync(anonymous, "/dang-nhap")),
        };
        foreach (var url in new[] { "/", "/tinh/25", $"/xa/{UnitBuilder.Xa}", $"/xa/{UnitBuilder.Xa}/them", $"/thon/{unitId}", $"/thon/{unitId}/sua", "/thon-to-dan-pho/nhap" })
            pages.Add((url, await HtmlPage.GetAsync(app.Client, url)));

        var findings = new List<string>();
        foreach (var (url, page) in pages)
        {
            findings.AddRange(page.QuerySelectorAll("script:not([src]), style").Select(e => $"{url}: inline <{e.LocalName}>"));
            foreach (var element in page.QuerySelectorAll("*"))
            {
                // The validation-summary tag helper's empty <li style="display:none"> in a valid summary: the policy drops
                // that style, so the stylesheet must hide .validation-summary-valid itself.
                if (element.LocalName == "li" && element.GetAttribute("style") == "display:none" && element.Closest(".validation-summary-valid") is not null)
                    continue;
                findings.AddRange(element.Attributes
                    .Where(a => a.Name == "style" || a.Name.StartsWith("on", StringComparison.Ordinal))
                    .Select(a => $"{url}: <{element.LocalName} {a.Name}=\"…\">"));
            }
        }
        Assert.True(findings.Count == 0, string.Join("\n", findings));
    }

    [Fact]
    public async Task With_https_enabled_plain_http_is_redirected_and_https_answers_carry_hsts()
    {
        await using var app = await SecurityTestApps.StartAsync(("Grassroots:Https:Enabled", "true"));
        using var anonymous = app.Anonymous;

        var plain = await anonymous.GetAsync("http://grassroots.example.vn/dang-nhap?returnUrl=%2F");
        Assert.Equal(HttpStatusCode.PermanentRedirect, plain.StatusCode);
        Assert.Equal("https://grassroots.example.vn/dang-nhap?returnUrl=%2F", plain.Headers.Location!.ToString());

        var secure = await anonymous.GetAsync("https://grassroots.example.vn/dang-nhap");
        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        Assert.Equal("max-age=31536000", Header(secure, "Strict-Transport-Security"));
        var api = await anonymous.GetAsync("https://grassroots.example.vn/api/v1/admin-units?level=province");
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Equal("max-age=31536000", Header(api, "Strict-Transport-Security"));
    }

    [Fact]
    public async Task Without_https_enabled_there_is_no_redirect_and_no_hsts()
    {
        await using var app = await SecurityTestApps.StartAsync();
        using var anonymous = app.Anonymous;
        var plain = await anonymous.GetAsync("http://grassroots.example.vn/dang-nhap");
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Null(Header(plain, "Strict-Transport-Security"));
        var secure = await anonymous.GetAsync("https://grassroots.example.vn/dang-nhap");
        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        Assert.Null(Header(secure, "Strict-Transport-Security"));
    }

    [Fact]
    public async Task Forwarded_headers_are_ignored_unless_a_proxy_is_configured()
    {
        await using var app = await AppFactory.StartAsync(configure: f => f.Settings["Grassroots:Https:Enabled"] = "false");
        Assert.Null(await AuditedAddressOfAWriteAsync(app));

        // A client claiming to have come over HTTPS is still redirected when no proxy is trusted.
        await using var https = await SecurityTestApps.StartAsync(("Grassroots:Https:Enabled", "true"));
        using var anonymous = https.Anonymous;
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://grassroots.example.vn/dang-nhap");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", Client);
        var response = await anonymous.SendAsync(request);
        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
    }

    [Fact]
    public async Task With_a_trusted_proxy_on_the_same_host_the_audit_trail_records_the_clients_address_and_scheme()
    {
        await using var app = await AppFactory.StartAsync(configure: f => f.Settings["Grassroots:Proxy:TrustAll"] = "true");
        Assert.Equal(Client, await AuditedAddressOfAWriteAsync(app));

        await using var https = await SecurityTestApps.StartAsync(("Grassroots:Https:Enabled", "true"), ("Grassroots:Proxy:TrustAll", "true"));
        using var anonymous = https.Anonymous;
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://grassroots.example.vn/dang-nhap");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", Client);
        var response = await anonymous.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("max-age=31536000", Header(response, "Strict-Transport-Security"));
    }

    [Fact]
    public async Task Known_proxies_are_trusted_and_other_senders_are_not()
    {
        await using var app = await SecurityTestApps.StartAsync(("Grassroots:Proxy:KnownProxies:0", "10.0.0.5"), ("Grassroots:Proxy:KnownProxies:1", "10.0.0.6"));
        Assert.Equal([IPAddress.Parse("10.0.0.5"), IPAddress.Parse("10.0.0.6")], app.Factory.Services.GetRequiredService<ProxySettings>().KnownProxies);

        async Task<(string? RemoteIp, string Scheme)> SendFromAsync(string sender)
        {
            var context = await app.Factory.Server.SendAsync(c =>
            {
                c.Request.Method = "GET";
                c.Request.Path = "/health";
                c.Connection.RemoteIpAddress = IPAddress.Parse(sender);
                c.Request.Headers["X-Forwarded-For"] = Client;
                c.Request.Headers["X-Forwarded-Proto"] = "https";
            });
            Assert.Equal(200, context.Response.StatusCode);
            return (context.Connection.RemoteIpAddress?.ToString(), context.Request.Scheme);
        }

        Assert.Equal((Client, "https"), await SendFromAsync("10.0.0.5"));
        Assert.Equal((Client, "https"), await SendFromAsync("10.0.0.6"));
        Assert.Equal(("10.0.0.9", "http"), await SendFromAsync("10.0.0.9"));
        Assert.Equal(("127.0.0.1", "http"), await SendFromAsync("127.0.0.1")); // loopback is not trusted unless listed
    }

    [Fact]
    public void A_known_proxy_that_is_not_an_address_stops_the_start()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Grassroots:Proxy:KnownProxies"] = "10.0.0.5, proxy.local" }).Build();
        var error = Assert.Throws<InvalidOperationException>(() => ProxySettings.From(config));
        Assert.Contains("proxy.local", error.Message);
    }

    /// <summary>Establishes a unit over the API claiming (X-Forwarded-For) to come from <see cref="Client"/>; the address the audit trail recorded for it.</summary>
    private static async Task<string?> AuditedAddressOfAWriteAsync(TestApp app)
    {
        long before;
        await using (var db = app.Database.NewDb())
            before = await db.AuditEvents.IgnoreQueryFilters().MaxAsync(e => (long?)e.Id) ?? 0;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/residential-units") { Content = SecurityTestApps.NewUnit("Thôn Địa Chỉ") };
        request.Headers.Add("X-Forwarded-For", Client);
        var response = await app.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await using (var db = app.Database.NewDb())
        {
            var addresses = await db.AuditEvents.IgnoreQueryFilters().Where(e => e.Id > before).Select(e => e.IpAddress).Distinct().ToListAsync();
            return Assert.Single(addresses);
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;

    internal static void AssertSecurityHeaders(HttpResponseMessage response, string what)
    {
        var csp = Header(response, "Content-Security-Policy");
        Assert.True(csp == SecurityHeaders.ContentSecurityPolicy, $"{what}: Content-Security-Policy is '{csp}'");
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.True(Header(response, "X-Content-Type-Options") == "nosniff", $"{what}: X-Content-Type-Options");
        Assert.True(Header(response, "Referrer-Policy") == "strict-origin-when-cross-origin", $"{what}: Referrer-Policy");
        Assert.True(Header(response, "X-Frame-Options") == "DENY", $"{what}: X-Frame-Options");
        Assert.True(Header(response, "Cross-Origin-Opener-Policy") == "same-origin", $"{what}: Cross-Origin-Opener-Policy");
        var permissions = Header(response, "Permissions-Policy") ?? "";
        foreach (var feature in new[] { "camera=()", "microphone=()", "geolocation=()" })
            Assert.True(permissions.Contains(feature, StringComparison.Ordinal), $"{what}: Permissions-Policy '{permissions}' lacks {feature}");
    }
}

/// <summary>Apps with particular settings for the web-security tests, and what those tests send.</summary>
internal static class SecurityTestApps
{
    /// <summary>A new app over a new database with the given settings; its <see cref="TestApp.Client"/> is not signed in.</summary>
    public static async Task<TestApp> StartAsync(params (string Key, string Value)[] settings)
    {
        var database = await TestDatabase.CreateAsync();
        var factory = new AppFactory(database);
        foreach (var (key, value) in settings) factory.Settings[key] = value;
        return new TestApp(database, factory);
    }

    /// <summary>Signs in through the login page (/dang-nhap), so that <paramref name="browser"/> carries the auth cookie; the login answer.</summary>
    public static async Task<HttpResponseMessage> SignInWithCookieAsync(HttpClient browser, string userName = AdminBootstrap.AdminUserName, string password = AppFactory.AdminPassword)
    {
        var login = await HtmlPage.GetAsync(browser, "/dang-nhap");
        var response = await HtmlPage.SubmitAsync(browser, login, new Dictionary<string, string> { ["Input.UserName"] = userName, ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("grassroots.auth", StringComparison.Ordinal));
        return response;
    }

    public static HttpContent NewUnit(string name, string commune = UnitBuilder.Xa) =>
        System.Net.Http.Json.JsonContent.Create(new { communeCode = commune, name, kind = "village", localLabel = "thôn", effectiveDate = "2025-07-01", householdCount = 120 });

    public static async Task<string?> ProblemCodeAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
    }

    public static async Task<int> UnitCountAsync(TestApp app, string name)
    {
        await using var db = app.Database.NewDb();
        return await db.ResidentialUnitPeriods.IgnoreQueryFilters().Where(p => p.Name == name).Select(p => p.UnitId).Distinct().CountAsync();
    }
}
