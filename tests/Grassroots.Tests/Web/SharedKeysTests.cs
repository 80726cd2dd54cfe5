using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Grassroots.Features.Accounts;
using Grassroots.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Tests.Web;

/// <summary>
/// Several web nodes over one database share the data-protection keys kept in it: a cookie or bearer token issued by
/// one node is accepted by another.
/// </summary>
public sealed class SharedKeysTests
{
    [Fact]
    public async Task Two_nodes_over_one_database_accept_each_others_cookies_and_tokens()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.NewDb())
            Assert.Equal(0, await db.DataProtectionKeys.CountAsync());
        await using var nodeA = new AppFactory(database);
        await using var nodeB = new AppFactory(database);
        int unitId;
        await using (var db = database.NewDb())
            unitId = (await UnitBuilder.EstablishAsync(db, nodeA.Time, "Thôn Hai Máy")).Id;

        // Node A: the first start creates the administrator; sign in through the login page.
        using var browserA = nodeA.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var login = await SecurityTestApps.SignInWithCookieAsync(browserA);
        var cookie = string.Join("; ", login.Headers.GetValues("Set-Cookie")
            .Where(c => c.StartsWith("grassroots.auth", StringComparison.Ordinal))
            .Select(c => c.Split(';')[0]));
        var token = await TokenAsync(browserA);

        // Node B starts over the same database (and finds the administrator there).
        using var b = nodeB.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        Assert.Equal(HttpStatusCode.Redirect, (await b.GetAsync($"/thon/{unitId}")).StatusCode); // not signed in: to the login page

        using (var page = new HttpRequestMessage(HttpMethod.Get, $"/thon/{unitId}"))
        {
            page.Headers.Add("Cookie", cookie);
            var response = await b.SendAsync(page);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("Thôn Hai Máy", (await HtmlPage.ParseAsync(response)).QuerySelector("h1")!.TextContent);
        }
        using (var api = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/residential-units?commune={UnitBuilder.Xa}"))
        {
            api.Headers.Add("Cookie", cookie);
            var response = await b.SendAsync(api);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("Thôn Hai Máy", await response.Content.ReadAsStringAsync());
        }
        using (var api = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/residential-units/{unitId}"))
        {
            api.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            Assert.Equal(HttpStatusCode.OK, (await b.SendAsync(api)).StatusCode);
        }
        // And the other way round: a token from B works on A.
        using (var api = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/residential-units/{unitId}"))
        {
            api.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(b));
            Assert.Equal(HttpStatusCode.OK, (await browserA.SendAsync(api)).StatusCode);
        }

        // Both nodes used the one key in the database: neither made a key ring of its own.
        await using (var db = database.NewDb())
        {
            var key = Assert.Single(await db.DataProtectionKeys.ToListAsync());
            Assert.Contains("<key ", key.Xml);
        }
    }

    private static async Task<string> TokenAsync(HttpClient client)
    {
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = AdminBootstrap.AdminUserName, password = AppFactory.AdminPassword });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("accessToken").GetString()!;
    }
}
