using System.Diagnostics;
using System.Globalization;
using Grassroots.Data;
using Grassroots.Features.Training;
using Grassroots.Features.Training.Enrolments;
using Grassroots.Features.Training.Targeting;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Bench;

/// <summary>
/// Enrolment of a province's heads by a target group's rule on the embedded SQLite default: a fresh database with the
/// catalog, the programme catalogue and a generated registry of Phú Thọ (per unit a head, a deputy and a party-cell
/// secretary — the head himself in 40 % of units —, spread over the province's communes, inserted with
/// AppDb.BulkInsertAsync), and a province course whose saved group is "every head" (<c>{"positions":["UnitHead"]}</c>).
/// Each run copies the database and, in a child process, first enrols one commune's heads into another course (so that
/// the figure is the operation's, not the start of a program), then times the preview (count and list) and the
/// enrolment of the whole province. A run whose result is wrong (matched, enrolled, audit rows) fails the benchmark.
/// </summary>
public static class EnrolByRuleBench
{
    public const string ChildVerb = "enrol-by-rule-child";
    private const string Province = "25";
    private static readonly DateOnly Start = new(2026, 12, 1);

    public static async Task<int> RunAsync(Options options)
    {
        var heads = options.Int("heads", 2300);
        var runs = options.Int("runs", 5);
        var work = Directory.CreateDirectory(options.Text("work", Path.Combine(Path.GetTempPath(), "grassroots-bench-enrol"))).FullName;
        var template = Path.Combine(work, "template.db");
        Console.WriteLine($"Preparing {heads:N0} units with their leaders in {work} …");
        var (courseId, warmupCourseId, tenures) = await PrepareAsync(template, heads);
        Console.WriteLine($"Registry: {heads:N0} units, {tenures:N0} tenures");

        var results = new List<(double Preview, double Enrol)>();
        var loads = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            loads.Add(LoadAverage());
            var copy = Path.Combine(work, "run.db");
            File.Copy(template, copy, overwrite: true);
            foreach (var f in new[] { copy + "-wal", copy + "-shm" }) File.Delete(f);
            var output = await Child.RunAsync([ChildVerb, copy, courseId.ToString(CultureInfo.InvariantCulture), warmupCourseId.ToString(CultureInfo.InvariantCulture)]);
            var parts = output.TrimEnd('\r', '\n').Split('\t');
            var (preview, enrol) = (double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture));
            var (matched, enrolled, audited) = (int.Parse(parts[2], CultureInfo.InvariantCulture), int.Parse(parts[3], CultureInfo.InvariantCulture), int.Parse(parts[4], CultureInfo.InvariantCulture));
            if (matched != heads || enrolled != heads || audited != heads)
            {
                Console.Error.WriteLine($"enrol-by-rule: wrong result: {matched} matched, {enrolled} enrolled, {audited} audit rows for {heads} heads");
                return 1;
            }
            results.Add((preview, enrol));
            Console.WriteLine($"  run {i + 1}: preview {preview:N0} ms, enrol {enrol:N0} ms");
        }

        Console.WriteLine();
        Console.WriteLine(Machine.Describe());
        Console.WriteLine($"Load average (1 min) before the runs: {string.Join(", ", loads.Select(l => l.ToString("F1", CultureInfo.InvariantCulture)))}");
        Console.WriteLine("| operation | heads | provider | median | min | max | runs |");
        Console.WriteLine("| --- | ---: | --- | ---: | ---: | ---: | ---: |");
        void Row(string name, List<double> ms) =>
            Console.WriteLine($"| {name} | {heads:N0} | SQLite | {Stats.Median(ms):N0} ms | {ms.Min():N0} ms | {ms.Max():N0} ms | {ms.Count} |");
        Row("target group preview (count and list)", [.. results.Select(r => r.Preview)]);
        Row("enrol by rule (rule, skip listed, bulk insert with audit rows, one transaction)", [.. results.Select(r => r.Enrol)]);
        return 0;
    }

    /// <summary>The 1-minute load average (Linux), to tell a busy machine's figures from a quiet one's; NaN elsewhere.</summary>
    private static double LoadAverage() => File.Exists("/proc/loadavg")
        ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture)
        : double.NaN;

    /// <summary>The measured part, in its own process: a small enrolment to warm up, then the province's, timed.</summary>
    public static async Task<int> ChildAsync(string[] args)
    {
        var (path, courseId, warmupCourseId) = (args[0], int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture));
        var options = new DbContextOptionsBuilder<AppDb>();
        new DatabaseSettings(DbProvider.Sqlite, $"Data Source={path}", Path.GetDirectoryName(path)!).Configure(options);
        await using (var warm = new AppDb(options.Options))
            _ = (await new EnrolByRule(warm, TimeProvider.System).RunAsync(new EnrolByRuleInput(warmupCourseId), CancellationToken.None)).ValueOrThrow;

        await using var db = new AppDb(options.Options);
        var clock = Stopwatch.StartNew();
        var course = await db.Courses.AsNoTracking().SingleAsync(c => c.Id == courseId);
        var group = await db.TargetGroups.AsNoTracking().SingleAsync(g => g.CourseId == courseId);
        var place = await TargetPlace.OfAsync(db, course, CancellationToken.None);
        var rule = (await TargetRuleCheck.CheckAsync(db, TargetRule.Parse(group.Rule).ValueOrThrow, course.StartDate, place, CancellationToken.None)).ValueOrThrow;
        var preview = await TargetGroups.MatchAsync(db, rule, course.StartDate, place, CancellationToken.None);
        var previewMs = clock.Elapsed.TotalMilliseconds;
        db.ChangeTracker.Clear();
        clock.Restart();
        var result = (await new EnrolByRule(db, TimeProvider.System).RunAsync(new EnrolByRuleInput(courseId), CancellationToken.None)).ValueOrThrow;
        var enrolMs = clock.Elapsed.TotalMilliseconds;
        var enrolled = await db.Enrolments.CountAsync(e => e.CourseId == courseId);
        var audited = await db.AuditEvents.CountAsync(a => a.EntityType == nameof(Enrolment) && a.Operation == "enrol-by-rule") - (await db.Enrolments.CountAsync(e => e.CourseId == warmupCourseId));
        Console.WriteLine(string.Join('\t', previewMs.ToString("F1", CultureInfo.InvariantCulture), enrolMs.ToString("F1", CultureInfo.InvariantCulture),
            (preview.Count == result.Matched && result.Enrolled == result.Matched ? result.Matched : -1).ToString(CultureInfo.InvariantCulture), enrolled.ToString(CultureInfo.InvariantCulture), audited.ToString(CultureInfo.InvariantCulture)));
        return 0;
    }

    /// <summary>The database: schema, catalogs, the registry (bulk inserted) and the two courses with their groups.</summary>
    private static async Task<(int CourseId, int WarmupCourseId, int Tenures)> PrepareAsync(string path, int units)
    {
        var (options, communes, tenureCount) = await BenchRegistry.CreateAsync(path, Province, units);
        int courseId, warmupId;
        await using (var db = new AppDb(options))
        {
            var now = DateTime.UtcNow;
            var programme = await db.Programmes.FirstAsync(p => p.Title == ProgrammeCatalog.HeadsProgramme);
            Course NewCourse(string title, int? communeId) => new()
            {
                Title = title, Organiser = "Sở Nội vụ tỉnh Phú Thọ", ProvinceCode = Province, CommuneId = communeId, ProgrammeId = programme.Id, StartDate = Start,
                EndDate = Start.AddDays(1), Status = CourseStatus.Open, CreatedAt = now, UpdatedAt = now,
            };
            var course = NewCourse("Bồi dưỡng trưởng thôn, tổ trưởng tổ dân phố toàn tỉnh", null);
            var warmup = NewCourse("Tập huấn trưởng thôn của một xã", communes[0].Id);
            db.Courses.AddRange(course, warmup);
            await db.SaveChangesAsync();
            const string heads = """{"positions":["UnitHead"]}""";
            db.TargetGroups.AddRange(
                new TargetGroup { CourseId = course.Id, ProvinceCode = Province, Name = "Trưởng thôn, tổ trưởng toàn tỉnh", Rule = heads, CreatedAt = now, UpdatedAt = now },
                new TargetGroup { CourseId = warmup.Id, ProvinceCode = Province, CommuneId = warmup.CommuneId, Name = "Trưởng thôn của xã", Rule = heads, CreatedAt = now, UpdatedAt = now });
            await db.SaveChangesAsync();
            (courseId, warmupId) = (course.Id, warmup.Id);
        }
        await BenchRegistry.CheckpointAsync(path);
        return (courseId, warmupId, tenureCount);
    }
}
