using System.Diagnostics;
using System.Globalization;
using Grassroots.Data;
using Grassroots.Documents;
using Grassroots.Features.People;
using Grassroots.Features.People.Roster;
using Grassroots.Features.Units;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Bench;

/// <summary>
/// Export of a province's leader list (the roster layout) to .xlsx on the embedded SQLite default: a fresh database with a
/// generated registry of Phú Thọ of <c>rows / 3</c> units (three tenures each), exported whole, in a child process (after
/// a warm-up export of one commune), to a file. The figure is the time and the peak working set of that process; the
/// file is read back and must hold one data row per tenure.
/// </summary>
public static class ExportBench
{
    public const string ChildVerb = "export-child";
    private const string Province = "25";

    public static async Task<int> RunAsync(Options options)
    {
        var rows = options.Int("rows", 100_000);
        var runs = options.Int("runs", 3);
        var work = Directory.CreateDirectory(options.Text("work", Path.Combine(Path.GetTempPath(), "grassroots-bench-export"))).FullName;
        var path = Path.Combine(work, "registry.db");
        var units = (rows + 2) / 3;
        Console.WriteLine($"Preparing {units:N0} units with their leaders in {work} …");
        var (_, communes, tenures) = await BenchRegistry.CreateAsync(path, Province, units);
        await BenchRegistry.CheckpointAsync(path);
        Console.WriteLine($"Registry: {units:N0} units, {tenures:N0} tenures");

        var results = new List<(double Ms, long Peak, long Bytes)>();
        for (var i = 0; i < runs; i++)
        {
            var file = Path.Combine(work, "export.xlsx");
            var output = await Child.RunAsync([ChildVerb, path, file, communes[0].Code]);
            var parts = output.TrimEnd('\r', '\n').Split('\t');
            var (ms, peak, written) = (double.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture));
            var read = CountDataRows(file);
            if (written != tenures || read != tenures)
            {
                Console.Error.WriteLine($"export: wrong result: {written} rows written, {read} read back from the file, {tenures} tenures");
                return 1;
            }
            var bytes = new FileInfo(file).Length;
            results.Add((ms, peak, bytes));
            Console.WriteLine($"  run {i + 1}: {ms:N0} ms, peak working set {peak / 1024 / 1024:N0} MB, {bytes / 1024:N0} KB");
        }

        Console.WriteLine();
        Console.WriteLine(Machine.Describe());
        Console.WriteLine("| operation | rows | provider | median | min | max | peak working set (median, max) | file | runs |");
        Console.WriteLine("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        var times = results.Select(r => r.Ms).ToList();
        var peaks = results.Select(r => (double)r.Peak).ToList();
        Console.WriteLine($"| export a province's leaders to .xlsx (roster layout) | {tenures:N0} | SQLite | {Stats.Median(times):N0} ms | {times.Min():N0} ms | {times.Max():N0} ms | " +
                          $"{Stats.Median(peaks) / 1024 / 1024:N0} MB, {peaks.Max() / 1024 / 1024:N0} MB | {results[0].Bytes / 1024:N0} KB | {results.Count} |");
        return 0;
    }

    /// <summary>The data rows of the roster sheet (every row after the header), read back with the app's own reader.</summary>
    private static int CountDataRows(string file)
    {
        using var stream = File.OpenRead(file);
        return XlsxReader.ReadRows(stream, name => name == RosterSheet.DataSheetName).Count(r => r.Number > 1);
    }

    /// <summary>The measured part, in its own process: a one-commune export to warm up, then the province's, timed.</summary>
    public static async Task<int> ChildAsync(string[] args)
    {
        var (path, file, warmupCommune) = (args[0], args[1], args[2]);
        var options = new DbContextOptionsBuilder<AppDb>();
        new DatabaseSettings(DbProvider.Sqlite, $"Data Source={path}", Path.GetDirectoryName(path)!).Configure(options);
        var date = DateOnly.FromDateTime(DateTime.UtcNow);
        await using (var warm = new AppDb(options.Options))
            _ = (await new ExportRoster(warm, TimeProvider.System).RunAsync(AdminLevel.Commune, warmupCommune, date, new LeaderFilter(), Stream.Null, CancellationToken.None)).ValueOrThrow;
        GC.Collect();

        await using var db = new AppDb(options.Options);
        var clock = Stopwatch.StartNew();
        RosterExport export;
        await using (var output = File.Create(file))
            export = (await new ExportRoster(db, TimeProvider.System).RunAsync(AdminLevel.Province, Province, date, new LeaderFilter(), output, CancellationToken.None)).ValueOrThrow;
        var ms = clock.Elapsed.TotalMilliseconds;
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        Console.WriteLine(string.Join('\t', ms.ToString("F1", CultureInfo.InvariantCulture), peak.ToString(CultureInfo.InvariantCulture), export.Rows.ToString(CultureInfo.InvariantCulture)));
        return 0;
    }
}
