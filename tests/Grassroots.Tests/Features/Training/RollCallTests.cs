using System.Net;
using Grassroots.Features.Accounts;
using Grassroots.Features.Training;
using Grassroots.Features.Training.Attendances;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Tests.Features.Training;

/// <summary>Roll call (RecordRollCall) on the database and through its page: batches, errors named with nothing written, corrections.</summary>
public sealed class AttendanceRollCallTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task A_batch_of_marks_is_recorded_and_audited_and_saving_it_again_changes_nothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FixedClock();
        AttendanceScene scene;
        await using (var setup = TrainingScope.NewDb(database))
            scene = await AttendanceScene.CreateAsync(setup, clock, "Lê Văn Anh", "Nguyễn Thị Ánh", "Phạm Văn Bảo");
        await using var db = await TrainingScope.AsUserAsync(database, "so.noivu", Role.ProvinceOfficer, "25");
        var e = scene.Enrolments;
        var input = new RollCallInput([new(e[0].Id, AttendanceStatus.Present), new(e[1].Id, AttendanceStatus.Late), new(e[2].Id, AttendanceStatus.Absent)]);

        var result = (await new RecordRollCall(db, clock).RunAsync(scene.Session.Id, input, Ct)).ValueOrThrow;

        Assert.Equal((3, 0, 0, false), (result.Created, result.Changed, result.Unchanged, result.Correction));
        var rows = await db.Attendances.AsNoTracking().Where(a => a.SessionId == scene.Session.Id).OrderBy(a => a.EnrolmentId).ToListAsync(Ct);
        Assert.Equal([AttendanceStatus.Present, AttendanceStatus.Late, AttendanceStatus.Absent], rows.Select(r => r.Status));
        Assert.All(rows, r => Assert.Equal((AttendanceMethod.RollCall, "25"), (r.Method, r.CourseProvinceCode)));
        Assert.Equal(scene.Heads.Select(h => (int?)h.PersonId), rows.Select(r => r.PersonId));
        var audit = await db.AuditEvents.AsNoTracking().Where(a => a.EntityType == nameof(Attendance)).ToListAsync(Ct);
        Assert.Equal(3, audit.Count);
        Assert.All(audit, a => Assert.Equal(("create", "roll-call", "so.noivu"), (a.Action, a.Operation, a.UserName)));

        db.ChangeTracker.Clear();
        db.Operation = null;
        var again = (await new RecordRollCall(db, clock).RunAsync(scene.Session.Id, input, Ct)).ValueOrThrow;
        Assert.Equal((0, 0, 3), (again.Created, again.Changed, again.Unchanged));
        Assert.Equal(3, await db.AuditEvents.CountAsync(a => a.EntityType == nameof(Attendance), Ct));
    }

    [Fact]
    public async Task Every_wrong_mark_is_named_and_nothing_is_written()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FixedClock();
        AttendanceScene scene;
        Enrolment otherCourse;
        await using (var setup = TrainingScope.NewDb(database))
        {
            scene = await AttendanceScene.CreateAsync(setup, clock, "Lê Văn Anh", "Nguyễn Thị Ánh", "Phạm Văn Bảo", "Đinh Thị Cúc");
            var withdrawn = await setup.Enrolments.SingleAsync(x => x.Id == scene.Enrolments[1].Id);
            withdrawn.Status = EnrolmentStatus.Withdrawn;
            var waiting = await setup.Enrolments.SingleAsync(x => x.Id == scene.Enrolments[2].Id);
            waiting.Status = EnrolmentStatus.Waiting;
            await setup.SaveChangesAsync();
            var other = await TrainingBuilder.CourseAsync(setup, clock, "Lớp khác", start: AttendanceScene.Today);
            otherCourse = await TrainingBuilder.EnrolAsync(setup, clock, other, scene.Heads[0]);
        }
        await using var db = await TrainingScope.AsUserAsync(database, "so.noivu", Role.ProvinceOfficer, "25");
        var e = scene.Enrolments;

        var result = await new RecordRollCall(db, clock).RunAsync(scene.Session.Id, new RollCallInput(
        [
            new(e[0].Id, AttendanceStatus.Present), new(e[1].Id, AttendanceStatus.Present), new(e[2].Id, AttendanceStatus.Late),
            new(otherCourse.Id, AttendanceStatus.Present), new(e[3].Id, null), new(e[0].Id, AttendanceStatus.Absent), new(null, AttendanceStatus.Present),
        ]), Ct);

        Assert.False(result.Succeeded);
        Assert.Equal(
        [
            ("not_enrolled", "marks[1].enrolmentId"), ("not_enrolled", "marks[2].enrolmentId"), ("enrolment_not_found", "marks[3].enrolmentId"),
            ("status_required", "marks[4].status"), ("duplicate_mark", "marks[5].enrolmentId"), ("enrolment_required", "marks[6].enrolmentId"),
        ], result.Errors.Select(x => (x.Code, x.Field!)));
        Assert.Equal("Nguyễn Thị Ánh đã rút tên: không điểm danh được.", result.Errors[0].Message);
        Assert.Equal("Phạm Văn Bảo đang trong danh sách chờ: không điểm danh được.", result.Errors[1].Message);
        Assert.Contains($"mã số {otherCourse.Id}", result.Errors[2].Message);
        Assert.Equal("Dòng 5: chưa chọn Có mặt, Đến muộn, Vắng có phép hay Vắng.", result.Errors[3].Message);
        Assert.Equal("Lê Văn Anh được điểm danh hai lần trong cùng một lần lưu.", result.Errors[4].Message);
        Assert.Equal(0, await db.Attendances.IgnoreQueryFilters().CountAsync(Ct));
        Assert.Equal(0, await db.AuditEvents.CountAsync(a => a.EntityType == nameof(Attendance), Ct));
    }

    [Fact]
    public async Task After_the_day_changes_are_corrections_audited_with_before_and_after_and_before_the_day_nothing_is_recorded()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FixedClock();
        AttendanceScene scene;
        CourseSession tomorrow;
        await using (var setup = TrainingScope.NewDb(database))
        {
            scene = await AttendanceScene.CreateAsync(setup, clock, "Lê Văn Anh", "Nguyễn Thị Ánh");
            tomorrow = await TrainingBuilder.SessionAsync(setup, scene.Course, AttendanceScene.Today.AddDays(1), "Chuyên đề 2");
        }
        await using var db = await TrainingScope.AsUserAsync(database, "so.noivu", Role.ProvinceOfficer, "25");
        var e = scene.Enrolments;
        var first = (await new RecordRollCall(db, clock).RunAsync(scene.Session.Id,
            new RollCallInput([new(e[0].Id, AttendanceStatus.Present), new(e[1].Id, AttendanceStatus.Absent)]), Ct)).ValueOrThrow;
        Assert.Equal((2, false), (first.Created, first.Correction));

        var early = await new RecordRollCall(db, clock).RunAsync(tomorrow.Id, new RollCallInput([new(e[0].Id, AttendanceStatus.Present)]), Ct);
        Assert.Equal(("session_not_started", "Buổi học ngày 22/11/2026 chưa diễn ra: chỉ điểm danh từ ngày học."), (early.Errors[0].Code, early.Errors[0].Message));

        // Two days later Ánh's absence turns out to have been excused.
        db.ChangeTracker.Clear();
        db.Operation = null;
        var later = new FixedClock(clock.Now.AddDays(2));
        var fixedUp = (await new RecordRollCall(db, later).RunAsync(scene.Session.Id,
            new RollCallInput([new(e[0].Id, AttendanceStatus.Present), new(e[1].Id, AttendanceStatus.Excused)]), Ct)).ValueOrThrow;

        Assert.Equal((0, 1, 1, true), (fixedUp.Created, fixedUp.Changed, fixedUp.Unchanged, fixedUp.Correction));
        var anh = await db.Attendances.AsNoTracking().SingleAsync(a => a.EnrolmentId == e[1].Id, Ct);
        Assert.Equal((AttendanceStatus.Excused, AttendanceMethod.Correction, later.Now.UtcDateTime, 2), (anh.Status, anh.Method, anh.RecordedAt, anh.Version));
        Assert.Equal(AttendanceMethod.RollCall, (await db.Attendances.AsNoTracking().SingleAsync(a => a.EnrolmentId == e[0].Id, Ct)).Method);
        var audit = await db.AuditEvents.AsNoTracking().SingleAsync(a => a.EntityType == nameof(Attendance) && a.Operation == "attendance-correction", Ct);
        Assert.Equal(("update", anh.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), (audit.Action, audit.EntityId));
        Assert.Contains("Excused", audit.Changes);
        Assert.Contains("Absent", audit.Changes);
    }

    [Fact]
    public async Task A_roll_of_a_hundred_and_twenty_is_marked_and_saved_on_the_page_in_one_post()
    {
        await using var app = await AppFactory.StartAsync();
        var time = app.Factory.Time;
        AttendanceScene scene;
        List<Enrolment> guests;
        await using (var setup = app.Database.NewDb())
        {
            scene = await AttendanceScene.CreateAsync(setup, time, "Lê Văn Anh", "Nguyễn Thị Ánh");
            guests = await AttendanceScene.GuestsAsync(setup, time, scene.Course, Enumerable.Range(1, 118).Select(i => $"Trần Văn Khách {i:000}"));
        }
        using var client = await app.ClientForAsync("so.noivu", Role.ProvinceOfficer, "25");
        var url = $"/dao-tao/buoi/{scene.Session.Id}/diem-danh";

        var page = await HtmlPage.GetAsync(client, url);
        var names = page.QuerySelectorAll("#roll .name").Select(n => n.TextContent).ToList();
        Assert.Equal(120, names.Count);
        Assert.Equal(["Lê Văn Anh", "Nguyễn Thị Ánh", "Trần Văn Khách 001"], names.Take(3));
        Assert.Equal("Trần Văn Khách 118", names[^1]);
        Assert.Contains("Lưu điểm danh (120 người)", page.QuerySelector("#roll-call button[type=submit]")!.TextContent);

        var overrides = new Dictionary<string, string>
        {
            [$"Marks[{scene.Enrolments[1].Id}]"] = "Late", [$"Marks[{guests[0].Id}]"] = "Absent", [$"Marks[{guests[1].Id}]"] = "Excused",
        };
        var saved = await HtmlPage.SubmitAsync(client, page, overrides, "#roll-call");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        await using var db = app.Database.NewDb();
        var marks = await db.Attendances.AsNoTracking().Where(a => a.SessionId == scene.Session.Id).ToDictionaryAsync(a => a.EnrolmentId, a => a.Status);
        Assert.Equal(120, marks.Count);
        Assert.Equal((AttendanceStatus.Late, AttendanceStatus.Absent, AttendanceStatus.Excused, AttendanceStatus.Present),
            (marks[scene.Enrolments[1].Id], marks[guests[0].Id], marks[guests[1].Id], marks[guests[117].Id]));
        Assert.Equal(120, await db.AuditEvents.CountAsync(a => a.EntityType == nameof(Attendance) && a.Operation == "roll-call"));
        var after = await HtmlPage.GetAsync(client, url);
        Assert.Contains("Đã lưu điểm danh: 120 ghi mới, 0 thay đổi. Có mặt 117, đến muộn 1, vắng có phép 1, vắng 1.", after.QuerySelector(".flash")!.TextContent);
        Assert.Equal("checked", after.QuerySelector($"#row-{scene.Enrolments[1].Id} input[value=Late]")!.GetAttribute("checked"));
    }

    [Fact]
    public async Task Out_of_scope_sessions_are_not_found_and_those_who_do_not_record_attendance_are_refused()
    {
        await using var app = await AppFactory.StartAsync();
        AttendanceScene scene;
        CourseSession hanoi;
        await using (var setup = app.Database.NewDb())
        {
            scene = await AttendanceScene.CreateAsync(setup, app.Factory.Time, "Lê Văn Anh");
            var course = await TrainingBuilder.CourseAsync(setup, app.Factory.Time, "Lớp của Hà Nội", provinceCode: "01", start: AttendanceScene.Today);
            hanoi = await TrainingBuilder.SessionAsync(setup, course, AttendanceScene.Today);
        }
        using var province = await app.ClientForAsync("so.noivu", Role.ProvinceOfficer, "25");
        using var viewer = await app.ClientForAsync("xem", Role.Viewer, "25");
        var body = new { marks = new[] { new { enrolmentId = scene.Enrolments[0].Id, status = "present" } } };

        var (outStatus, outProblem) = await AttendanceScene.SendAsync(province, HttpMethod.Put, $"/api/v1/training/sessions/{hanoi.Id}/attendance", body);
        Assert.Equal((HttpStatusCode.NotFound, "not_found"), (outStatus, AttendanceScene.Code(outProblem)));
        Assert.Equal(HttpStatusCode.NotFound, (await AttendanceScene.SendAsync(province, HttpMethod.Get, $"/api/v1/training/sessions/{hanoi.Id}/attendance")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await province.GetAsync($"/dao-tao/buoi/{hanoi.Id}/diem-danh")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await province.GetAsync($"/dao-tao/buoi/{hanoi.Id}/so-ky")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await AttendanceScene.SendAsync(viewer, HttpMethod.Put, $"/api/v1/training/sessions/{scene.Session.Id}/attendance", body)).Status);

        // In scope through the API: the marks and the session's roll come back; a wrong one is a coded problem naming the field.
        var (bad, problem) = await AttendanceScene.SendAsync(province, HttpMethod.Put, $"/api/v1/training/sessions/{scene.Session.Id}/attendance",
            new { marks = new[] { new { enrolmentId = scene.Enrolments[0].Id, status = (string?)null } } });
        Assert.Equal((HttpStatusCode.BadRequest, "status_required", "marks[0].status"), (bad, AttendanceScene.Code(problem), AttendanceScene.Field(problem)));
        var (ok, roll) = await AttendanceScene.SendAsync(province, HttpMethod.Put, $"/api/v1/training/sessions/{scene.Session.Id}/attendance", body);
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal(1, roll.GetProperty("result").GetProperty("created").GetInt32());
        var row = Assert.Single(roll.GetProperty("attendance").GetProperty("items").EnumerateArray());
        Assert.Equal(("Lê Văn Anh", "present", "rollCall"), (row.GetProperty("fullName").GetString(), row.GetProperty("status").GetString(), row.GetProperty("method").GetString()));
        var (_, seen) = await AttendanceScene.SendAsync(viewer, HttpMethod.Get, $"/api/v1/training/sessions/{scene.Session.Id}/attendance");
        Assert.Equal(1, seen.GetProperty("counts").GetProperty("present").GetInt32());
    }
}
