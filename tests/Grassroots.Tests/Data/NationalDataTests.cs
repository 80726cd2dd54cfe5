using System.CommandLine;
using Grassroots.Cli;
using Grassroots.Data;
using Grassroots.Data.Seed;
using Grassroots.Features.People;
using Grassroots.Features.Training;
using Grassroots.Features.Training.Coverage;
using Grassroots.Features.Units;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Tests.Data;

/// <summary>The synthetic national data set (<c>grassroots seed national</c>) at a small scale: its shape, that a seed gives the same data, that it loads once.</summary>
public sealed class NationalDataTests
{
    private const double Scale = 0.005;
    private readonly FixedClock _time = new();
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Seed_gives_units_of_the_right_kind_in_current_communes_each_with_one_open_head()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewDb();
        var lines = new List<string>();

        var result = await new NationalData(db, _time).SeedAsync(Scale, 42, lines.Add, Ct);

        // 3,321 communes × 30 × 0.005 ≈ 500 units, about 4.2 people and 6 tenures each.
        Assert.Equal(34, result.Provinces);
        Assert.Equal(3321, result.Communes);
        Assert.InRange(result.Units, 400, 600);
        Assert.InRange((double)result.People, result.Units * 3.8, result.Units * 4.8);
        Assert.InRange((double)result.Tenures, result.Units * 5.6, result.Units * 6.6);
        Assert.Equal(34, lines.Count);

        await using var fresh = database.NewDb();
        var communes = await fresh.AdminUnits.AsNoTracking().Include(c => c.TypeChanges)
            .Where(c => c.Level == AdminLevel.Commune && c.ValidTo == null).ToDictionaryAsync(c => c.Id, Ct);
        var units = await fresh.ResidentialUnits.AsNoTracking().Include(u => u.Periods).ThenInclude(p => p.OpenedBy).ToListAsync(Ct);
        Assert.Equal(result.Units, units.Count);
        Assert.All(units, u =>
        {
            Assert.True(u.IsDemo);
            var period = Assert.Single(u.Periods);
            Assert.Null(period.ValidTo);
            Assert.Equal(NationalData.EffectiveDate, period.ValidFrom);
            Assert.Equal(u.CurrentCommuneId, period.CommuneId);
            var commune = communes[period.CommuneId];
            Assert.Equal(commune.ProvinceCode, u.ProvinceCode);
            Assert.Equal(commune.AsOf(NationalData.EffectiveDate).Type == AdminUnitType.Ward ? UnitKind.ResidentialGroup : UnitKind.Village, period.Kind);
            Assert.Null(UnitChecks.KindFitsCommune(period.Kind, commune, NationalData.EffectiveDate, "kind"));
            Assert.StartsWith(ResidentialUnit.KindName(period.Kind) + " ", period.Name, StringComparison.Ordinal);
            Assert.Equal(UnitEventType.Establish, period.OpenedBy!.Type);
            Assert.Equal(NationalData.Note, period.OpenedBy.Note);
            if (period.Kind == UnitKind.Village) Assert.InRange(u.HouseholdCount!.Value, 120, 450);
            else Assert.InRange(u.HouseholdCount!.Value, 150, 600);
        });
        Assert.All(units.SelectMany(u => u.Periods).GroupBy(p => p.CommuneId), g => Assert.Equal(g.Count(), g.Select(p => p.NameKey).Distinct().Count()));
        // Spread over the country, with many communes left without a unit at this scale.
        Assert.Equal(34, units.Select(u => u.ProvinceCode).Distinct().Count());
        Assert.InRange(units.Select(u => u.CurrentCommuneId).Distinct().Count(), 300, 600);

        var tenures = await fresh.Tenures.AsNoTracking().Include(t => t.Person).ToListAsync(Ct);
        Assert.Equal(result.Tenures, tenures.Count);
        var byUnit = tenures.ToLookup(t => t.UnitId);
        Assert.All(units, u =>
        {
            var open = byUnit[u.Id].Where(t => t.EndDate == null).ToList();
            var head = Assert.Single(open, t => t.Position == Position.UnitHead);
            Assert.Single(open, t => t.Position == Position.PartyCellSecretary);
            Assert.Single(open, t => t.Position == Position.FrontCommitteeHead);
            Assert.Single(byUnit[u.Id], t => t.Position == Position.UnitHead && t.TermLabel == NationalData.EarlierTerm && t.EndDate < head.StartDate);
            Assert.InRange(Person.AgeOn(head.Person!.DateOfBirth, FixedClock.DefaultToday)!.Value, 28, 73);
        });
        Assert.All(tenures, t =>
        {
            Assert.Contains(t.TermLabel, new[] { NationalData.EarlierTerm, NationalData.CurrentTerm });
            Assert.Equal(t.TermLabel == NationalData.EarlierTerm, t.EndDate is not null);
            Assert.Equal(t.Person!.ResidenceUnitId, t.UnitId);
            Assert.Equal(t.Person.CommuneId, t.CommuneId);
            if (t.Position == Position.PartyCellSecretary) Assert.True(t.Person.PartyMember);
        });
        var people = tenures.Select(t => t.Person!).DistinctBy(p => p.Id).ToList();
        Assert.Equal(result.People, people.Count);
        Assert.Equal(result.People, await fresh.People.CountAsync(Ct));
        Assert.All(people, p => Assert.True(p.IsDemo && p.Note == NationalData.Note && p.FullName.Split(' ').Length >= 3 && p.SortKey.Length > 0));
        Assert.InRange(people.Count(p => p.PartyMember) / (double)people.Count, 0.5, 0.72);
        // Nhất thể hóa: the head is also the party-cell secretary in about 40 % of units.
        var concurrent = units.Count(u => byUnit[u.Id].Where(t => t.EndDate == null && t.Position is Position.UnitHead or Position.PartyCellSecretary)
            .Select(t => t.PersonId).Distinct().Count() == 1);
        Assert.InRange(concurrent / (double)units.Count, 0.3, 0.5);
        Assert.InRange(units.Count(u => byUnit[u.Id].Any(t => t.EndDate == null && t.Position == Position.DeputyHead)) / (double)units.Count, 0.65, 0.85);

        // One summary event (the catalog's own load records others), no event per row.
        Assert.Single(await fresh.AuditEvents.Where(e => e.Action == "seed" && e.EntityType == nameof(ResidentialUnit)).ToListAsync(Ct));
        Assert.Equal(0, await fresh.AuditEvents.CountAsync(e => e.Action == "create", Ct));
    }

    [Fact]
    public async Task Seed_gives_five_years_of_training_to_the_holders_of_each_course_with_results_that_follow_attendance()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewDb();

        var result = await new NationalData(db, _time).SeedAsync(Scale, 5, null, Ct);

        await using var fresh = database.NewDb();
        var courses = await fresh.Courses.AsNoTracking().Include(c => c.Classes).Include(c => c.Sessions).ToDictionaryAsync(c => c.Id, Ct);
        var enrolments = await fresh.Enrolments.AsNoTracking().ToListAsync(Ct);
        var attendance = (await fresh.Attendances.AsNoTracking().ToListAsync(Ct)).ToLookup(a => a.EnrolmentId);
        var tenures = (await fresh.Tenures.AsNoTracking().ToListAsync(Ct)).ToLookup(t => t.PersonId);
        Assert.Equal(result.Training.Courses, courses.Count);
        Assert.Equal(result.Training.Enrolments, enrolments.Count);
        Assert.Equal(result.Training.Attendances, attendance.Sum(g => g.Count()));
        // Per unit and year: about 3.3 current holders at the commune's course most years, heads and deputies at half the
        // communes' conferences, heads or secretaries at the province's course for half the communes — about 22 in five years.
        Assert.InRange(enrolments.Count, result.Units * 17.0, result.Units * 27.0);
        Assert.InRange(result.Training.Attendances / (double)enrolments.Count, 3.3, 4.5);
        Assert.Equal(5, courses.Values.Select(c => c.StartDate.Year).Distinct().Count());
        Assert.All(courses.Values, c => Assert.True(c.IsDemo && c.Note == NationalData.Note && c.Status == CourseStatus.Finished && c.EndDate < FixedClock.DefaultToday));
        Assert.Equal(enrolments.Count, enrolments.Select(e => (e.CourseId, e.PersonId)).Distinct().Count());
        Assert.Equal(enrolments.Count, enrolments.Select(e => e.InvitationCode).Distinct().Count());

        Assert.All(enrolments, e =>
        {
            var course = courses[e.CourseId];
            // Each participant held the post named on the enrolment, in the course's commune (or province), on its first day.
            Assert.Contains(tenures[e.PersonId!.Value], t => t.Position == e.Position && t.UnitId == e.UnitId && t.CommuneId == e.CommuneId
                && t.StartDate <= course.StartDate && (t.EndDate == null || t.EndDate >= course.StartDate));
            Assert.Equal(course.ProvinceCode, e.ProvinceCode);
            if (course.CommuneId is { } commune) Assert.Equal(commune, e.CommuneId);
            else Assert.Contains(e.Position, new Position?[] { Position.UnitHead, Position.PartyCellSecretary });
            var sessions = course.Sessions.Where(s => s.ClassId == e.ClassId).ToList();
            Assert.Contains(sessions.Count, course.CommuneId is null ? [8] : new[] { 1, 4 });
            Assert.All(sessions, s => Assert.InRange(s.Date, course.StartDate, course.EndDate));
            var rows = attendance[e.Id].ToList();
            Assert.Equal(sessions.Select(s => s.Id).Order(), rows.Select(a => a.SessionId).Order());
            var share = 100m * rows.Count(a => Attendance.Counts(a.Status)) / rows.Count;
            Assert.Equal(share >= course.MinAttendancePercent ? TrainingResult.Completed : TrainingResult.NotCompleted, e.Result);
        });
        Assert.InRange(enrolments.Count(e => e.Result == TrainingResult.Completed) / (double)enrolments.Count, 0.85, 0.97);

        // Coverage on the national data: every current head counted once, most of them trained in their term.
        var coverage = await CoverageQueries.ReportAsync(fresh, new CoverageQuestion(FixedClock.DefaultToday, [Position.UnitHead], null, null), Ct);
        Assert.Equal(34, coverage.Rows.Count);
        Assert.Equal(result.Units, coverage.Total.Holders);
        Assert.InRange(coverage.Total.Trained / (double)coverage.Total.Holders, 0.8, 1.0);
    }

    [Fact]
    public async Task Demo_remove_clears_the_national_data_set_so_that_it_can_be_loaded_again()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.NewDb()) await new NationalData(db, _time).SeedAsync(0.001, 1, null, Ct);

        await using (var db = database.NewDb()) await new DemoProvince(db, _time).RemoveAsync(Ct);

        await using var fresh = database.NewDb();
        Assert.False(await new NationalData(fresh, _time).IsLoadedAsync(Ct));
        Assert.Equal(0, await fresh.ResidentialUnits.CountAsync(Ct));
        Assert.Equal(0, await fresh.People.CountAsync(Ct));
        Assert.Equal(0, await fresh.Courses.CountAsync(Ct));
        Assert.Equal(0, await fresh.Enrolments.CountAsync(Ct));
        Assert.Equal(0, await fresh.Attendances.CountAsync(Ct));
        var again = await new NationalData(fresh, _time).SeedAsync(0.001, 1, null, Ct);
        Assert.True(again.Units > 0);
    }

    [Fact]
    public async Task The_same_seed_and_scale_give_the_same_data_and_another_seed_other_data()
    {
        var first = await SnapshotAsync(seed: 7);
        var second = await SnapshotAsync(seed: 7);
        Assert.Equal(first, second);
        var other = await SnapshotAsync(seed: 8);
        Assert.NotEqual(first, other);
    }

    private async Task<List<string>> SnapshotAsync(int seed)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.NewDb()) await new NationalData(db, _time).SeedAsync(0.002, seed, null, Ct);
        await using var fresh = database.NewDb();
        var units = await fresh.ResidentialUnitPeriods.AsNoTracking()
            .OrderBy(p => p.UnitId).Select(p => $"{p.Commune!.Code} {p.Name} {p.Unit!.HouseholdCount}").ToListAsync(Ct);
        var people = await fresh.Tenures.AsNoTracking()
            .OrderBy(t => t.Id).Select(t => $"{t.Unit!.Periods.First().Name} {t.Position} {t.TermLabel} {t.StartDate} {t.Person!.FullName} {t.Person.DateOfBirth}")
            .ToListAsync(Ct);
        return [.. units, .. people];
    }

    [Fact]
    public async Task A_second_run_is_refused_and_changes_nothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewDb();
        var result = await new NationalData(db, _time).SeedAsync(0.001, 1, null, Ct);
        Assert.True(await new NationalData(db, _time).IsLoadedAsync(Ct));

        await Assert.ThrowsAsync<InvalidOperationException>(() => new NationalData(db, _time).SeedAsync(0.001, 2, null, Ct));

        await using var fresh = database.NewDb();
        Assert.Equal(result.Units, await fresh.ResidentialUnits.CountAsync(Ct));
        Assert.Equal(result.Tenures, await fresh.Tenures.CountAsync(Ct));
        Assert.Contains("seed=1", (await fresh.CatalogInfo.SingleAsync(x => x.Key == NationalData.InfoKey, Ct)).Value);
    }

    [Fact]
    public async Task Cli_verb_seeds_once_and_then_says_it_is_loaded()
    {
        await using var app = await AppFactory.StartAsync();
        var output = new StringWriter();
        var error = new StringWriter();
        var config = new InvocationConfiguration { Output = output, Error = error };

        Assert.Equal(0, await Commands.Seed(app.Factory.Services).Parse(["national", "--scale", "0.001", "--seed", "3"]).InvokeAsync(config));
        Assert.Contains("Đã nạp dữ liệu tổng hợp quốc gia: ", output.ToString());
        Assert.Equal(1, await Commands.Seed(app.Factory.Services).Parse(["national", "--scale", "0.001"]).InvokeAsync(config));
        Assert.Contains("Dữ liệu tổng hợp quốc gia đã được nạp; không nạp lần thứ hai.", error.ToString());
        Assert.Equal(1, await Commands.Seed(app.Factory.Services).Parse(["national", "--scale", "0"]).InvokeAsync(config));
        Assert.Contains("Hệ số quy mô phải lớn hơn 0 và không quá 10.", error.ToString());
    }
}
