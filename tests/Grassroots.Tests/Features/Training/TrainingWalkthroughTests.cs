using System.Net;
using System.Text.Json;
using Grassroots.Data;
using Grassroots.Data.Seed;
using Grassroots.Features.Accounts;
using Grassroots.Features.People;
using Grassroots.Features.Training;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Grassroots.Tests.Infrastructure.Api;

namespace Grassroots.Tests.Features.Training;

/// <summary>
/// Issue 5's "done when", end to end over HTTP in the demo province: a province officer plans a course for the heads who
/// are not Party members and under 60, sees the count (checked against the registry), enrols them (capacity, then a
/// waiting list), prints the invitations; one session by roll call, the other by a leader's QR check-in; the course is
/// closed, certificates issued and one verified by anyone; coverage counts the new figures. Each bad input on the way
/// answers its coded problem and changes nothing.
/// </summary>
public sealed class TrainingWalkthroughTests
{
    private static readonly DateOnly Start = new(2026, 12, 1);

    private static async Task<TestApp> DemoAppAsync()
    {
        var database = await TestDatabase.CreateAsync();
        var time = new FixedClock();
        await using (var db = database.NewDb()) await new DemoProvince(db, time).SeedAsync(CancellationToken.None);
        var app = new TestApp(database, new AppFactory(database, time));
        app.Client.DefaultRequestHeaders.Authorization =
            new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await app.TokenAsync(Grassroots.Features.Accounts.AdminBootstrap.AdminUserName, AppFactory.AdminPassword));
        return app;
    }

    /// <summary>The registry counted without the rule engine: heads on the date, not Party members, under 60 on that day.</summary>
    private static async Task<HashSet<int>> HeadsNotMembersUnder60Async(AppDb db, DateOnly date)
    {
        var heads = await db.Tenures.AsNoTracking()
            .Where(t => t.Position == Position.UnitHead && t.StartDate <= date && (t.EndDate == null || t.EndDate >= date) && t.Unit!.ProvinceCode == "25")
            .Select(t => new { t.PersonId, t.Person!.PartyMember, t.Person.DateOfBirth }).ToListAsync();
        return [.. heads.Where(h => !h.PartyMember && h.DateOfBirth is { } born && born.AddYears(60) > date).Select(h => h.PersonId)];
    }

    private static string Code(JsonElement problem) => problem.GetProperty("code").GetString()!;

    [Fact]
    public async Task A_province_officer_runs_a_party_awareness_course_from_the_target_group_to_verified_certificates_and_coverage()
    {
        await using var app = await DemoAppAsync();
        var time = (FixedClock)app.Factory.Time;
        int expected;
        await using (var db = app.Database.NewDb()) expected = (await HeadsNotMembersUnder60Async(db, Start)).Count;
        Assert.InRange(expected, 50, 2000);

        var officer = await app.ClientForAsync("so.noivu", Role.ProvinceOfficer, "25");
        var (_, programmes) = await Send(officer, HttpMethod.Get, "/api/v1/training/programmes");
        var programmeId = programmes.EnumerateArray().Single(p => p.GetProperty("title").GetString() == ProgrammeCatalog.PartyAwarenessProgramme).GetProperty("id").GetInt32();

        // A plan, then a course: end before start is refused and creates nothing.
        var (planStatus, plan) = await Send(officer, HttpMethod.Post, "/api/v1/training/plans", new
        {
            title = "Kế hoạch bồi dưỡng nhận thức về Đảng năm 2026", organiser = "Ban Tuyên giáo và Dân vận Tỉnh ủy", year = 2026, provinceCode = "25",
            decisionNumber = "15/KH-BTGDV", decisionDate = "2026-10-01", decisionIssuer = "Ban Tuyên giáo và Dân vận Tỉnh ủy Phú Thọ",
        });
        Assert.Equal(HttpStatusCode.Created, planStatus);
        var course = new
        {
            title = "Lớp nhận thức về Đảng cho trưởng thôn chưa là đảng viên", programmeId, planId = plan.GetProperty("id").GetInt32(),
            organiser = "Ban Tuyên giáo và Dân vận Tỉnh ủy", provinceCode = "25", startDate = "2026-12-02", endDate = "2026-12-01", capacity = expected - 3,
        };
        var (bad, badCourse) = await Send(officer, HttpMethod.Post, "/api/v1/training/courses", course);
        Assert.Equal((HttpStatusCode.BadRequest, "end_before_start"), (bad, Code(badCourse)));
        await using (var db = app.Database.NewDb()) Assert.False(await db.Courses.AnyAsync(c => c.Title == course.title));
        var (created, detail) = await Send(officer, HttpMethod.Post, "/api/v1/training/courses", course with { startDate = "2026-12-01", endDate = "2026-12-02" });
        Assert.Equal(HttpStatusCode.Created, created);
        var id = detail.GetProperty("course").GetProperty("id").GetInt32();
        var url = $"/api/v1/training/courses/{id}";

        // Sessions: one outside the course's dates is refused.
        var (outside, outsideProblem) = await Send(officer, HttpMethod.Post, $"{url}/sessions", new { date = "2026-12-05", startTime = "07:30", endTime = "11:00", topic = "Chuyên đề 1" });
        Assert.Equal((HttpStatusCode.BadRequest, "session_outside_course"), (outside, Code(outsideProblem)));
        var sessions = new List<int>();
        foreach (var (date, topic) in new[] { ("2026-12-01", "Một số vấn đề cơ bản về Đảng Cộng sản Việt Nam"), ("2026-12-02", "Điều lệ Đảng và tiêu chuẩn đảng viên") })
        {
            var (s, session) = await Send(officer, HttpMethod.Post, $"{url}/sessions", new { date, startTime = "07:30", endTime = "11:00", topic, lecturer = "Nguyễn Văn Bắc" });
            Assert.Equal(HttpStatusCode.Created, s);
            sessions.Add(session.GetProperty("id").GetInt32());
        }
        Assert.Equal(HttpStatusCode.OK, (await Send(officer, HttpMethod.Post, $"{url}/status?version={detail.GetProperty("course").GetProperty("version").GetInt32()}", new { status = "open" })).Status);

        // The target group "trưởng thôn chưa là đảng viên, dưới 60 tuổi": the count before enrolling equals the registry's.
        var (previewStatus, preview) = await Send(officer, HttpMethod.Post, $"{url}/target-group", new { rule = new { positions = new[] { "unitHead" }, partyMember = false, ageUnder = 60 } });
        Assert.Equal(HttpStatusCode.OK, previewStatus);
        Assert.Equal(expected, preview.GetProperty("count").GetInt32());
        var (saved, group) = await Send(officer, HttpMethod.Put, $"{url}/target-group",
            new { name = "Trưởng thôn chưa là đảng viên, dưới 60 tuổi", rule = new { positions = new[] { "unitHead" }, partyMember = false, ageUnder = 60 } });
        Assert.Equal(HttpStatusCode.Created, saved);
        var (enrolStatus, enrolled) = await Send(officer, HttpMethod.Post, $"{url}/target-group/enrol", new { targetGroupId = group.GetProperty("id").GetInt32() });
        Assert.Equal(HttpStatusCode.OK, enrolStatus);
        // Over capacity: the last three by name wait.
        Assert.Equal((expected, expected - 3, 3), (enrolled.GetProperty("matched").GetInt32(), enrolled.GetProperty("enrolled").GetInt32(), enrolled.GetProperty("waiting").GetInt32()));
        // A person outside the officer's province is not found, and nothing is added.
        int hanoiPerson;
        await using (var db = app.Database.NewDb())
        {
            var unit = await UnitBuilder.EstablishAsync(db, time, "Tổ dân phố Hà Nội", UnitBuilder.Phuong, Grassroots.Features.Units.UnitKind.ResidentialGroup);
            hanoiPerson = (await LeaderBuilder.AppointAsync(db, time, unit, "Lê Văn Hà")).PersonId;
        }
        var (outOfScope, scopeProblem) = await Send(officer, HttpMethod.Post, $"{url}/enrolments", new { personId = hanoiPerson });
        Assert.Equal((HttpStatusCode.NotFound, "person_not_found"), (outOfScope, Code(scopeProblem)));
        var (_, list) = await Send(officer, HttpMethod.Get, $"{url}/enrolments");
        Assert.Equal((expected - 3, 3), (list.GetProperty("enrolled").GetInt32(), list.GetProperty("waiting").GetInt32()));
        var participants = list.GetProperty("items").EnumerateArray().Where(e => e.GetProperty("status").GetString() == "enrolled")
            .Select(e => (Id: e.GetProperty("id").GetInt32(), PersonId: e.GetProperty("personId").GetInt32(), UnitId: e.GetProperty("unitId").GetInt32(), Name: e.GetProperty("fullName").GetString()!))
            .ToList();

        // The invitation list prints with every participant; the .xlsx comes too.
        var invitations = await HtmlPage.GetAsync(officer, $"/dao-tao/lop/{id}/giay-moi");
        Assert.All(participants.Take(5), p => Assert.Contains(p.Name, invitations.Body!.TextContent));
        var xlsx = await officer.GetAsync($"{url}/invitations");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);

        // Day 1 by roll call: everyone present.
        time.Now = Grassroots.Features.Training.Attendances.CheckInCode.At(Start, new TimeOnly(8, 0));
        officer = await AttendanceScene.SignInAsync(app, "so.noivu");
        var (rollStatus, roll) = await Send(officer, HttpMethod.Put, $"/api/v1/training/sessions/{sessions[0]}/attendance",
            new { marks = participants.Select(p => new { enrolmentId = p.Id, status = "present" }).ToArray() });
        Assert.Equal(HttpStatusCode.OK, rollStatus);
        Assert.Equal(participants.Count, roll.GetProperty("result").GetProperty("created").GetInt32());

        // Day 2: a leader checks in from the QR code on their phone; an expired code and a second check-in are refused.
        var leader = participants[0];
        CourseSession day2;
        await using (var db = app.Database.NewDb()) day2 = await db.CourseSessions.AsNoTracking().SingleAsync(s => s.Id == sessions[1]);
        AttendanceScene.At(time, 7, 31, Start.AddDays(1));
        var oldCode = AttendanceScene.CodeNow(day2, time);
        AttendanceScene.At(time, 7, 40, Start.AddDays(1));
        using var phone = await AttendanceScene.LeaderAsync(app, "truong.thon", leader.PersonId, leader.UnitId);
        var checkIn = $"/api/v1/training/sessions/{day2.Id}/check-in";
        var (expiredStatus, expired) = await Send(phone, HttpMethod.Post, checkIn, new { code = oldCode });
        Assert.Equal(HttpStatusCode.BadRequest, expiredStatus);
        Assert.Equal("code_expired", Code(expired));
        Assert.Equal(HttpStatusCode.OK, (await Send(phone, HttpMethod.Post, checkIn, new { code = AttendanceScene.CodeNow(day2, time) })).Status);
        var (twice, twiceProblem) = await Send(phone, HttpMethod.Post, checkIn, new { code = AttendanceScene.CodeNow(day2, time) });
        Assert.Equal((HttpStatusCode.Conflict, "already_checked_in"), (twice, Code(twiceProblem)));
        await using (var db = app.Database.NewDb())
            Assert.Equal(1, await db.Attendances.CountAsync(a => a.SessionId == day2.Id));
        // The others by roll call; the leader's own check-in stays.
        officer = await AttendanceScene.SignInAsync(app, "so.noivu");
        var (roll2Status, _) = await Send(officer, HttpMethod.Put, $"/api/v1/training/sessions/{day2.Id}/attendance",
            new { marks = participants.Skip(1).Select(p => new { enrolmentId = p.Id, status = "present" }).ToArray() });
        Assert.Equal(HttpStatusCode.OK, roll2Status);

        // Closed: running, then finished (which computes the results); certificates for all who completed.
        AttendanceScene.At(time, 17, 0, Start.AddDays(1));
        officer = await AttendanceScene.SignInAsync(app, "so.noivu");
        foreach (var status in new[] { "running", "finished" })
        {
            var (_, current) = await Send(officer, HttpMethod.Get, url);
            var (changed, _) = await Send(officer, HttpMethod.Post, $"{url}/status?version={current.GetProperty("course").GetProperty("version").GetInt32()}", new { status });
            Assert.Equal(HttpStatusCode.OK, changed);
        }
        var (_, results) = await Send(officer, HttpMethod.Get, $"{url}/results");
        Assert.Equal((participants.Count, 0, 0), (results.GetProperty("completed").GetInt32(), results.GetProperty("notCompleted").GetInt32(), results.GetProperty("pending").GetInt32()));
        var (issuedStatus, issued) = await Send(officer, HttpMethod.Post, $"{url}/certificates");
        Assert.Equal(HttpStatusCode.OK, issuedStatus);
        var certificates = issued.GetProperty("issued").EnumerateArray().ToList();
        Assert.Equal(participants.Count, certificates.Count);

        // A resident opens the certificate's QR link: the holder partly masked, the course and its dates.
        var mine = certificates.Single(c => c.GetProperty("personId").GetInt32() == leader.PersonId);
        using var resident = app.Anonymous;
        var verify = await HtmlPage.GetAsync(resident, mine.GetProperty("verifyPath").GetString()!);
        var text = verify.Body!.TextContent;
        Assert.Contains(course.title, text);
        Assert.Contains("01/12/2026", text);
        Assert.DoesNotContain(leader.Name, text);
        Assert.Contains(leader.Name.Split(' ')[0], text);

        // Coverage of the programme among those heads now counts them.
        var (coverageStatus, coverage) = await Send(officer, HttpMethod.Get, $"/api/v1/training/coverage?province=25&position=UnitHead&programmeId={programmeId}&asOf=2026-12-03");
        Assert.Equal(HttpStatusCode.OK, coverageStatus);
        Assert.Equal(participants.Count, coverage.GetProperty("total").GetProperty("trained").GetInt32());
    }
}
