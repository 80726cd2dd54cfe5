using System.Diagnostics;
using System.Globalization;
using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Data.Seed;
using Grassroots.Documents;
using Grassroots.Features.People.Roster;
using Grassroots.Features.Units;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Grassroots.Bench;

/// <summary>
/// Import of a commune-kept roster (.xlsx, one row per person and position) into the embedded SQLite default:
/// a fresh database with the catalog and 2,500 thôn/tổ dân phố of Hà Tĩnh, a synthetic 10,000-row file (head,
/// deputy, party-cell secretary — the head himself in 40 % of units — and Front committee head per unit), then each
/// run imports it into its own copy of the database in a child process, so that the peak memory measured is the
/// import's alone. A dry run and an applied import are timed; a run whose result is wrong fails the benchmark.
/// </summary>
public static class RosterImportBench
{
    public const string ChildVerb = "roster-import-child";
    private const string Province = "42";

    public static async Task<int> RunAsync(Options options)
    {
        var rows = options.Int("rows", 10_000);
        var runs = options.Int("runs", 5);
        var work = Directory.CreateDirectory(options.Text("work", Path.Combine(Path.GetTempPath(), "grassroots-bench-roster"))).FullName;
        var template = Path.Combine(work, "template.db");
        var file = Path.Combine(work, "roster.xlsx");
        var warmup = Path.Combine(work, "warmup.xlsx");
        Console.WriteLine($"Preparing {rows:N0} rows in {work} …");
        var units = await PrepareAsync(template, (rows + 3) / 4);
        var written = WriteRoster(file, units, rows);
        WriteRoster(warmup, units, 40);
        Console.WriteLine($"Roster: {written:N0} rows, {new FileInfo(file).Length / 1024:N0} KB");

        var results = new Dictionary<string, List<(double Ms, long Peak)>> { ["dry-run"] = [], ["apply"] = [] };
        for (var i = 0; i < runs; i++)
            foreach (var mode in results.Keys)
            {
                var copy = Path.Combine(work, $"run-{mode}.db");
                File.Copy(template, copy, overwrite: true);
                var (ok, ms, peak, message) = await ChildRunAsync(copy, file, warmup, mode, written);
                if (!ok)
                {
                    Console.Error.WriteLine($"roster-import: wrong result in a {mode} run: {message}");
                    return 1;
                }
                results[mode].Add((ms, peak));
                Console.WriteLine($"  run {i + 1} {mode}: {ms:N0} ms, peak working set {peak / 1024 / 1024} MB");
            }

        Console.WriteLine();
        Console.WriteLine(Machine.Describe());
        Console.WriteLine("| operation | rows | provider | median | min | max | peak working set (median) | runs |");
        Console.WriteLine("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (mode, list) in results)
            Console.WriteLine($"| import roster .xlsx ({mode}) | {written:N0} | SQLite | {Stats.Median(list.Select(r => r.Ms)):N0} ms | {list.Min(r => r.Ms):N0} ms | " +
                              $"{list.Max(r => r.Ms):N0} ms | {Stats.Median(list.Select(r => (double)r.Peak)) / 1024 / 1024:N0} MB | {list.Count} |");
        return 0;
    }

    /// <summary>
    /// The measured part, in its own process: one import of the file into the database, timed — after a dry run of a
    /// small file, so that the figure is the import's and not the start of a program (as in the running web app).
    /// </summary>
    public static async Task<int> ChildAsync(string[] args)
    {
        var (db, file, warmup, mode) = (args[0], args[1], args[2], args[3]);
        var options = new DbContextOptionsBuilder<AppDb>();
        new DatabaseSettings(DbProvider.Sqlite, $"Data Source={db}", Path.GetDirectoryName(db)!).Configure(options);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Grassroots:Import:MaxBytes"] = "104857600" }).Build();
        await using (var cold = new AppDb(options.Options))
        await using (var stream = File.OpenRead(warmup))
            await new ImportRoster(cold, TimeProvider.System, configuration).RunAsync(stream, dryRun: true, CancellationToken.None);
        await using var context = new AppDb(options.Options);
        var clock = Stopwatch.StartNew();
        ImportReport report;
        await using (var stream = File.OpenRead(file))
            report = await new ImportRoster(context, TimeProvider.System, configuration).RunAsync(stream, mode == "dry-run", CancellationToken.None);
        clock.Stop();
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        var problem = report.FileError?.Message ?? report.Errors.FirstOrDefault()?.Message;
        var created = mode == "apply" ? await context.Tenures.CountAsync() : report.Created;
        Console.WriteLine(string.Join('\t', clock.Elapsed.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture),
            peak.ToString(CultureInfo.InvariantCulture), report.Rows.ToString(CultureInfo.InvariantCulture), created.ToString(CultureInfo.InvariantCulture),
            report.Applied ? "applied" : "not-applied", problem ?? ""));
        return 0;
    }

    private static async Task<(bool Ok, double Ms, long Peak, string Message)> ChildRunAsync(string db, string file, string warmup, string mode, int rows)
    {
        var output = await Child.RunAsync([ChildVerb, db, file, warmup, mode]);
        var parts = output.TrimEnd('\r', '\n').Split('\t');
        if (parts.Length < 6) return (false, 0, 0, output);
        var ms = double.Parse(parts[0], CultureInfo.InvariantCulture);
        var peak = long.Parse(parts[1], CultureInfo.InvariantCulture);
        var (read, created, applied, problem) = (int.Parse(parts[2], CultureInfo.InvariantCulture), int.Parse(parts[3], CultureInfo.InvariantCulture), parts[4], parts[5]);
        var ok = problem.Length == 0 && read == rows && created == rows && applied == (mode == "apply" ? "applied" : "not-applied");
        return (ok, ms, peak, $"{read} rows read, {created} tenures, {applied}, {problem}");
    }

    private sealed record BenchUnit(string CommuneCode, string Name);

    /// <summary>A database with the schema, the catalog and <paramref name="count"/> units spread over the province's communes.</summary>
    private static async Task<List<BenchUnit>> PrepareAsync(string path, int count)
    {
        foreach (var f in new[] { path, path + "-wal", path + "-shm" }) File.Delete(f);
        var options = new DbContextOptionsBuilder<AppDb>();
        new DatabaseSettings(DbProvider.Sqlite, $"Data Source={path};Pooling=False", Path.GetDirectoryName(path)!).Configure(options);
        var units = new List<BenchUnit>();
        await using (var db = new AppDb(options.Options))
        {
            await db.Database.MigrateAsync();
            await new CatalogLoader(db).LoadAsync(CatalogLoader.DefaultDirectory, CancellationToken.None);
            var communes = await db.AdminUnits.AsNoTracking().ValidOn(CatalogLoader.ReformDate)
                .Where(u => u.Level == AdminLevel.Commune && u.ProvinceCode == Province).OrderBy(u => u.Code).ToListAsync();
            var establish = new EstablishUnit(db, TimeProvider.System);
            for (var i = 0; i < count; i++)
            {
                var commune = communes[i % communes.Count];
                var kind = commune.Type == AdminUnitType.Ward ? UnitKind.ResidentialGroup : UnitKind.Village;
                var name = $"{(kind == UnitKind.Village ? "Thôn" : "Tổ dân phố")} {i / communes.Count + 1}";
                var result = await establish.RunAsync(new EstablishUnitInput(commune.Code, name, kind, null, CatalogLoader.ReformDate, 150 + i % 300), CancellationToken.None);
                if (!result.Succeeded) throw new InvalidOperationException(result.Errors[0].Message);
                db.ChangeTracker.Clear();
                units.Add(new BenchUnit(commune.Code, name));
            }
        }
        // One file that a plain copy carries whole.
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;";
        await command.ExecuteNonQueryAsync();
        return units;
    }

    private static readonly string[] Families = ["Nguyễn", "Trần", "Lê", "Phan", "Hoàng", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Phạm", "Đinh"];
    private static readonly string[] MaleNames = ["Hùng", "Dũng", "Tuấn", "Minh", "Hải", "Sơn", "Thắng", "Đức", "Long", "Quang", "Bình", "Cường", "Thành", "Tâm", "Vinh"];
    private static readonly string[] FemaleNames = ["Hoa", "Lan", "Hương", "Mai", "Hằng", "Thủy", "Nga", "Liên", "Hà", "Yến", "Thảo", "Loan", "Oanh", "Ánh", "Phượng"];
    private static readonly string[] Middles = ["Văn", "Đình", "Xuân", "Hữu", "Quốc", "Thị", "Thanh", "Ngọc"];

    /// <summary>The synthetic roster: four rows a unit, deterministic, CCCDs valid in form and unique.</summary>
    private static int WriteRoster(string file, List<BenchUnit> units, int rows)
    {
        var random = new Random(42);
        var serial = 0;
        var written = 0;
        string[] Person(bool male, int born)
        {
            var middle = male ? Middles[random.Next(5)] : Middles[5 + random.Next(3)];
            var name = $"{Families[random.Next(Families.Length)]} {middle} {(male ? MaleNames : FemaleNames)[random.Next(15)]}";
            var id = $"042{(born >= 2000 ? 2 : 0) + (male ? 0 : 1)}{born % 100:00}{++serial:000000}";
            return [name, male ? "Nam" : "Nữ", $"{1 + random.Next(28):00}/{1 + random.Next(12):00}/{born}", id, random.NextDouble() < 0.6 ? "Có" : "Không"];
        }
        using var stream = File.Create(file);
        using (var xlsx = new XlsxWriter(stream))
        using (var sheet = xlsx.AddSheet(RosterSheet.DataSheetName, RosterSheet.Layout.XlsxColumns))
        {
            void Write(BenchUnit unit, string[] person, string position, string start)
            {
                if (written == rows) return;
                written++;
                var cells = new XlsxCell[RosterSheet.Layout.Columns.Count];
                cells[(int)RosterField.CommuneCode] = unit.CommuneCode;
                cells[(int)RosterField.UnitName] = unit.Name;
                cells[(int)RosterField.FullName] = person[0];
                cells[(int)RosterField.Gender] = person[1];
                cells[(int)RosterField.DateOfBirth] = person[2];
                cells[(int)RosterField.Ethnicity] = "Kinh";
                cells[(int)RosterField.NationalId] = person[3];
                cells[(int)RosterField.PartyMember] = person[4];
                cells[(int)RosterField.GeneralEducation] = "12/12";
                cells[(int)RosterField.Position] = position;
                cells[(int)RosterField.TermLabel] = "2025-2030";
                cells[(int)RosterField.StartDate] = start;
                cells[(int)RosterField.DecisionNumber] = $"{random.Next(1, 400)}/QĐ-UBND";
                cells[(int)RosterField.DecisionIssuer] = "UBND xã";
                sheet.WriteRow(cells);
            }
            foreach (var unit in units)
            {
                var start = $"{1 + random.Next(28):00}/{8 + random.Next(4):00}/2025";
                var head = Person(random.NextDouble() < 0.85, 1960 + random.Next(40));
                Write(unit, head, "Trưởng thôn", start);
                Write(unit, Person(random.NextDouble() < 0.6, 1965 + random.Next(38)), "Phó trưởng thôn", start);
                Write(unit, random.NextDouble() < 0.4 ? head : Person(random.NextDouble() < 0.8, 1955 + random.Next(40)), "Bí thư chi bộ", start);
                Write(unit, Person(random.NextDouble() < 0.5, 1955 + random.Next(40)), "Trưởng ban công tác Mặt trận", start);
            }
        }
        return written;
    }
}
