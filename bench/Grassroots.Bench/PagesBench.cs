using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Grassroots.Data;
using Grassroots.Features.People;
using Grassroots.Features.Training;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Bench;

/// <summary>
/// The web app as it is run (its own process, Production settings, embedded SQLite, the demo province): the time from
/// starting the program on an existing database to its first 200, and the median time of each main page. The first
/// start (which creates the database, loads the catalog and seeds the demo province) is timed apart and not counted.
/// Pages are read by the administrator over HTTP on 127.0.0.1, one request at a time, after two warm-up requests each.
/// </summary>
public static class PagesBench
{
    public static async Task<int> RunAsync(Options options)
    {
        var runs = options.Int("runs", 5);
        var requests = options.Int("requests", 20);
        var work = Directory.CreateDirectory(options.Text("work", Path.Combine(Path.GetTempPath(), "grassroots-bench-pages"))).FullName;
        var data = Path.Combine(work, "data");
        if (Directory.Exists(data)) Directory.Delete(data, recursive: true);

        Console.WriteLine($"First start in {data}: database, catalog, demo province …");
        await using (var first = await WebApp.StartAsync(work, WebApp.Sqlite(data, seed: true), TimeSpan.FromMinutes(15)))
            Console.WriteLine($"  ready after {first.StartupMs / 1000:N1} s (not counted)");

        var starts = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            await using var app = await WebApp.StartAsync(work, WebApp.Sqlite(data, seed: false), TimeSpan.FromMinutes(1));
            starts.Add(app.StartupMs);
            Console.WriteLine($"  start {i + 1}: first 200 after {app.StartupMs:N0} ms");
        }

        await using var server = await WebApp.StartAsync(work, WebApp.Sqlite(data, seed: false), TimeSpan.FromMinutes(1));
        using var client = new HttpClient { BaseAddress = server.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await server.LoginAsync());

        var pages = await PagesAsync(data);
        var table = new List<(string Page, double Median, double Max)>();
        foreach (var page in pages)
        {
            for (var w = 0; w < 2; w++) await GetAsync(client, page);
            var times = new List<double>();
            for (var r = 0; r < requests; r++) times.Add(await GetAsync(client, page));
            table.Add((page, Stats.Median(times), times.Max()));
        }

        Console.WriteLine();
        Console.WriteLine(Machine.Describe());
        Console.WriteLine("| operation | provider | median | min | max | runs |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: |");
        Console.WriteLine($"| start of the web app on the existing demo database to the first 200 (`/health`) | SQLite | {Stats.Median(starts):N0} ms | {starts.Min():N0} ms | {starts.Max():N0} ms | {starts.Count} |");
        Console.WriteLine();
        Console.WriteLine($"| page (demo province, administrator) | median | max | requests |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        foreach (var (page, median, max) in table)
            Console.WriteLine($"| `{page}` | {median:N1} ms | {max:N1} ms | {requests} |");
        var slowest = table.MaxBy(t => t.Median);
        Console.WriteLine();
        Console.WriteLine($"Slowest page median: {slowest.Page} {slowest.Median:N1} ms");
        return 0;
    }

    private static async Task<double> GetAsync(HttpClient client, string page)
    {
        var clock = Stopwatch.StartNew();
        using var response = await client.GetAsync(page, HttpCompletionOption.ResponseContentRead);
        var ms = clock.Elapsed.TotalMilliseconds;
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{page}: {(int)response.StatusCode}");
        return ms;
    }

    /// <summary>The main pages, with the demo's records: its largest commune, a unit and its head, the wards course and a session.</summary>
    private static async Task<List<string>> PagesAsync(string data)
    {
        var options = new DbContextOptionsBuilder<AppDb>();
        new DatabaseSettings(DbProvider.Sqlite, $"Data Source={Path.Combine(data, "grassroots.db")}", data).Configure(options);
        await using var db = new AppDb(options.Options);
        var communeId = await db.ResidentialUnitPeriods.AsNoTracking().Where(p => p.ValidTo == null && p.Unit!.IsDemo)
            .GroupBy(p => p.CommuneId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
        var commune = await db.AdminUnits.AsNoTracking().Where(a => a.Id == communeId).Select(a => a.Code).SingleAsync();
        var head = await db.Tenures.AsNoTracking().Where(t => t.Position == Position.UnitHead && t.EndDate == null && t.Unit!.CurrentCommuneId == communeId)
            .OrderBy(t => t.Id).Select(t => new { t.UnitId, t.PersonId }).FirstAsync();
        var course = await db.Courses.AsNoTracking().Where(c => c.IsDemo).OrderByDescending(c => db.Enrolments.Count(e => e.CourseId == c.Id))
            .Select(c => c.Id).FirstAsync();
        var session = await db.CourseSessions.AsNoTracking().Where(s => s.CourseId == course).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
        return
        [
            "/", "/tinh/25", "/tinh/25/can-bo", $"/xa/{commune}", $"/xa/{commune}/can-bo", $"/thon/{head.UnitId}", "/nguoi?q=nguyen van",
            $"/nguoi/{head.PersonId}", "/can-xem-xet", "/nhiem-ky-sap-het", "/truong-thon-lam-thoi", "/nhat-ky", "/dao-tao", $"/dao-tao/lop/{course}",
            $"/dao-tao/lop/{course}/hoc-vien", $"/dao-tao/lop/{course}/giay-moi", $"/dao-tao/lop/{course}/ket-qua", $"/dao-tao/lop/{course}/chung-nhan",
            $"/dao-tao/buoi/{session}/diem-danh", "/dao-tao/do-bao-phu?province=25",
        ];
    }
}
