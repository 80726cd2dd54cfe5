using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace Grassroots.Bench;

/// <summary>The app's own executable (built beside this program) as a child process on a port of its own.</summary>
public sealed class WebApp : IAsyncDisposable
{
    private readonly Process _process;

    private WebApp(Process process, Uri address, double startupMs) => (_process, Address, StartupMs) = (process, address, startupMs);

    public Uri Address { get; }
    public double StartupMs { get; }

    /// <summary>The app's own executable, built beside this program (it references the app's project).</summary>
    public static string Executable => Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "grassroots.exe" : "grassroots");

    /// <summary>The administrator's password the first start sets (and later benchmarks sign in with).</summary>
    public const string Password = "bench-admin-password-1";

    /// <summary>The settings of the app on the embedded SQLite default in <paramref name="data"/>.</summary>
    public static Dictionary<string, string> Sqlite(string data, bool seed) => new()
    {
        ["Grassroots__DataDirectory"] = data,
        ["Grassroots__Demo__Seed"] = seed ? "true" : "false",
    };

    /// <summary>The settings of the app on PostgreSQL, without the demo province.</summary>
    public static Dictionary<string, string> Postgres(string connectionString) => new()
    {
        ["Grassroots__Database__Provider"] = "postgres",
        ["Grassroots__Database__ConnectionString"] = connectionString,
        ["Grassroots__Demo__Seed"] = "false",
    };

    /// <summary>Signs in as the administrator and returns the bearer token.</summary>
    public async Task<string> LoginAsync()
    {
        using var client = new HttpClient { BaseAddress = Address };
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = "admin", password = Password });
        if (!login.IsSuccessStatusCode)
            throw new InvalidOperationException($"Signing in as admin failed ({(int)login.StatusCode}): the database's administrator has another password than {Password}.");
        return (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    public static async Task<WebApp> StartAsync(string work, IReadOnlyDictionary<string, string> settings, TimeSpan timeout)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = work, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = address.ToString();
        foreach (var (name, value) in settings) start.Environment[name] = value;
        start.Environment["Grassroots__Admin__Password"] = Password;
        start.Environment["Grassroots__RateLimits__LoginPerMinute"] = "1000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var probe = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        var process = Process.Start(start)!;
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        void Keep(object _, DataReceivedEventArgs e)
        {
            if (e.Data is null) return;
            log.Enqueue(e.Data);
            while (log.Count > 40) log.TryDequeue(out var _);
        }
        process.OutputDataReceived += Keep;
        process.ErrorDataReceived += Keep;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"The app stopped ({process.ExitCode}):\n{string.Join('\n', log)}");
            if (clock.Elapsed > timeout)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"The app did not answer within {timeout}:\n{string.Join('\n', log)}");
            }
            try
            {
                using var response = await probe.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK) return new WebApp(process, address, clock.Elapsed.TotalMilliseconds);
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(10);
        }
    }

    /// <summary>Stops the app as a service manager would (SIGTERM, so SQLite closes cleanly), killing it only if it hangs.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            if (OperatingSystem.IsWindows()) _process.Kill(entireProcessTree: true);
            else using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])) await term.WaitForExitAsync();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try { await _process.WaitForExitAsync(wait.Token); }
            catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        }
        _process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
