using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Grassroots.Tests.Infrastructure;

/// <summary>Debian's Chromium driven by Playwright (its own browser download does not work here), shared by a test class.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"Browser tests need Debian's Chromium at {ChromiumPath}: apt-get install chromium (tools/test.sh does it).");
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
    }
}

/// <summary>The app served by Kestrel on a free loopback port, so that a real browser can reach it.</summary>
public sealed class LiveApp : IAsyncDisposable
{
    private LiveApp(TestDatabase database, AppFactory factory, string baseUrl)
    {
        Database = database;
        Factory = factory;
        BaseUrl = baseUrl;
    }

    public TestDatabase Database { get; }
    public AppFactory Factory { get; }
    public string BaseUrl { get; }

    public static async Task<LiveApp> StartAsync()
    {
        var database = await TestDatabase.CreateAsync();
        var factory = new AppFactory(database);
        factory.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LiveApp(database, factory, address.TrimEnd('/'));
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
    }
}
