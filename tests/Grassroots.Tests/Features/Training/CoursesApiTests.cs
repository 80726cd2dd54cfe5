using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grassroots.Features.Accounts;
using Grassroots.Features.Training;
using Grassroots.Tests.Infrastructure;
using static Grassroots.Tests.Infrastructure.Api;

namespace Grassroots.Tests.Features.Training;

/// <summary>Plans, courses and sessions over HTTP: the API with coded ProblemDetails, and the pages a province officer uses.</summary>
public sealed class CoursesApiTests
{
    private static async Task<int> ProgrammeIdAsync(TestApp app, string title = ProgrammeCatalog.HeadsProgramme)
    {
        var (_, list) = await Send(app.Client, HttpMethod.Get, "/api/v1/training/programmes");
        return list.EnumerateArray().Single(p => p.GetProperty("title").GetString() == title).GetProperty("id").GetInt32();
    }

    [Fact]
    public async Task A_plan_a_course_with_classes_and_its_sessions_through_the_api()
    {
        await using var app = await AppFactory.StartAsync();
        using var province = await app.ClientForAsync("so.noivu", Role.ProvinceOfficer, "25");
        var programmeId = await ProgrammeIdAsync(app, ProgrammeCatalog.SecretariesProgramme);
        var (planStatus, plan) = await Send(province, HttpMethod.Post, "/api/v1/training/plans", new
        {
            title = "Kế hoạch bồi dưỡng năm 2026", organiser = "UBND tỉnh Phú Thọ", year = 2026, provinceCode = "25",
            decisionNumber = "297/QĐ-UBND", decisionDate = "2026-02-18", decisionIssuer = "UBND tỉnh Phú Thọ",
        });
        Assert.Equal(HttpStatusCode.Created, planStatus);

        var course = new
        {
            title = "Lớp bồi dưỡng bí thư chi bộ kiêm trưởng thôn", programmeId, planId = plan.GetProperty("id").GetInt32(), organiser = "Ban Tổ chức Tỉnh ủy",
            provinceCode = "25", startDate = "2026-12-10", endDate = "2026-12-07", capacity = 179,
            classes = new[] { new { name = "Lớp 1", capacity = 90 }, new { name = "Lớp 2", capacity = 89 } },
        };
        var (badStatus, bad) = await Send(province, HttpMethod.Post, "/api/v1/training/courses", course);
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        Assert.Equal("end_before_start", bad.GetProperty("code").GetString());
        Assert.Equal("endDate", bad.GetProperty("errors")[0].GetProperty("field").GetString());

        var (created, detail) = await Send(province, HttpMethod.Post, "/api/v1/training/courses", course with { startDate = "2026-12-07", endDate = "2026-12-10" });
        Assert.Equal(HttpStatusCode.Created, created);
        var id = detail.GetProperty("course").GetProperty("id").GetInt32();
        Assert.Equal("planned", detail.GetProperty("course").GetProperty("status").GetString());
        var classes = detail.GetProperty("classes").EnumerateArray().Select(c => (c.GetProperty("name").GetString(), c.GetProperty("id").GetInt32())).ToList();
        Assert.Equal(["Lớp 1", "Lớp 2"], classes.Select(c => c.Item1));

        var (outside, problem) = await Send(province, HttpMethod.Post, $"/api/v1/training/courses/{id}/sessions",
            new { classId = classes[0].Item2, date = "2026-12-12", startTime = "07:30", endTime = "11:00", topic = "Khai giảng" });
        Assert.Equal((HttpStatusCode.BadRequest, "session_outside_course", "date"),
            (outside, problem.GetProperty("code").GetString(), problem.GetProperty("errors")[0].GetProperty("field").GetString()));
        var (sessionStatus, session) = await Send(province, HttpMethod.Post, $"/api/v1/training/courses/{id}/sessions",
            new { classId = classes[0].Item2, date = "2026-12-07", startTime = "07:30", endTime = "11:00", topic = "Khai giảng", lecturer = "Nguyễn Văn Bắc", room = "Hội trường A" });
        Assert.Equal(HttpStatusCode.Created, sessionStatus);
        Assert.Equal(("Lớp 1", "07:30:00"), (session.GetProperty("className").GetString(), session.GetProperty("startTime").GetString()));

        var (openStatus, opened) = await Send(province, HttpMethod.Post, $"/api/v1/training/courses/{id}/status?version=1", new { status = "open" });
        Assert.Equal(HttpStatusCode.OK, openStatus);
        Assert.Equal("open", opened.GetProperty("course").GetProperty("status").GetString());
        var (stale, conflict) = await Send(province, HttpMethod.Post, $"/api/v1/training/courses/{id}/status?version=1", new { status = "running" });
        Assert.Equal((HttpStatusCode.Conflict, "concurrency_conflict"), (stale, conflict.GetProperty("code").GetString()));

        var (_, list) = await Send(province, HttpMethod.Get, "/api/v1/training/courses?year=2026&province=25");
        var row = Assert.Single(list.EnumerateArray());
        Assert.Equal((1, 2), (row.GetProperty("sessions").GetInt32(), row.GetProperty("classes").GetInt32()));
    }

    [Fact]
    public async Task Courses_out_of_scope_are_not_found_and_none_can_be_opened_there()
    {
        await using var app = await AppFactory.StartAsync();
        Course hanoi;
        await using (var db = app.Database.NewDb()) hanoi = await TrainingBuilder.CourseAsync(db, app.Factory.Time, "Lớp của Hà Nội", provinceCode: "01");
        using var province = await app.ClientForAsync("so.noivu", Role.ProvinceOfficer, "25");
        Assert.Equal(HttpStatusCode.NotFound, (await Send(province, HttpMethod.Get, $"/api/v1/training/courses/{hanoi.Id}")).Status);
        Assert.Empty((await Send(province, HttpMethod.Get, "/api/v1/training/courses?year=2026")).Body.EnumerateArray());
        var (status, problem) = await Send(province, HttpMethod.Post, "/api/v1/training/courses", new
        {
            title = "Lớp", programmeId = await ProgrammeIdAsync(app), organiser = "Sở Nội vụ Hà Nội", provinceCode = "01", startDate = "2026-12-01", endDate = "2026-12-01",
        });
        Assert.Equal((HttpStatusCode.NotFound, "place_not_in_scope"), (status, problem.GetProperty("code").GetString()));
        using var viewer = await app.ClientForAsync("xem", Role.Viewer, "25");
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(viewer, HttpMethod.Post, "/api/v1/training/plans", new { title = "x" })).Status);
    }

    [Fact]
    public async Task A_province_officer_makes_a_plan_a_course_and_a_session_on_the_pages()
    {
        await using var app = await AppFactory.StartAsync();
        using var client = await app.ClientForAsync("so.noivu", Role.ProvinceOfficer, "25");

        var newPlan = await HtmlPage.GetAsync(client, "/dao-tao/ke-hoach/moi");
        var planSaved = await HtmlPage.SubmitAsync(client, newPlan, new Dictionary<string, string>
        {
            ["Input.Title"] = "Kế hoạch bồi dưỡng cán bộ thôn, tổ dân phố năm 2026", ["Input.Organiser"] = "UBND tỉnh Phú Thọ",
            ["Input.DecisionNumber"] = "297/QĐ-UBND", ["Input.DecisionDate"] = "18/02/2026",
        });
        Assert.Equal(HttpStatusCode.Redirect, planSaved.StatusCode);
        var planUrl = planSaved.Headers.Location!.OriginalString;
        var planPage = await HtmlPage.GetAsync(client, planUrl);
        Assert.Contains("297/QĐ-UBND ngày 18/02/2026", planPage.QuerySelector("#plan-decision")!.TextContent);

        var newCourse = await HtmlPage.GetAsync(client, planPage.QuerySelector("a[href^='/dao-tao/lop/moi']")!.GetAttribute("href")!);
        Assert.Equal("25", newCourse.QuerySelector("input[name='Input.ProvinceCode']")!.GetAttribute("value"));
        var programme = newCourse.QuerySelectorAll("select[name='Input.ProgrammeId'] option").First(o => o.TextContent.StartsWith(ProgrammeCatalog.PartyAwarenessProgramme, StringComparison.Ordinal));
        var fields = new Dictionary<string, string>
        {
            ["Input.Title"] = "Lớp bồi dưỡng nhận thức về Đảng", ["Input.ProgrammeId"] = programme.GetAttribute("value")!, ["Input.Organiser"] = "Ban Tổ chức Tỉnh ủy Phú Thọ",
            ["Input.StartDate"] = "15/12/2026", ["Input.EndDate"] = "14/12/2026", ["Input.Capacity"] = "120",
        };
        var refused = await HtmlPage.ParseAsync(await HtmlPage.SubmitAsync(client, newCourse, fields));
        Assert.Contains("Ngày bế giảng (14/12/2026) trước ngày khai giảng (15/12/2026)", refused.QuerySelector("span[data-valmsg-for='Input.EndDate']")!.TextContent);
        fields["Input.EndDate"] = "16/12/2026";
        var courseSaved = await HtmlPage.SubmitAsync(client, refused, fields);
        Assert.Equal(HttpStatusCode.Redirect, courseSaved.StatusCode);
        var courseUrl = courseSaved.Headers.Location!.OriginalString;

        var newSession = await HtmlPage.GetAsync(client, courseUrl + "/buoi/moi");
        Assert.Equal("15/12/2026", newSession.QuerySelector("input[name='Input.Date']")!.GetAttribute("value"));
        var topic = newSession.QuerySelectorAll("select[name='Input.TopicId'] option").Skip(1).First();
        var sessionSaved = await HtmlPage.SubmitAsync(client, newSession, new Dictionary<string, string>
        {
            ["Input.TopicId"] = topic.GetAttribute("value")!, ["Input.Lecturer"] = "Trần Văn Giảng", ["Input.Room"] = "Hội trường B", ["Input.EndTime"] = "10:30",
        });
        Assert.Equal(HttpStatusCode.Redirect, sessionSaved.StatusCode);

        var coursePage = await HtmlPage.GetAsync(client, courseUrl);
        Assert.Equal("Dự kiến", coursePage.QuerySelector("#course-status")!.TextContent);
        var cells = coursePage.QuerySelectorAll("#sessions tbody td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["15/12/2026", "07:30–10:30"], cells.Take(2));
        Assert.StartsWith("Những vấn đề cơ bản về Đảng Cộng sản Việt Nam", cells[2]);
        var open = await HtmlPage.SubmitAsync(client, coursePage, new Dictionary<string, string>(), "form[action$='handler=Status']");
        Assert.Equal(HttpStatusCode.Redirect, open.StatusCode);
        Assert.Equal("Đang nhận học viên", (await HtmlPage.GetAsync(client, courseUrl)).QuerySelector("#course-status")!.TextContent);
        Assert.Contains("Lớp bồi dưỡng nhận thức về Đảng", (await HtmlPage.GetAsync(client, "/dao-tao?nam=2026")).QuerySelector("table.courses")!.TextContent);
    }
}
