using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Features.Units;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Grassroots.Tests.Infrastructure;

/// <summary>The real app over a test database, with a fixed clock; no demo data; an administrator with a known password.</summary>
public sealed class AppFactory(TestDatabase database, TimeProvider? time = null) : WebApplicationFactory<Program>
{
    public const string AdminPassword = "test-admin-password-1";
    public const string UserPassword = "test-user-password-1";

    public TimeProvider Time { get; } = time ?? new FixedClock();

    /// <summary>Extra settings for a test (e.g. lower rate limits).</summary>
    public Dictionary<string, string> Settings { get; } = [];

    /// <summary>Extra service registrations for a test (e.g. an interceptor that counts SQL commands).</summary>
    public List<Action<IServiceCollection>> ExtraServices { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Grassroots:Database:Provider", TestDatabase.Provider.ToString().ToLowerInvariant());
        builder.UseSetting("Grassroots:Database:ConnectionString", database.ConnectionString);
        builder.UseSetting("Grassroots:Demo:Seed", "false");
        builder.UseSetting("Grassroots:Admin:Password", AdminPassword);
        builder.UseSetting("Grassroots:RateLimits:LoginPerMinute", "1000");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureServices(s =>
        {
            s.AddSingleton(Time);
            foreach (var add in ExtraServices) add(s);
        });
    }

    /// <summary>A new app over a new database; <see cref="TestApp.Client"/> is signed in as the administrator.</summary>
    public static async Task<TestApp> StartAsync(TimeProvider? time = null, Action<AppFactory>? configure = null)
    {
        var database = await TestDatabase.CreateAsync();
        var factory = new AppFactory(database, time);
        configure?.Invoke(factory);
        var app = new TestApp(database, factory);
        app.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(AdminBootstrap.AdminUserName, AdminPassword));
        return app;
    }
}

public sealed class TestApp(TestDatabase database, AppFactory factory) : IAsyncDisposable
{
    public TestDatabase Database { get; } = database;
    public AppFactory Factory { get; } = factory;

    /// <summary>Signed in as the administrator (bearer token), for pages and API alike.</summary>
    public HttpClient Client { get; } = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Nobody signed in.</summary>
    public HttpClient Anonymous => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public async Task<string> TokenAsync(string userName, string password)
    {
        using var anonymous = Anonymous;
        var response = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { userName, password });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("accessToken").GetString()!;
    }

    /// <summary>Creates a user holding one role over a scope: a province or commune code, a residential unit, or (neither) the country.</summary>
    public async Task<AppUser> CreateUserAsync(string userName, Role role, string? adminUnitCode = null, int? residentialUnitId = null)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        int? adminUnitId = null;
        if (adminUnitCode is not null)
            adminUnitId = (await db.AdminUnits.ValidOn(FixedClock.DefaultToday).SingleAsync(u => u.Code == adminUnitCode)).Id;
        var user = new AppUser { UserName = userName, FullName = userName, CreatedAt = DateTime.UtcNow };
        user.Grants.Add(new UserGrant { Role = role, AdminUnitId = adminUnitId, ResidentialUnitId = residentialUnitId, CreatedAt = DateTime.UtcNow });
        var result = await users.CreateAsync(user, AppFactory.UserPassword);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        return user;
    }

    /// <summary>A client signed in (bearer token) as a new user with the given role and scope.</summary>
    public async Task<HttpClient> ClientForAsync(string userName, Role role, string? adminUnitCode = null, int? residentialUnitId = null)
    {
        await CreateUserAsync(userName, role, adminUnitCode, residentialUnitId);
        var client = Anonymous;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(userName, AppFactory.UserPassword));
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
    }
}
