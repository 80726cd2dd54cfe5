using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Grassroots.Tests.Infrastructure;

/// <summary>The real app over a test database, with a fixed clock; no demo data.</summary>
public sealed class AppFactory(TestDatabase database, TimeProvider? time = null) : WebApplicationFactory<Program>
{
    public TimeProvider Time { get; } = time ?? new FixedClock();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Grassroots:Database:Provider", TestDatabase.Provider.ToString().ToLowerInvariant());
        builder.UseSetting("Grassroots:Database:ConnectionString", database.ConnectionString);
        builder.UseSetting("Grassroots:Demo:Seed", "false");
        builder.ConfigureServices(s => s.AddSingleton(Time));
    }

    /// <summary>A new app over a new database; dispose both with the returned pair.</summary>
    public static async Task<TestApp> StartAsync(TimeProvider? time = null)
    {
        var database = await TestDatabase.CreateAsync();
        return new TestApp(database, new AppFactory(database, time));
    }
}

public sealed class TestApp(TestDatabase database, AppFactory factory) : IAsyncDisposable
{
    public TestDatabase Database { get; } = database;
    public AppFactory Factory { get; } = factory;
    public HttpClient Client { get; } = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
    }
}
