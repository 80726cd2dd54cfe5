using System.Net;
using Grassroots.Features.Training;
using Grassroots.Features.Training.Attendances;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Tests.Features.Training;

/// <summary>
/// Self check-in with the rotating code, over the API and the leader's page, on the test clock: present, late, expired
/// and foreign codes, not enrolled, twice, outside the session's window, an account linked to nobody; and "my courses".
/// </summary>
public sealed class AttendanceCheckInTests
{
    private static string CheckInUrl(CourseSession session) => $"/api/v1/training/sessions/{session.Id}/check-in";

    private static async Task<List<Attendance>> MarksAsync(TestApp app, CourseSession session)
    {
        await using var db = app.Database.NewDb();
        return await db.Attendances.AsNoTracking().Where(a => a.SessionId == session.Id).ToListAsync();
    }

    [Fact]
    public async Task A_valid_code_marks_the_leader_present_then_late_after_fifteen_minutes_and_a_second_time_is_refused()
    {
        await using var app = await AppFactory.StartAsync();
        var time = app.Factory.Time;
        AttendanceScene scene;
        await using (var db = app.Database.NewDb()) scene = await AttendanceScene.CreateAsync(db, time, "Lê Văn Anh", "Nguyễn Thị Ánh");
        using var anh = await AttendanceScene.LeaderAsync(app, "le.van.anh", scene.Heads[0].PersonId, scene.Heads[0].UnitId);
        using var anhThi = await AttendanceScene.LeaderAsync(app, "nguyen.thi.anh", scene.Heads[1].PersonId, scene.Heads[1].UnitId);

        AttendanceScene.At(time, 7, 40);
        var (status, done) = await AttendanceScene.SendAsync(anh, HttpMethod.Post, CheckInUrl(scene.Session), new { code = AttendanceScene.CodeNow(scene.Session, time) });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("present", "Có mặt"), (done.GetProperty("status").GetString(), done.GetProperty("statusName").GetString()));

        var (again, problem) = await AttendanceScene.SendAsync(anh, HttpMethod.Post, CheckInUrl(scene.Session), new { code = AttendanceScene.CodeNow(scene.Session, time) });
        Assert.Equal((HttpStatusCode.Conflict, "already_checked_in"), (again, AttendanceScene.Code(problem)));
        Assert.Equal("Bạn đã điểm danh buổi này rồi: có mặt lúc 07:40.", problem.GetProperty("detail").GetString());

        // 07:46: more than 15 minutes after the start; the code typed with a space, as shown on the screen.
        AttendanceScene.At(time, 7, 46);
        var code = AttendanceScene.CodeNow(scene.Session, time);
        var (lateStatus, late) = await AttendanceScene.SendAsync(anhThi, HttpMethod.Post, CheckInUrl(scene.Session), new { code = code[..3] + " " + code[3..] });
        Assert.Equal((HttpStatusCode.OK, "late"), (lateStatus, late.GetProperty("status").GetString()));

        var marks = await MarksAsync(app, scene.Session);
        Assert.Equal(2, marks.Count);
        Assert.All(marks, m => Assert.Equal(AttendanceMethod.SelfCheckIn, m.Method));
        Assert.Equal(AttendanceStatus.Present, marks.Single(m => m.PersonId == scene.Heads[0].PersonId).Status);
        Assert.Equal(AttendanceStatus.Late, marks.Single(m => m.PersonId == scene.Heads[1].PersonId).Status);
        await using var check = app.Database.NewDb();
        var audit = await check.AuditEvents.AsNoTracking().Where(a => a.EntityType == nameof(Attendance)).ToListAsync();
        Assert.Equal(["le.van.anh", "nguyen.thi.anh"], audit.OrderBy(a => a.Id).Select(a => a.UserName));
        Assert.All(audit, a => Assert.Equal("self-check-in", a.Operation));
    }

    [Fact]
    public async Task Expired_foreign_and_wrong_codes_and_check_in_outside_the_session_are_refused_in_vietnamese_with_nothing_recorded()
    {
        await using var app = await AppFactory.StartAsync();
        var time = app.Factory.Time;
        AttendanceScene scene;
        CourseSession other;
        await using (var db = app.Database.NewDb())
        {
            scene = await AttendanceScene.CreateAsync(db, time, "Lê Văn Anh");
            other = await TrainingBuilder.SessionAsync(db, scene.Course, AttendanceScene.Today, "Chuyên đề 2", new TimeOnly(7, 30), new TimeOnly(11, 0));
        }
        AttendanceScene.At(time, 6, 50);
        var anh = await AttendanceScene.LeaderAsync(app, "le.van.anh", scene.Heads[0].PersonId, scene.Heads[0].UnitId);
        async Task<(HttpStatusCode, string?, string?, string?)> TryAsync(string code)
        {
            var (status, problem) = await AttendanceScene.SendAsync(anh, HttpMethod.Post, CheckInUrl(scene.Session), new { code });
            Assert.True(problem.ValueKind == System.Text.Json.JsonValueKind.Object && problem.TryGetProperty("errors", out _), $"{status}: {problem}");
            var field = problem.GetProperty("errors")[0].TryGetProperty("field", out var f) ? f.GetString() : null;
            return (status, AttendanceScene.Code(problem), field, problem.GetProperty("detail").GetString());
        }

        var (early, earlyCode, _, earlyMessage) = await TryAsync(AttendanceScene.CodeNow(scene.Session, time));
        Assert.Equal((HttpStatusCode.Conflict, "check_in_not_open"), (early, earlyCode));
        Assert.Equal("Chưa đến giờ điểm danh: buổi học bắt đầu lúc 07:30 ngày 21/11/2026, điểm danh mở từ 07:00.", earlyMessage);

        AttendanceScene.At(time, 8, 0);
        anh.Dispose();
        anh = await AttendanceScene.SignInAsync(app, "le.van.anh");
        var old = CheckInCode.For(scene.Session.CheckInSecret, CheckInCode.Window(time.GetUtcNow()) - 2);
        var previous = CheckInCode.For(scene.Session.CheckInSecret, CheckInCode.Window(time.GetUtcNow()) - 1);
        Assert.Equal((HttpStatusCode.BadRequest, "code_expired", "code",
            "Mã điểm danh đã hết hạn (mã đổi sau mỗi 30 giây). Hãy quét lại mã đang hiển thị trên màn hình."), await TryAsync(old));
        var (wrongStatus, wrongCode, wrongField, wrongMessage) = await TryAsync(AttendanceScene.CodeNow(other, time));
        Assert.Equal((HttpStatusCode.BadRequest, "wrong_session", "code"), (wrongStatus, wrongCode, wrongField));
        Assert.Equal("Mã này là của buổi khác: \"Chuyên đề 2\" (07:30–11:00 ngày 21/11/2026). Hãy quét mã của buổi bạn đang dự.", wrongMessage);
        var invalid = await TryAsync("12ab56");
        Assert.Equal((HttpStatusCode.BadRequest, "code_invalid", "code"), (invalid.Item1, invalid.Item2, invalid.Item3));
        var missing = await TryAsync(" ");
        Assert.Equal((HttpStatusCode.BadRequest, "code_required", "code"), (missing.Item1, missing.Item2, missing.Item3));

        AttendanceScene.At(time, 11, 1);
        anh.Dispose();
        anh = await AttendanceScene.SignInAsync(app, "le.van.anh");
        var (closed, closedCode, _, _) = await TryAsync(AttendanceScene.CodeNow(scene.Session, time));
        Assert.Equal((HttpStatusCode.Conflict, "check_in_closed"), (closed, closedCode));
        Assert.Empty(await MarksAsync(app, scene.Session));

        // The previous window's code is still good.
        AttendanceScene.At(time, 8, 0);
        anh.Dispose();
        anh = await AttendanceScene.SignInAsync(app, "le.van.anh");
        Assert.Equal(HttpStatusCode.OK, (await AttendanceScene.SendAsync(anh, HttpMethod.Post, CheckInUrl(scene.Session), new { code = previous })).Status);
        anh.Dispose();
    }

    [Fact]
    public async Task A_leader_not_enrolled_or_whose_account_is_linked_to_nobody_cannot_check_in_and_out_of_scope_sessions_are_not_found()
    {
        await using var app = await AppFactory.StartAsync();
        var time = app.Factory.Time;
        AttendanceScene scene;
        CourseSession hanoi;
        int outsiderPerson, outsiderUnit;
        await using (var db = app.Database.NewDb())
        {
            scene = await AttendanceScene.CreateAsync(db, time, "Lê Văn Anh");
            var outsider = await LeaderBuilder.AppointAsync(db, time, await UnitBuilder.EstablishAsync(db, time, "Thôn Ngoài Lớp"), "Bùi Văn Ngoài");
            (outsiderPerson, outsiderUnit) = (outsider.PersonId, outsider.UnitId);
            var course = await TrainingBuilder.CourseAsync(db, time, "Lớp của Hà Nội", provinceCode: "01", start: AttendanceScene.Today);
            hanoi = await TrainingBuilder.SessionAsync(db, course, AttendanceScene.Today);
        }
        using var notEnrolled = await AttendanceScene.LeaderAsync(app, "bui.van.ngoai", outsiderPerson, outsiderUnit);
        using var unlinked = await AttendanceScene.LeaderAsync(app, "chua.gan", null, scene.Heads[0].UnitId);
        AttendanceScene.At(time, 7, 40);
        var code = new { code = AttendanceScene.CodeNow(scene.Session, time) };

        var (status, problem) = await AttendanceScene.SendAsync(notEnrolled, HttpMethod.Post, CheckInUrl(scene.Session), code);
        Assert.Equal((HttpStatusCode.Forbidden, "not_enrolled"), (status, AttendanceScene.Code(problem)));
        Assert.Equal("Bạn không có tên trong danh sách học viên của lớp \"Lớp bồi dưỡng trưởng thôn năm 2026\". Không điểm danh được.",
            problem.GetProperty("detail").GetString());
        (status, problem) = await AttendanceScene.SendAsync(unlinked, HttpMethod.Post, CheckInUrl(scene.Session), code);
        Assert.Equal((HttpStatusCode.Forbidden, "no_linked_person"), (status, AttendanceScene.Code(problem)));
        Assert.StartsWith("Tài khoản của bạn chưa được gắn với hồ sơ cán bộ", problem.GetProperty("detail").GetString());
        (status, problem) = await AttendanceScene.SendAsync(notEnrolled, HttpMethod.Post, CheckInUrl(hanoi), new { code = AttendanceScene.CodeNow(hanoi, time) });
        Assert.Equal((HttpStatusCode.NotFound, "not_found"), (status, AttendanceScene.Code(problem)));
        Assert.Empty(await MarksAsync(app, scene.Session));

        // The pages say the same.
        var page = await HtmlPage.GetAsync(unlinked, $"/diem-danh/{scene.Session.Id}?ma={code.code}");
        Assert.Equal("no_linked_person", page.QuerySelector("#check-in-error")!.GetAttribute("data-code"));
        Assert.Null(page.QuerySelector("#check-in-form"));
        var mine = await HtmlPage.GetAsync(unlinked, "/cua-toi/lop");
        Assert.Contains("chưa được gắn với hồ sơ cán bộ", mine.QuerySelector("#not-linked")!.TextContent);
        (status, problem) = await AttendanceScene.SendAsync(unlinked, HttpMethod.Get, "/api/v1/training/me/courses");
        Assert.Equal((HttpStatusCode.Forbidden, "no_linked_person"), (status, AttendanceScene.Code(problem)));
        var refused = await HtmlPage.ParseAsync(await HtmlPage.SubmitAsync(notEnrolled, await HtmlPage.GetAsync(notEnrolled, $"/diem-danh/{scene.Session.Id}?ma={code.code}"),
            new Dictionary<string, string>(), "#check-in-form"));
        Assert.Equal("not_enrolled", refused.QuerySelector("#check-in-error")!.GetAttribute("data-code"));
        Assert.Equal(HttpStatusCode.NotFound, (await notEnrolled.GetAsync($"/diem-danh/{hanoi.Id}")).StatusCode);
    }

    [Fact]
    public async Task On_the_page_the_leader_confirms_with_one_button_and_sees_it_in_my_courses()
    {
        await using var app = await AppFactory.StartAsync();
        var time = app.Factory.Time;
        AttendanceScene scene;
        await using (var db = app.Database.NewDb()) scene = await AttendanceScene.CreateAsync(db, time, "Lê Văn Anh");
        using var anh = await AttendanceScene.LeaderAsync(app, "le.van.anh", scene.Heads[0].PersonId, scene.Heads[0].UnitId);

        AttendanceScene.At(time, 7, 35);
        var mine = await HtmlPage.GetAsync(anh, "/cua-toi/lop");
        Assert.Equal($"/diem-danh/{scene.Session.Id}", mine.QuerySelector($"#my-session-{scene.Session.Id} a.button")!.GetAttribute("href"));
        var (_, courses) = await AttendanceScene.SendAsync(anh, HttpMethod.Get, "/api/v1/training/me/courses");
        var session = Assert.Single(Assert.Single(courses.EnumerateArray()).GetProperty("sessions").EnumerateArray());
        Assert.True(session.GetProperty("checkInOpen").GetBoolean());

        // An expired code in the address: the message, and a field to type the code shown now.
        var stale = CheckInCode.For(scene.Session.CheckInSecret, CheckInCode.Window(time.GetUtcNow()) - 3);
        var page = await HtmlPage.GetAsync(anh, $"/diem-danh/{scene.Session.Id}?ma={stale}");
        Assert.Equal(("Kỹ năng hòa giải ở cơ sở", "Lê Văn Anh"), (page.QuerySelector("#session-topic")!.TextContent, page.QuerySelector("#person-name")!.TextContent));
        var expired = await HtmlPage.ParseAsync(await HtmlPage.SubmitAsync(anh, page, new Dictionary<string, string>(), "#check-in-form"));
        Assert.Equal("code_expired", expired.QuerySelector("#check-in-error")!.GetAttribute("data-code"));
        Assert.Contains("Mã điểm danh đã hết hạn", expired.QuerySelector("#check-in-error")!.TextContent);
        Assert.NotNull(expired.QuerySelector("#ma"));
        Assert.Empty(await MarksAsync(app, scene.Session));

        var done = await HtmlPage.SubmitAsync(anh, expired, new Dictionary<string, string> { ["ma"] = AttendanceScene.CodeNow(scene.Session, time) }, "#check-in-form");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var after = await HtmlPage.GetAsync(anh, done.Headers.Location!.OriginalString);
        Assert.Contains("Đã ghi nhận bạn có mặt lúc 07:35. Cảm ơn bạn!", after.QuerySelector(".flash")!.TextContent);
        Assert.Contains("Bạn đã điểm danh buổi này rồi: có mặt lúc 07:35.", after.QuerySelector("#check-in-status")!.TextContent);
        Assert.Single(await MarksAsync(app, scene.Session));

        mine = await HtmlPage.GetAsync(anh, "/cua-toi/lop");
        Assert.Equal("Có mặt", mine.QuerySelector($"#my-session-{scene.Session.Id} .badge")!.TextContent);
        Assert.Null(mine.QuerySelector($"#my-session-{scene.Session.Id} a.button"));
        Assert.Contains("Đã dự 1 / 1 buổi", mine.QuerySelector(".attended")!.TextContent);
    }
}
