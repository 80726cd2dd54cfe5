using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Features.Training;
using Grassroots.Features.Training.Courses;
using Grassroots.Features.Units;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Tests.Features.Training;

/// <summary>Courses, sessions and plans through their use cases: bad input refused with every error at once, life cycle, scope, versions.</summary>
public sealed class CoursesTests
{
    private static readonly FixedClock Clock = new();
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static CourseInput Input(int programmeId, string? commune = null, DateOnly? start = null, DateOnly? end = null, int? capacity = 120,
        IReadOnlyList<ClassInput>? classes = null) =>
        new("Lớp bồi dưỡng bí thư chi bộ kiêm trưởng thôn", programmeId, null, "Ban Tổ chức Tỉnh ủy Phú Thọ", commune is null ? "25" : null, commune,
            "Kế hoạch số 12-KH/TU", "Trường Chính trị tỉnh", start ?? new DateOnly(2026, 12, 7), end ?? new DateOnly(2026, 12, 10), capacity, "2022-2027",
            "Ngân sách tỉnh", 80, Classes: classes);

    private static async Task<int> ProgrammeIdAsync(AppDb db) => (await TrainingBuilder.ProgrammeAsync(db, ProgrammeCatalog.SecretariesProgramme)).Id;

    private static AppDb ScopedDb(TestDatabase database, CurrentAccess access)
    {
        var options = new DbContextOptionsBuilder<AppDb>();
        database.Settings.Configure(options);
        return new AppDb(options.Options, access, Clock);
    }

    private static async Task<CurrentAccess> SignedInAsync(TestDatabase database, Role role, string scope)
    {
        await using var db = database.NewDb();
        var unit = await db.FindByCodeAsync(scope, Clock.Today(), Ct);
        var user = new AppUser { UserName = "u" + Guid.NewGuid().ToString("N")[..8], FullName = "Người dùng", CreatedAt = Clock.UtcNow() };
        user.Grants.Add(new UserGrant { Role = role, AdminUnitId = unit!.Id, CreatedAt = Clock.UtcNow() });
        db.Users.Add(user);
        await db.SaveChangesAsync(Ct);
        var access = CurrentAccess.Anonymous();
        await access.SignInAsync(db, user.Id, Ct);
        return access;
    }

    [Fact]
    public async Task A_course_with_bad_input_is_refused_with_every_error_and_nothing_written()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewDb();
        var save = new SaveCourse(db, Clock);

        var result = await save.CreateAsync(Input(await ProgrammeIdAsync(db), start: new DateOnly(2026, 12, 10), end: new DateOnly(2026, 12, 7), capacity: 0,
            classes: [new(null, "Lớp 1", 60, null), new(null, "lớp  1", 60, null)]) with { TermLabel = "2027-2022", AssessmentRequired = true, Title = " " }, Ct);

        Assert.False(result.Succeeded);
        var errors = result.Errors.ToDictionary(e => e.Code, e => e);
        Assert.Equal("endDate", errors["end_before_start"].Field);
        Assert.Contains("Ngày bế giảng (07/12/2026) trước ngày khai giảng (10/12/2026)", errors["end_before_start"].Message);
        Assert.Equal("capacity", errors["invalid_capacity"].Field);
        Assert.Equal("termLabel", errors["invalid_term_label"].Field);
        Assert.Equal("passMark", errors["pass_mark_required"].Field);
        Assert.Equal("title", errors["title_required"].Field);
        Assert.Equal("classes[1].name", errors["class_name_duplicate"].Field);
        Assert.Equal(0, await db.Courses.CountAsync(Ct));
    }

    [Fact]
    public async Task Sessions_stay_within_the_course_hours_in_order_and_one_at_a_time_per_class()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewDb();
        var course = (await new SaveCourse(db, Clock).CreateAsync(Input(await ProgrammeIdAsync(db),
            classes: [new(null, "Lớp 1", 90, "Phòng 1"), new(null, "Lớp 2", 89, "Phòng 2")]), Ct)).ValueOrThrow;
        var topics = (await TrainingBuilder.ProgrammeAsync(db, ProgrammeCatalog.SecretariesProgramme)).Topics.OrderBy(t => t.Order).ToList();
        var (class1, class2) = (course.Classes[0].Id, course.Classes[1].Id);
        var save = new SaveSession(db);
        SessionInput At(int? classId, int day, int from, int to, int topic = 0) =>
            new(classId, new DateOnly(2026, 12, day), new TimeOnly(from, 0), new TimeOnly(to, 0), topics[topic].Id, null, null, null, null);

        var outside = await save.CreateAsync(course.Id, At(class1, 11, 7, 11), Ct);
        Assert.Equal(("session_outside_course", "date"), (outside.Errors[0].Code, outside.Errors[0].Field));
        Assert.Contains("nằm ngoài thời gian của lớp (từ 07/12/2026 đến 10/12/2026)", outside.Errors[0].Message);
        var reversed = await save.CreateAsync(course.Id, At(class1, 7, 11, 7), Ct);
        Assert.Equal("end_before_start", Assert.Single(reversed.Errors).Code);

        var first = (await save.CreateAsync(course.Id, At(class1, 7, 7, 11), Ct)).ValueOrThrow;
        Assert.Equal((topics[0].Title, 44), (first.Topic, first.CheckInSecret.Length));
        // Another class may sit at the same time; the same class, or the whole course, may not.
        Assert.True((await save.CreateAsync(course.Id, At(class2, 7, 7, 11, 1), Ct)).Succeeded);
        var clash = await save.CreateAsync(course.Id, At(class1, 7, 10, 12, 2), Ct);
        Assert.Equal(("sessions_overlap", ErrorKind.Conflict), (clash.Errors[0].Code, clash.Errors[0].Kind));
        Assert.Equal("sessions_overlap", (await save.CreateAsync(course.Id, At(null, 7, 9, 10, 2), Ct)).Errors[0].Code);
        Assert.Equal(2, await db.CourseSessions.CountAsync(Ct));

        // The course's dates cannot move away from its sessions.
        var moved = await new SaveCourse(db, Clock).UpdateAsync(course.Id, course.Version, Input(course.ProgrammeId, start: new DateOnly(2026, 12, 8), end: new DateOnly(2026, 12, 11),
            classes: [new(class1, "Lớp 1", 90, "Phòng 1"), new(class2, "Lớp 2", 89, "Phòng 2")]), Ct);
        Assert.Equal("sessions_outside_dates", Assert.Single(moved.Errors).Code);
    }

    [Fact]
    public async Task A_course_moves_forward_through_its_life_and_a_stale_version_is_a_conflict()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FixedClock();
        await using var db = database.NewDb();
        var save = new SaveCourse(db, clock);
        var course = (await save.CreateAsync(Input(await ProgrammeIdAsync(db)), Ct)).ValueOrThrow;
        Assert.Equal(CourseStatus.Planned, course.Status);

        Assert.True((await save.ChangeStatusAsync(course.Id, 1, CourseStatus.Open, Ct)).Succeeded);
        var stale = await save.ChangeStatusAsync(course.Id, 1, CourseStatus.Running, Ct);
        Assert.Equal(("concurrency_conflict", ErrorKind.Conflict), (stale.Errors[0].Code, stale.Errors[0].Kind));
        Assert.True((await save.ChangeStatusAsync(course.Id, 2, CourseStatus.Running, Ct)).Succeeded);
        var early = await save.ChangeStatusAsync(course.Id, 3, CourseStatus.Finished, Ct);
        Assert.Equal("course_not_ended", early.Errors[0].Code);
        clock.Now = new DateTimeOffset(2026, 12, 11, 2, 0, 0, TimeSpan.Zero);
        Assert.True((await save.ChangeStatusAsync(course.Id, 3, CourseStatus.Finished, Ct)).Succeeded);
        var back = await save.ChangeStatusAsync(course.Id, 4, CourseStatus.Cancelled, Ct);
        Assert.Equal("invalid_status_change", back.Errors[0].Code);
        Assert.Contains("từ \"Đã kết thúc\" sang \"Đã hủy\"", back.Errors[0].Message);
        Assert.Equal(["create", "update", "update", "update"], await db.AuditEvents.Where(e => e.EntityType == nameof(Course)).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync(Ct));
    }

    [Fact]
    public async Task A_commune_officer_organises_courses_of_their_commune_only()
    {
        await using var database = await TestDatabase.CreateAsync();
        var officer = await SignedInAsync(database, Role.CommuneOfficer, UnitBuilder.Xa);
        int programmeId;
        await using (var system = database.NewDb()) programmeId = await ProgrammeIdAsync(system);
        await using var db = ScopedDb(database, officer);
        var save = new SaveCourse(db, Clock);

        var own = await save.CreateAsync(Input(programmeId, commune: UnitBuilder.Xa) with { Organiser = "UBND xã Đà Bắc" }, Ct);
        Assert.True(own.Succeeded);
        Assert.Equal("25", own.Value!.ProvinceCode);
        foreach (var place in new[] { Input(programmeId), Input(programmeId, commune: UnitBuilder.OtherXa) })
        {
            var refused = await save.CreateAsync(place, Ct);
            Assert.Equal(("place_not_in_scope", ErrorKind.NotFound), (refused.Errors[0].Code, refused.Errors[0].Kind));
        }
        Assert.Equal("commune_not_in_province", (await save.CreateAsync(Input(programmeId, commune: UnitBuilder.Phuong) with { ProvinceCode = "25" }, Ct)).Errors[0].Code);

        // What they can see: their commune's courses and the province's, not another commune's nor another province's.
        await using (var system = database.NewDb())
        {
            await TrainingBuilder.CourseAsync(system, Clock, "Lớp của tỉnh");
            await TrainingBuilder.CourseAsync(system, Clock, "Lớp của xã khác", communeCode: UnitBuilder.OtherXa);
            await TrainingBuilder.CourseAsync(system, Clock, "Lớp của Hà Nội", provinceCode: "01");
        }
        var seen = await CourseQueries.ListAsync(db, new CourseFilter(), Ct);
        Assert.Equal(["Lớp bồi dưỡng bí thư chi bộ kiêm trưởng thôn", "Lớp của tỉnh"], seen.Select(c => c.Title).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Plans_keep_their_decision_and_their_courses_stay_in_their_place()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewDb();
        var plans = new SavePlan(db, Clock);
        var bad = await plans.CreateAsync(new PlanInput("", "", 1990, "99", null, null, new DateOnly(2027, 1, 1), null, null), Ct);
        Assert.Equal(["title_required", "organiser_required", "invalid_year", "future_date", "province_not_found"], bad.Errors.Select(e => e.Code));
        var plan = (await plans.CreateAsync(new PlanInput("Kế hoạch bồi dưỡng cán bộ thôn, tổ dân phố năm 2026", "UBND tỉnh Phú Thọ", 2026, "25", null,
            "297/QĐ-UBND", new DateOnly(2026, 2, 18), "UBND tỉnh Phú Thọ", null), Ct)).ValueOrThrow;
        var programmeId = await ProgrammeIdAsync(db);
        var inPlan = await new SaveCourse(db, Clock).CreateAsync(Input(programmeId) with { PlanId = plan.Id }, Ct);
        Assert.True(inPlan.Succeeded);
        var elsewhere = await new SaveCourse(db, Clock).CreateAsync(Input(programmeId) with { PlanId = plan.Id, ProvinceCode = "01" }, Ct);
        Assert.Equal("plan_of_other_place", Assert.Single(elsewhere.Errors).Code);
        var row = Assert.Single(await CourseQueries.PlansAsync(db, "25", 2026, Ct));
        Assert.Equal(("297/QĐ-UBND", new DateOnly(2026, 2, 18), 1), (row.DecisionNumber, row.DecisionDate!.Value, row.Courses));
    }
}
