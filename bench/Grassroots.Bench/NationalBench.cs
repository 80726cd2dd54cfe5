using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Grassroots.Data;
using Grassroots.Data.Seed;
using Grassroots.Features.People;
using Grassroots.Features.Training.Coverage;
using Grassroots.Features.Units;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Grassroots.Bench;

/// <summary>
/// The national data set on PostgreSQL: loads it (<c>grassroots migrate</c> and <c>grassroots seed national</c>, timed)
/// when the database does not hold it yet — into a new database with <c>--fresh true</c>; then training coverage for the whole country by province and for one
/// province by commune, each beside the best hand-written SQL for the same result on the same database (alternating,
/// medians), and the same SQL with and without a province filter (the per-province cost a shard would carry); then the
/// leaders of one commune as of a date — API and page of the real app, and a bare endpoint that runs one SQL query
/// through Npgsql — under wrk. A result that differs between the app and the SQL, or a failed request, fails the run.
/// </summary>
public static class NationalBench
{
    public const string DefaultConnection = "Host=127.0.0.1;Database=grassroots_national;Username=grassroots;Password=grassroots";

    public static async Task<int> RunAsync(Options options)
    {
        var connection = options.Text("connection", DefaultConnection);
        var scale = options.Text("scale", "1.0");
        var runs = options.Int("runs", 10);
        var seconds = options.Int("duration", 20);
        // The JIT keeps recompiling hot code for tens of seconds under full load on 2 cores (thousands of methods of
        // ASP.NET Core, EF Core and Npgsql): a server that has run for a while is measured, not one still tiering up.
        var warmup = options.Int("warmup", 30);
        var connections = options.Int("connections", 64);
        var work = Directory.CreateDirectory(options.Text("work", Path.Combine(Path.GetTempPath(), "grassroots-bench-national"))).FullName;
        if (options.Text("fresh", "false") == "true") await DropDatabaseAsync(connection);
        var load = await EnsureDataAsync(work, connection, scale);
        var db = new DbContextOptionsBuilder<AppDb>();
        new DatabaseSettings(DbProvider.Postgres, connection, work).Configure(db);
        var date = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var failures = new List<string>();

        await using var source = NpgsqlDataSource.Create(DatabaseSettings.WithPostgresDefaults(connection));
        var counts = await CountsAsync(source);
        Console.WriteLine($"Data: {string.Join(", ", counts.Select(c => $"{c.Value:N0} {c.Key}"))}");

        // Coverage: the app's query and the hand-written SQL, alternating so that both see the same machine.
        var (largest, median) = await ProvincesAsync(source, date);
        AdminUnit province;
        await using (var context = new AppDb(db.Options))
            province = await context.AdminUnits.AsNoTracking().Include(u => u.TypeChanges).ValidOn(date)
                .SingleAsync(u => u.Level == AdminLevel.Province && u.ProvinceCode == largest);
        var country = new CoverageQuestion(date, [Position.UnitHead], null, null);
        var drilled = country with { Place = province };
        var countryRows = await CompareAsync(db.Options, source, country, runs, failures);
        var drilledRows = await CompareAsync(db.Options, source, drilled, runs, failures);
        // The per-province cost: the same SQL over the whole country and over one province of median size.
        var whole = new List<double>();
        var one = new List<double>();
        for (var i = 0; i < runs + 2; i++)
        {
            var (ms, _) = await CoverageSqlAsync(source, date, null, byCommune: false);
            var (oneMs, _) = await CoverageSqlAsync(source, date, median, byCommune: false);
            if (i < 2) continue;
            whole.Add(ms);
            one.Add(oneMs);
        }

        // Leaders of one commune as of a date — the largest and one of median size —: the real app (its own process) and
        // the bare endpoint, each under wrk after a warm-up run of the same length that is not counted.
        var iso = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var communes = await CommunesAsync(source, date);
        var wrk = new List<(Commune Commune, int Rows, string Name, WrkResult Result)>();
        var expected = new Dictionary<int, int>();
        foreach (var c in communes) expected[c.Id] = (await BareEndpoint.LeadersAsync(source, c.Id, date)).Count;
        await using (var app = await WebApp.StartAsync(work, WebApp.Postgres(connection), TimeSpan.FromMinutes(5)))
        {
            var token = await app.LoginAsync();
            using var client = new HttpClient { BaseAddress = app.Address };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            foreach (var c in communes)
            {
                var api = $"/api/v1/tenures?commune={c.Code}&asOf={iso}";
                var page = $"/xa/{c.Code}/can-bo?asOf={iso}";
                using (var answer = await client.GetAsync(api))
                {
                    var total = answer.StatusCode == HttpStatusCode.OK ? JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty("total").GetInt32() : -1;
                    if (total != expected[c.Id]) failures.Add($"leaders API, {c.Code}: {total} rows, the SQL {expected[c.Id]}");
                }
                (await client.GetAsync(page)).EnsureSuccessStatusCode();
                foreach (var (name, path) in new[] { ("app API (JSON)", api), ("app page (HTML)", page) })
                {
                    await Wrk.RunAsync(new Uri(app.Address, path), token, connections, warmup);
                    wrk.Add((c, expected[c.Id], name, await Wrk.RunAsync(new Uri(app.Address, path), token, connections, seconds)));
                }
            }
        }
        await using (var bare = await BareEndpoint.StartAsync(connection))
            foreach (var c in communes)
            {
                var url = new Uri(bare.Address, $"/leaders?commune={c.Id}&asOf={iso}");
                using (var client = new HttpClient())
                {
                    using var answer = await client.GetAsync(url);
                    var rows = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetArrayLength();
                    if (rows != expected[c.Id]) failures.Add($"bare endpoint, {c.Code}: {rows} rows, the SQL {expected[c.Id]}");
                }
                await Wrk.RunAsync(url, null, connections, warmup);
                wrk.Add((c, expected[c.Id], "bare endpoint: one SQL query through Npgsql (JSON)", await Wrk.RunAsync(url, null, connections, seconds)));
            }
        foreach (var w in wrk.Where(w => w.Result.Errors > 0)) failures.Add($"{w.Name}, {w.Commune.Code}: {w.Result.Errors} failed requests");

        Console.WriteLine();
        Console.WriteLine(Machine.Describe());
        Console.WriteLine($"PostgreSQL {await ScalarAsync<string>(source, "SHOW server_version")}, shared_buffers {await ScalarAsync<string>(source, "SHOW shared_buffers")}; " +
                          $"national data set {await ScalarAsync<string>(source, $"SELECT \"Value\" FROM catalog_info WHERE \"Key\" = '{NationalData.InfoKey}'")}");
        if (load is { } l) Console.WriteLine($"Load (grassroots seed national --scale {scale}) into the empty database: {l.TotalSeconds:N0} s");
        Console.WriteLine();
        Console.WriteLine("| operation | rows | app median | app min–max | hand-written SQL median | SQL min–max | app ÷ SQL | runs |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (name, r) in new[] { ("coverage of unit heads, whole country by province", countryRows), ($"coverage of unit heads, {province.FullName} by commune", drilledRows) })
            Console.WriteLine($"| {name} | {r.Rows} | {Stats.Median(r.App):N0} ms | {r.App.Min():N0}–{r.App.Max():N0} ms | {Stats.Median(r.Sql):N0} ms | " +
                              $"{r.Sql.Min():N0}–{r.Sql.Max():N0} ms | {Stats.Median(r.App) / Stats.Median(r.Sql):N2} | {r.App.Count} |");
        Console.WriteLine();
        Console.WriteLine($"| hand-written coverage SQL | median | min–max | runs |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        Console.WriteLine($"| whole country (34 provinces) | {Stats.Median(whole):N0} ms | {whole.Min():N0}–{whole.Max():N0} ms | {whole.Count} |");
        Console.WriteLine($"| one province of median size ({median}) | {Stats.Median(one):N1} ms | {one.Min():N1}–{one.Max():N1} ms | {one.Count} |");
        Console.WriteLine();
        Console.WriteLine($"Leaders of a commune as of {iso} (`GET /api/v1/tenures?commune=…&asOf=…`, `/xa/{{code}}/can-bo?asOf=…`); " +
                          $"wrk -t2 -c{connections} -d{seconds}s on 127.0.0.1, each after a warm-up run of {warmup} s:");
        Console.WriteLine();
        Console.WriteLine("| commune | rows | endpoint | requests/s | ÷ bare | p50 | p90 | p99 | requests | failed |");
        Console.WriteLine("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var w in wrk)
        {
            var bare = wrk.Single(b => b.Commune == w.Commune && b.Name.StartsWith("bare", StringComparison.Ordinal)).Result.RequestsPerSecond;
            Console.WriteLine($"| {w.Commune.FullName} ({w.Commune.Code}) | {w.Rows} | {w.Name} | {w.Result.RequestsPerSecond:N0} | {w.Result.RequestsPerSecond / bare:P0} | " +
                              $"{w.Result.P50Ms:N1} ms | {w.Result.P90Ms:N1} ms | {w.Result.P99Ms:N1} ms | {w.Result.Requests:N0} | {w.Result.Errors} |");
        }
        foreach (var failure in failures) Console.Error.WriteLine("national: " + failure);
        return failures.Count == 0 ? 0 : 1;
    }

    /// <summary>Drops the benchmark's database (<c>--fresh true</c>), so that the load is measured again.</summary>
    private static async Task DropDatabaseAsync(string connection)
    {
        var target = new NpgsqlConnectionStringBuilder(connection);
        var name = target.Database ?? throw new InvalidOperationException("The connection string names no database.");
        await using var maintenance = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connection) { Database = "postgres" }.ConnectionString);
        await using var command = maintenance.CreateCommand($"DROP DATABASE IF EXISTS \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\" WITH (FORCE)");
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs <c>grassroots migrate</c> and <c>grassroots seed national</c> when the national data set is missing; returns the seed's time.</summary>
    private static async Task<TimeSpan?> EnsureDataAsync(string work, string connection, string scale)
    {
        var settings = WebApp.Postgres(connection + (connection.Contains("Command Timeout", StringComparison.OrdinalIgnoreCase) ? "" : ";Command Timeout=0"));
        await RunAppAsync(work, settings, "migrate");
        await using (var source = NpgsqlDataSource.Create(connection))
            if (await ScalarAsync<long>(source, $"SELECT count(*) FROM catalog_info WHERE \"Key\" = '{NationalData.InfoKey}'") > 0) return null;
        Console.WriteLine($"Loading the national data set (scale {scale}) …");
        var clock = Stopwatch.StartNew();
        await RunAppAsync(work, settings, "seed", "national", "--scale", scale);
        return clock.Elapsed;
    }

    private static async Task RunAppAsync(string work, IReadOnlyDictionary<string, string> settings, params string[] args)
    {
        var start = new ProcessStartInfo(WebApp.Executable) { WorkingDirectory = work };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in settings) start.Environment[name] = value;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Grassroots__Admin__Password"] = WebApp.Password; // migrate creates the administrator the app signs in as
        using var process = Process.Start(start)!;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"grassroots {string.Join(' ', args)} failed ({process.ExitCode}).");
    }

    private sealed record Compared(int Rows, List<double> App, List<double> Sql);

    /// <summary>The app's coverage report and the hand-written SQL, alternating, two warm-ups each; their rows must agree.</summary>
    private static async Task<Compared> CompareAsync(DbContextOptions<AppDb> options, NpgsqlDataSource source, CoverageQuestion q, int runs, List<string> failures)
    {
        var app = new List<double>();
        var sql = new List<double>();
        CoverageReport? report = null;
        List<(string Key, int Holders, int Trained)> rows = [];
        for (var i = 0; i < runs + 2; i++)
        {
            await using (var db = new AppDb(options))
            {
                var clock = Stopwatch.StartNew();
                report = await CoverageQueries.ReportAsync(db, q, CancellationToken.None);
                if (i >= 2) app.Add(clock.Elapsed.TotalMilliseconds);
            }
            var (ms, result) = await CoverageSqlAsync(source, q.AsOf, q.Place?.ProvinceCode, byCommune: q.Place is not null);
            if (i >= 2) sql.Add(ms);
            rows = result;
        }
        var fromApp = report!.Rows.Select(r => (Key: q.Place is null ? r.Code : r.Id!.Value.ToString(CultureInfo.InvariantCulture), r.Holders, r.Trained)).OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        var fromSql = rows.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        if (!fromApp.SequenceEqual(fromSql)) failures.Add($"coverage {q.Place?.Code ?? "country"}: the app's {fromApp.Count} rows differ from the SQL's {fromSql.Count}");
        if (fromApp.Sum(r => r.Holders) == 0) failures.Add($"coverage {q.Place?.Code ?? "country"}: no holders");
        return new Compared(fromApp.Count, app, sql);
    }

    /// <summary>
    /// The fastest SQL found for the coverage question (heads holding the post on the date, with a completed course that
    /// ended during their term, by province or by commune): a semi-join with EXISTS, one index-only probe of
    /// (PersonId, Result, CourseEndDate) per holder.
    /// </summary>
    private static async Task<(double Ms, List<(string Key, int Holders, int Trained)> Rows)> CoverageSqlAsync(NpgsqlDataSource source, DateOnly date, string? province, bool byCommune)
    {
        var key = byCommune ? "p.\"CommuneId\"::text" : "p.\"ProvinceCode\"";
        var sql = $"""
            SELECT {key}, count(*)::int,
                   count(*) FILTER (WHERE EXISTS (
                       SELECT 1 FROM enrolments e
                       WHERE e."PersonId" = t."PersonId" AND e."Result" = 'Completed' AND e."CourseEndDate" >= t."StartDate" AND e."CourseEndDate" <= @date))::int
            FROM tenures t
            JOIN residential_unit_periods p ON p."UnitId" = t."UnitId" AND p."ValidFrom" <= @date AND (p."ValidTo" IS NULL OR p."ValidTo" >= @date)
            WHERE t."Position" = 'UnitHead' AND t."StartDate" <= @date AND (t."EndDate" IS NULL OR t."EndDate" >= @date)
              {(province is null ? "" : "AND p.\"ProvinceCode\" = @province")}
            GROUP BY 1
            """;
        var clock = Stopwatch.StartNew();
        await using var command = source.CreateCommand(sql);
        command.Parameters.AddWithValue("date", date);
        if (province is not null) command.Parameters.AddWithValue("province", province);
        var rows = new List<(string, int, int)>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2)));
        return (clock.Elapsed.TotalMilliseconds, rows);
    }

    /// <summary>The province with the most current units, and one of median size.</summary>
    private static async Task<(string Largest, string Median)> ProvincesAsync(NpgsqlDataSource source, DateOnly date)
    {
        await using var command = source.CreateCommand("""
            SELECT "ProvinceCode" FROM residential_unit_periods WHERE "ValidFrom" <= @date AND ("ValidTo" IS NULL OR "ValidTo" >= @date)
            GROUP BY 1 ORDER BY count(*) DESC, 1
            """);
        command.Parameters.AddWithValue("date", date);
        var codes = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) codes.Add(reader.GetString(0));
        return (codes[0], codes[codes.Count / 2]);
    }

    private sealed record Commune(int Id, string Code, string FullName);

    /// <summary>The commune with the most current units, and one of median size.</summary>
    private static async Task<List<Commune>> CommunesAsync(NpgsqlDataSource source, DateOnly date)
    {
        await using var command = source.CreateCommand("""
            SELECT a."Id", a."Code", a."FullName" FROM residential_unit_periods p JOIN admin_units a ON a."Id" = p."CommuneId"
            WHERE p."ValidFrom" <= @date AND (p."ValidTo" IS NULL OR p."ValidTo" >= @date)
            GROUP BY a."Id", a."Code", a."FullName" ORDER BY count(*) DESC, a."Code"
            """);
        command.Parameters.AddWithValue("date", date);
        var all = new List<Commune>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) all.Add(new Commune(reader.GetInt32(0), reader.GetString(1), reader.GetString(2)));
        return all.Count == 1 ? all : [all[0], all[all.Count / 2]];
    }

    private static async Task<Dictionary<string, long>> CountsAsync(NpgsqlDataSource source)
    {
        var counts = new Dictionary<string, long>();
        foreach (var table in new[] { "residential_units", "people", "tenures", "courses", "enrolments", "attendances" })
            counts[table] = await ScalarAsync<long>(source, $"SELECT count(*) FROM {table}");
        return counts;
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource source, string sql)
    {
        await using var command = source.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
