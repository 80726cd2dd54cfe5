using Grassroots.Data;
using Grassroots.Data.Seed;
using Grassroots.Features.People;
using Grassroots.Features.Training;
using Grassroots.Features.Units;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Tests.Data;

/// <summary>
/// The demo province's training reproduces the source articles' cases on its own registry: a one-day course for every
/// ward head and deputy, two classes of four days with eight topics for the secretaries who are also heads, and the
/// Party-awareness course whose target group ("heads not Party members, under 60") is counted against the registry.
/// </summary>
public sealed class DemoTrainingTests(SeededDemo demo) : IClassFixture<SeededDemo>
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private sealed record Held(int PersonId, int UnitId, Position Position, UnitKind Kind, AdminUnitType CommuneType);

    /// <summary>Who holds a post in a demo unit on the date, read straight from tenures and unit periods.</summary>
    private static async Task<List<Held>> HeldOnAsync(AppDb db, DateOnly date) =>
        await (from t in db.Tenures.AsNoTracking()
               where t.Unit!.IsDemo && t.StartDate <= date && (t.EndDate == null || t.EndDate >= date)
               join p in db.ResidentialUnitPeriods on t.UnitId equals p.UnitId
               where p.ValidFrom <= date && (p.ValidTo == null || p.ValidTo >= date)
               select new Held(t.PersonId, t.UnitId, t.Position, p.Kind, p.Commune!.Type)).ToListAsync(Ct);

    private static Task<Course> CourseAsync(AppDb db, string titleStart) =>
        db.Courses.AsNoTracking().Include(c => c.Classes).Include(c => c.Sessions).SingleAsync(c => c.IsDemo && c.Title.StartsWith(titleStart), Ct);

    [Fact]
    public async Task The_wards_course_enrols_every_head_and_deputy_of_the_wards_several_hundred_in_one_day()
    {
        await using var db = demo.NewDb();
        var course = await CourseAsync(db, "Tập huấn nghiệp vụ cho tổ trưởng, tổ phó");
        Assert.Equal(course.StartDate, course.EndDate);
        Assert.Single(course.Sessions);
        var plan = await db.TrainingPlans.AsNoTracking().SingleAsync(p => p.Id == course.PlanId, Ct);
        Assert.Equal((2026, "297/QĐ-UBND"), (plan.Year, plan.DecisionNumber));

        var expected = (await HeldOnAsync(db, DemoTraining.WardsCourseDay))
            .Where(h => h.CommuneType == AdminUnitType.Ward && h.Position is Position.UnitHead or Position.DeputyHead)
            .Select(h => h.PersonId).ToHashSet();
        var enrolled = await db.Enrolments.AsNoTracking().Where(e => e.CourseId == course.Id).Select(e => new { e.PersonId, e.Position, e.UnitId }).ToListAsync(Ct);
        Assert.InRange(enrolled.Count, 200, 2000);
        Assert.Equal(expected.Order(), enrolled.Select(e => e.PersonId!.Value).Order());
        Assert.All(enrolled, e => Assert.Contains(e.Position, new Position?[] { Position.UnitHead, Position.DeputyHead }));
        // One attendance mark each for the one session.
        Assert.Equal(enrolled.Count, await db.Attendances.CountAsync(a => a.SessionId == course.Sessions[0].Id, Ct));
    }

    [Fact]
    public async Task The_secretaries_course_has_two_classes_of_four_days_with_eight_topics_and_only_secretaries_who_are_heads()
    {
        await using var db = demo.NewDb();
        var course = await CourseAsync(db, "Lớp bồi dưỡng nghiệp vụ cho bí thư chi bộ kiêm trưởng thôn");
        Assert.Equal(2, course.Classes.Count);
        var topics = await db.ProgrammeTopics.AsNoTracking().Where(t => t.ProgrammeId == course.ProgrammeId).Select(t => t.Id).ToListAsync(Ct);
        Assert.Equal(8, topics.Count);
        foreach (var k in course.Classes)
        {
            var sessions = course.Sessions.Where(s => s.ClassId == k.Id).ToList();
            Assert.Equal(8, sessions.Count);
            Assert.Equal(4, sessions.Select(s => s.Date).Distinct().Count());
            Assert.Equal(topics.Order(), sessions.Select(s => s.TopicId!.Value).Order());
            Assert.All(sessions, s => Assert.InRange(s.Date, course.StartDate, course.EndDate));
        }

        var held = (await HeldOnAsync(db, DemoTraining.SecretariesStart)).ToLookup(h => h.PersonId);
        var enrolled = await db.Enrolments.AsNoTracking().Where(e => e.CourseId == course.Id).ToListAsync(Ct);
        Assert.InRange(enrolled.Count, 100, 179);
        Assert.All(enrolled, e =>
        {
            Assert.Contains(held[e.PersonId!.Value], h => h.Position == Position.UnitHead);
            Assert.Contains(held[e.PersonId!.Value], h => h.Position == Position.PartyCellSecretary);
            Assert.NotNull(e.ClassId);
        });
        Assert.All(course.Classes, k => Assert.InRange(enrolled.Count(e => e.ClassId == k.Id), 1, k.Capacity ?? int.MaxValue));

        // Completed by attendance share; a certificate each for those who completed, numbered 1, 2, 3 … in one register.
        var completed = enrolled.Where(e => e.Result == TrainingResult.Completed).Select(e => e.Id).ToHashSet();
        Assert.InRange(completed.Count, enrolled.Count * 8 / 10, enrolled.Count);
        var attended = await db.Attendances.AsNoTracking().Where(a => a.Enrolment!.CourseId == course.Id)
            .GroupBy(a => a.EnrolmentId).Select(g => new { g.Key, Sessions = g.Count(), Attended = g.Count(a => a.Status == AttendanceStatus.Present || a.Status == AttendanceStatus.Late) })
            .ToListAsync(Ct);
        Assert.All(attended, a =>
        {
            Assert.Equal(8, a.Sessions);
            Assert.Equal(100m * a.Attended / 8 >= course.MinAttendancePercent, completed.Contains(a.Key));
        });
        var certificates = await db.Certificates.AsNoTracking().Where(c => c.CourseId == course.Id).OrderBy(c => c.Sequence).ToListAsync(Ct);
        Assert.Equal(completed.Order(), certificates.Select(c => c.EnrolmentId).Order());
        Assert.Equal(Enumerable.Range(1, certificates.Count), certificates.Select(c => c.Sequence));
        Assert.Single(certificates.Select(c => c.Register).Distinct());
        Assert.Equal(certificates.Count, certificates.Select(c => c.Code).Distinct().Count());
        Assert.All(certificates, c => Assert.True(c.Code.Length >= 22, c.Code));
    }

    [Fact]
    public async Task The_Party_awareness_course_enrols_exactly_the_heads_who_are_not_Party_members_and_under_60()
    {
        await using var db = demo.NewDb();
        var course = await CourseAsync(db, DemoTraining.PartyAwarenessTitle);
        var start = DemoTraining.PartyAwarenessStart(FixedClock.DefaultToday);
        Assert.Equal(start, course.StartDate);
        Assert.Equal(CourseStatus.Open, course.Status);
        Assert.Equal(3, course.Sessions.Count);
        var group = await db.TargetGroups.AsNoTracking().SingleAsync(g => g.CourseId == course.Id, Ct);

        // The registry counted by hand: heads on the first day, then who is not a Party member, then who is under 60.
        var heads = (await HeldOnAsync(db, start)).Where(h => h.Position == Position.UnitHead).Select(h => h.PersonId).ToHashSet();
        var people = await db.People.AsNoTracking().Where(p => heads.Contains(p.Id)).Select(p => new { p.Id, p.PartyMember, p.DateOfBirth }).ToListAsync(Ct);
        var notMembers = people.Where(p => !p.PartyMember).ToList();
        var under60 = notMembers.Where(p => p.DateOfBirth is { } born && born.AddYears(60) > start).Select(p => p.Id).ToHashSet();
        Assert.True(notMembers.Count > under60.Count && under60.Count > 0 && people.Count > notMembers.Count,
            $"heads {people.Count}, not Party members {notMembers.Count}, of them under 60 {under60.Count}: every condition should narrow the group");

        var enrolled = await db.Enrolments.AsNoTracking().Where(e => e.CourseId == course.Id).ToListAsync(Ct);
        Assert.Equal(under60.Order(), enrolled.Select(e => e.PersonId!.Value).Order());
        Assert.All(enrolled, e =>
        {
            Assert.Equal(EnrolmentSource.Rule, e.Source);
            Assert.Equal(group.Id, e.TargetGroupId);
            Assert.Equal(Position.UnitHead, e.Position);
            Assert.Equal(EnrolmentStatus.Enrolled, e.Status);
        });
        Assert.Equal(under60.Count, course.Capacity);
    }
}
