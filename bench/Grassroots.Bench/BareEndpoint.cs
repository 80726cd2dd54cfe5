using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Grassroots.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Grassroots.Bench;

/// <summary>
/// The physical limit for "leaders of one commune as of a date": a minimal ASP.NET Core endpoint, without
/// authentication, scope or EF Core, that runs one SQL query (the app's main query for the list: tenures held on the
/// date in the commune's units, with the person, the unit and the commune, by sort key) through Npgsql and writes the
/// rows as JSON.
/// </summary>
public sealed class BareEndpoint : IAsyncDisposable
{
    private const string Sql = """
        SELECT t."Id", t."Position", t."Title", t."Mode", t."TermLabel", t."StartDate", t."PlannedEndDate", p."Id", p."FullName", p."Gender",
               p."DateOfBirth", p."EthnicityCode", p."PartyMember", u."Name", u."Kind", a."Code", a."FullName"
        FROM tenures t
        JOIN residential_unit_periods u ON u."UnitId" = t."UnitId" AND u."CommuneId" = @commune AND u."ValidFrom" <= @date AND (u."ValidTo" IS NULL OR u."ValidTo" >= @date)
        JOIN people p ON p."Id" = t."PersonId"
        JOIN admin_units a ON a."Id" = u."CommuneId"
        WHERE t."StartDate" <= @date AND (t."EndDate" IS NULL OR t."EndDate" >= @date)
        ORDER BY p."SortKey" COLLATE "C", p."Id"
        """;

    public sealed record Leader(int TenureId, string Position, string? Title, string Mode, string? TermLabel, DateOnly StartDate, DateOnly? PlannedEndDate,
        int PersonId, string FullName, string Gender, DateOnly? DateOfBirth, string? EthnicityCode, bool PartyMember, string UnitName, string UnitKind,
        string CommuneCode, string CommuneName);

    private readonly WebApplication _app;
    private readonly NpgsqlDataSource _source;

    private BareEndpoint(WebApplication app, NpgsqlDataSource source, Uri address) => (_app, _source, Address) = (app, source, address);

    public Uri Address { get; }

    public static async Task<BareEndpoint> StartAsync(string connection)
    {
        var address = new Uri($"http://127.0.0.1:{WebApp.FreePort()}");
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(address.ToString());
        var app = builder.Build();
        var source = NpgsqlDataSource.Create(DatabaseSettings.WithPostgresDefaults(connection));
        app.MapGet("/leaders", async (int commune, DateOnly asOf) => Results.Json(await LeadersAsync(source, commune, asOf)));
        await app.StartAsync();
        return new BareEndpoint(app, source, address);
    }

    public static async Task<List<Leader>> LeadersAsync(NpgsqlDataSource source, int communeId, DateOnly date)
    {
        await using var command = source.CreateCommand(Sql);
        command.Parameters.AddWithValue("commune", communeId);
        command.Parameters.AddWithValue("date", date);
        var rows = new List<Leader>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add(new Leader(reader.GetInt32(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetFieldValue<DateOnly>(5), reader.IsDBNull(6) ? null : reader.GetFieldValue<DateOnly>(6),
                reader.GetInt32(7), reader.GetString(8), reader.GetString(9), reader.IsDBNull(10) ? null : reader.GetFieldValue<DateOnly>(10),
                reader.IsDBNull(11) ? null : reader.GetString(11), reader.GetBoolean(12), reader.GetString(13), reader.GetString(14), reader.GetString(15), reader.GetString(16)));
        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _source.DisposeAsync();
    }
}

/// <summary>One wrk run (github.com/wg/wrk; Debian's package <c>wrk</c>): throughput and latency percentiles.</summary>
public sealed record WrkResult(double RequestsPerSecond, double P50Ms, double P90Ms, double P99Ms, long Requests, long Errors)
{
    public static WrkResult Parse(string output)
    {
        double Latency(string percentile)
        {
            var m = Regex.Match(output, $@"^\s*{percentile}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
            if (!m.Success) throw new FormatException($"wrk printed no {percentile}% latency:\n{output}");
            var value = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            return m.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
        }
        long Count(string pattern) => Regex.Match(output, pattern, RegexOptions.Multiline) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var rps = Regex.Match(output, @"^Requests/sec:\s+([\d.]+)", RegexOptions.Multiline);
        if (!rps.Success) throw new FormatException($"wrk printed no Requests/sec:\n{output}");
        var socketErrors = Regex.Match(output, @"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)");
        var errors = Count(@"Non-2xx or 3xx responses: (\d+)")
                     + (socketErrors.Success ? Enumerable.Range(1, 4).Sum(i => long.Parse(socketErrors.Groups[i].Value, CultureInfo.InvariantCulture)) : 0);
        return new WrkResult(double.Parse(rps.Groups[1].Value, CultureInfo.InvariantCulture), Latency("50"), Latency("90"), Latency("99"),
            Count(@"^\s*(\d+) requests in"), errors);
    }
}

public static class Wrk
{
    public static async Task<WrkResult> RunAsync(Uri url, string? bearer, int connections, int seconds)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-t2", $"-c{connections}", $"-d{seconds}s", "--latency", "--timeout", "10s" }) start.ArgumentList.Add(arg);
        if (bearer is not null)
        {
            start.ArgumentList.Add("-H");
            start.ArgumentList.Add("Authorization: Bearer " + bearer);
        }
        start.ArgumentList.Add(url.ToString());
        Process process;
        try { process = Process.Start(start)!; }
        catch (System.ComponentModel.Win32Exception) { throw new InvalidOperationException("wrk is not installed (Debian: apt-get install wrk)."); }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0) throw new InvalidOperationException($"wrk failed ({process.ExitCode}): {await error}");
            return WrkResult.Parse(await output);
        }
    }
}
