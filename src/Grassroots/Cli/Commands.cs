using System.CommandLine;
using Grassroots.Data;
using Grassroots.Web;

namespace Grassroots.Cli;

/// <summary>The command-line verbs of the one executable: <c>grassroots &lt;verb&gt; …</c>. Each verb lives in Commands.&lt;Verb&gt;.cs.</summary>
public static partial class Commands
{
    private static readonly string[] Verbs = ["migrate", "import", "export", "demo", "seed", "users", "--help", "-h", "-?", "--version"];

    public static bool IsVerb(string[] args) => args.Length > 0 && Verbs.Contains(args[0]);

    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Grassroots — quản lý thôn, tổ dân phố và người đứng đầu");
        root.Add(Migrate());
        root.Add(Import());
        root.Add(Export());
        root.Add(Demo());
        root.Add(Seed());
        root.Add(Users());
        return await root.Parse(args).InvokeAsync();
    }

    /// <summary>The same services as the web app, without the web server: configuration from appsettings and environment.</summary>
    internal static ServiceProvider Services()
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        AppSetup.AddServices(services, configuration);
        return services.BuildServiceProvider();
    }

    internal static async Task InitializeAsync(IServiceProvider services, CancellationToken ct) =>
        await DatabaseInitializer.InitializeAsync(services, services.GetRequiredService<ILoggerFactory>().CreateLogger("grassroots"), ct);
}
