using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Features.People;
using Grassroots.Features.Training;
using Grassroots.Features.Training.Courses;
using Grassroots.Features.Training.Enrolments;
using Grassroots.Features.Training.Targeting;
using Grassroots.Features.Units;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Grassroots.Tests.Features.Training;

/// <summary>The enrolment use cases on the database: by rule with capacity and waiting list, by hand, guests, withdraw, remove, move.</summary>
public sealed class EnrolmentTests
{
    private static readonly FixedClock Clock = TrainingScope.Clock;
    private static readonly CancellationToken Ct = CancellationToken.None;

    /// <summary>Heads (not Party members, under 60) of new thôn of Đà Bắc, recorded in the order given.</summary>
    private static async Task<List<Tenure>> HeadsAsync(AppDb db, params string[] names)
    {
        var heads = new List<Tenure>();
        foreach (var name in names)
            heads.Add(await LeaderBuilder.AppointAsync(db, Clock, await UnitBuilder.EstablishAsync(db, Clock, "Thôn của " + name), name));
        return heads;
    }

    private static async Task<TargetGroup> GroupAsync(AppDb db, Course course, string preset = "truong-thon-chua-dang-vien-duoi-60") =>
        (await new SaveTargetGroup(db, Clock).RunAsync(new SaveTargetGroupInput(course.Id, null, null, null, null, TargetPresets.Find(preset)!.Rule), Ct)).ValueOrThrow;

    private static async Task<List<(string Name, EnrolmentStatus Status)>> ListAsync(AppDb db, Course course) =>
        [.. (await db.Enrolments.AsNoTracking().Where(e => e.CourseId == course.Id).OrderBy(e => e.Id)
            .Select(e => new { Name = e.Person != null ? e.Person.FullName : e.ExternalName, e.Status }).ToListAsync(Ct)).Select(e => (e.Name!, e.Status))];

    [Fact]
    public async Task Enrolling_by_rule_fills_the_places_then_the_waiting_list_in_name_order_and_running_it_again_changes_nothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = TrainingScope.NewDb(database);
        await HeadsAsync(db, "Trần Văn Tùng", "Nguyễn Thị Ánh", "Lê Văn Anh", "Phạm Văn Bảo", "Hoàng Văn Yên", "Đinh Thị Cúc");
        var course = await TrainingBuilder.CourseAsync(db, Clock, capacity: 4);
        var group = await GroupAsync(db, course);
        Assert.Equal("Trưởng thôn, tổ trưởng tổ dân phố; chưa là đảng viên; dưới 60 tuổi", group.Name);
        Assert.Equal("""{"positions":["UnitHead"],"partyMember":false,"ageUnder":60}""", group.Rule);

        var result = (await new EnrolByRule(db, Clock).RunAsync(new EnrolByRuleInput(course.Id), Ct)).ValueOrThrow;

        Assert.Equal((6, 0, 4, 2), (result.Matched, result.AlreadyListed, result.Enrolled, result.Waiting));
        Assert.Equal(new DateOnly(2026, 12, 1), result.AsOf);
        // Vietnamese order of given names: Anh, Ánh, Bảo, Cúc | Tùng, Yên wait, in that order.
        Assert.Equal(
        [
            ("Lê Văn Anh", EnrolmentStatus.Enrolled), ("Nguyễn Thị Ánh", EnrolmentStatus.Enrolled), ("Phạm Văn Bảo", EnrolmentStatus.Enrolled),
            ("Đinh Thị Cúc", EnrolmentStatus.Enrolled), ("Trần Văn Tùng", EnrolmentStatus.Waiting), ("Hoàng Văn Yên", EnrolmentStatus.Waiting),
        ], await ListAsync(db, course));
        var rows = await db.Enrolments.AsNoTracking().Where(e => e.CourseId == course.Id).ToListAsync(Ct);
        var daBac = await db.FindCommuneAsync(UnitBuilder.Xa, Clock.Today(), Ct);
        Assert.All(rows, e =>
        {
            Assert.Equal((EnrolmentSource.Rule, (int?)group.Id, (Position?)Position.UnitHead, "25", (int?)daBac!.Id, "25"),
                (e.Source, e.TargetGroupId, e.Position, e.ProvinceCode, e.CommuneId, e.CourseProvinceCode));
            Assert.NotNull(e.UnitId);
            Assert.Matches("^[A-Za-z0-9_-]{22}$", e.InvitationCode);
        });
        Assert.Equal(6, rows.Select(r => r.InvitationCode).Distinct().Count());
        var audit = await db.AuditEvents.AsNoTracking().Where(a => a.EntityType == nameof(Enrolment)).ToListAsync(Ct);
        Assert.Equal(6, audit.Count);
        Assert.All(audit, a => Assert.Equal(("create", "enrol-by-rule", "25"), (a.Action, a.Operation!, a.ProvinceCode!)));
        Assert.Equal(rows.Select(r => r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(), audit.Select(a => a.EntityId!).Order());

        // Again: nobody is added twice, nothing is written.
        db.ChangeTracker.Clear();
        var again = (await new EnrolByRule(db, Clock).RunAsync(new EnrolByRuleInput(course.Id, group.Id), Ct)).ValueOrThrow;
        Assert.Equal((6, 6, 0, 0), (again.Matched, again.AlreadyListed, again.Enrolled, again.Waiting));
        Assert.Equal(6, await db.Enrolments.CountAsync(Ct));
        Assert.Equal(6, await db.AuditEvents.CountAsync(a => a.EntityType == nameof(Enrolment), Ct));

        // A new head who matches later joins the end of the waiting list.
        await HeadsAsync(db, "Bùi Văn An");
        db.ChangeTracker.Clear();
        var later = (await new EnrolByRule(db, Clock).RunAsync(new EnrolByRuleInput(course.Id), Ct)).ValueOrThrow;
        Assert.Equal((7, 6, 0, 1), (later.Matched, later.AlreadyListed, later.Enrolled, later.Waiting));
        Assert.Equal(("Bùi Văn An", EnrolmentStatus.Waiting), (await ListAsync(db, course))[^1]);
    }

    [Fact]
    public async Task A_class_with_a_capacity_takes_that_many_and_the_rest_wait()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = TrainingScope.NewDb(database);
        await HeadsAsync(db, "Trần Văn Tùng", "Lê Văn Anh", "Phạm Văn Bảo");
        var course = await TrainingBuilder.CourseAsync(db, Clock, classes: ["Lớp 1", "Lớp 2"]);
        var first = course.Classes.Single(c => c.Name == "Lớp 1");
        first.Capacity = 2;
        await db.SaveChangesAsync(Ct);
        await GroupAsync(db, course);

        var result = (await new EnrolByRule(db, Clock).RunAsync(new EnrolByRuleInput(course.Id, ClassId: first.Id), Ct)).ValueOrThrow;

        Assert.Equal((2, 1), (result.Enrolled, result.Waiting));
        Assert.All(await db.Enrolments.ToListAsync(Ct), e => Assert.Equal(first.Id, e.ClassId));
        var other = await new EnrolByRule(db, Clock).RunAsync(new EnrolByRuleInput(course.Id, ClassId: 999_999), Ct);
        Assert.Equal(("class_not_found", "classId"), (other.Errors[0].Code, other.Errors[0].Field!));
        // The one waiting, moved to the class without a limit, takes a place there; someone moved into the full class is refused.
        var tung = await db.Enrolments.SingleAsync(e => e.Status == EnrolmentStatus.Waiting, Ct);
        var second = course.Classes.Single(c => c.Name == "Lớp 2");
        var moved = (await new MoveEnrolment(db, Clock).RunAsync(new MoveEnrolmentInput(tung.Id, tung.Version, second.Id), Ct)).ValueOrThrow;
        Assert.Equal((second.Id, EnrolmentStatus.Enrolled), (moved.Enrolment.ClassId, moved.Enrolment.Status));
        Assert.Empty(moved.MovedUp);
        var anh = await db.Enrolments.SingleAsync(e => e.Person!.FullName == "Lê Văn Anh", Ct);
        var away = (await new MoveEnrolment(db, Clock).RunAsync(new MoveEnrolmentInput(anh.Id, anh.Version, second.Id), Ct)).ValueOrThrow;
        var back = await new MoveEnrolment(db, Clock).RunAsync(new MoveEnrolmentInput(anh.Id, away.Enrolment.Version, first.Id), Ct);
        Assert.True(back.Succeeded);
        var full = await new MoveEnrolment(db, Clock).RunAsync(new MoveEnrolmentInput(tung.Id, moved.Enrolment.Version, first.Id), Ct);
        Assert.Equal(("class_full", ErrorKind.Conflict), (full.Errors[0].Code, full.Errors[0].Kind));
        Assert.Equal("Lớp 1 đã đủ 2 học viên.", full.Errors[0].Message);
    }

    [Fact]
    public async Task A_person_out_of_scope_or_outside_the_courses_province_is_refused_by_hand()
    {
        await using var database = await TestDatabase.CreateAsync();
        Tenure here, there, hanoi;
        Course course;
        await using (var db = TrainingScope.NewDb(database))
        {
            here = await LeaderBuilder.AppointAsync(db, Clock, await UnitBuilder.EstablishAsync(db, Clock, "Thôn Đồng Xuân"), "Nguyễn Văn An");
            there = await LeaderBuilder.AppointAsync(db, Clock, await UnitBuilder.EstablishAsync(db, Clock, "Thôn Suối Hoa", UnitBuilder.OtherXa), "Lê Văn Bình");
            hanoi = await LeaderBuilder.AppointAsync(db, Clock, await UnitBuilder.EstablishAsync(db, Clock, "Tổ dân phố số 1", UnitBuilder.Phuong, UnitKind.ResidentialGroup), "Trần Văn Cường");
            course = await TrainingBuilder.CourseAsync(db, Clock, "Lớp tập huấn của xã", communeCode: UnitBuilder.Xa);
        }
        await using (var officer = await TrainingScope.AsUserAsync(database, "cb.dabac", Role.CommuneOfficer, UnitBuilder.Xa))
        {
            var enrol = new EnrolPerson(officer, Clock);
            var refused = await enrol.RunAsync(new EnrolPersonInput(course.Id, there.PersonId), Ct);
            Assert.Equal(("person_not_found", ErrorKind.NotFound, "personId"), (refused.Errors[0].Code, refused.Errors[0].Kind, refused.Errors[0].Field!));
            Assert.Equal("Không tìm thấy người này trong phạm vi của bạn: chỉ ghi danh được người thuộc địa bàn bạn được xem.", refused.Errors[0].Message);
            var done = (await enrol.RunAsync(new EnrolPersonInput(course.Id, here.PersonId), Ct)).ValueOrThrow;
            Assert.Equal((EnrolmentStatus.Enrolled, EnrolmentSource.Manual, (Position?)Position.UnitHead, (int?)here.UnitId),
                (done.Enrolment.Status, done.Enrolment.Source, done.Enrolment.Position, done.Enrolment.UnitId));
            Assert.Equal("Đã ghi danh Nguyễn Văn An.", EnrolmentMessages.Enrolled(done));
            var twice = await enrol.RunAsync(new EnrolPersonInput(course.Id, here.PersonId), Ct);
            Assert.Equal(("already_enrolled", ErrorKind.Conflict), (twice.Errors[0].Code, twice.Errors[0].Kind));
        }
        // Even the system cannot put a Hà Nội leader on a Phú Thọ course.
        await using var system = TrainingScope.NewDb(database);
        var province = await TrainingBuilder.CourseAsync(system, Clock, "Lớp của tỉnh");
        var outside = await new EnrolPerson(system, Clock).RunAsync(new EnrolPersonInput(province.Id, hanoi.PersonId), Ct);
        Assert.Equal("person_outside_course", outside.Errors[0].Code);
        Assert.Equal("Trần Văn Cường không giữ chức danh hay cư trú trong địa bàn của lớp (Tỉnh Phú Thọ) nên không ghi danh được.", outside.Errors[0].Message);
        Assert.Equal(1, await system.Enrolments.CountAsync(Ct));
    }

    [Fact]
    public async Task A_guest_is_enrolled_in_the_courses_place_and_needs_a_name()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = TrainingScope.NewDb(database);
        var course = await TrainingBuilder.CourseAsync(db, Clock, "Lớp tập huấn của xã", communeCode: UnitBuilder.Xa, capacity: 1);
        var enrol = new EnrolExternal(db, Clock);
        var missing = await enrol.RunAsync(new EnrolExternalInput(course.Id, "  ", null, null), Ct);
        Assert.Equal(("name_required", "fullName"), (missing.Errors[0].Code, missing.Errors[0].Field!));

        var guest = (await enrol.RunAsync(new EnrolExternalInput(course.Id, "  Hà   Thị Lan ", "Chi hội trưởng", "Hội Phụ nữ xã Đà Bắc"), Ct)).ValueOrThrow.Enrolment;
        Assert.Equal(("Hà Thị Lan", "Chi hội trưởng", "Hội Phụ nữ xã Đà Bắc", EnrolmentSource.External, EnrolmentStatus.Enrolled),
            (guest.ExternalName!, guest.ExternalTitle!, guest.ExternalOrganisation!, guest.Source, guest.Status));
        Assert.Equal((course.ProvinceCode, course.CommuneId, (int?)null, (int?)null, (Position?)null),
            (guest.ProvinceCode, guest.CommuneId, guest.UnitId, guest.PersonId, guest.Position));
        var second = (await enrol.RunAsync(new EnrolExternalInput(course.Id, "Lò Văn Minh", null, null), Ct)).ValueOrThrow;
        Assert.Equal(EnrolmentStatus.Waiting, second.Enrolment.Status);
        Assert.Equal("Lớp đã đủ chỗ: Lò Văn Minh được đưa vào danh sách chờ.", EnrolmentMessages.Enrolled(second));
    }

    [Fact]
    public async Task Withdrawing_moves_the_first_on_the_waiting_list_up_and_a_stale_version_is_refused()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = TrainingScope.NewDb(database);
        await HeadsAsync(db, "Lê Văn Anh", "Phạm Văn Bảo", "Đinh Thị Cúc", "Trần Văn Dũng");
        var course = await TrainingBuilder.CourseAsync(db, Clock, capacity: 2);
        await GroupAsync(db, course);
        await new EnrolByRule(db, Clock).RunAsync(new EnrolByRuleInput(course.Id), Ct);
        db.ChangeTracker.Clear();
        var anh = await db.Enrolments.AsNoTracking().SingleAsync(e => e.Person!.FullName == "Lê Văn Anh", Ct);
        var dung = await db.Enrolments.AsNoTracking().SingleAsync(e => e.Person!.FullName == "Trần Văn Dũng", Ct);
        var withdraw = new WithdrawEnrolment(db, Clock);

        var noReason = await withdraw.RunAsync(new WithdrawEnrolmentInput(anh.Id, anh.Version, " "), Ct);
        Assert.Equal(("reason_required", "reason"), (noReason.Errors[0].Code, noReason.Errors[0].Field!));
        // The last one waiting leaves: nobody moves up.
        var left = (await withdraw.RunAsync(new WithdrawEnrolmentInput(dung.Id, dung.Version, "Đi làm ăn xa"), Ct)).ValueOrThrow;
        Assert.Empty(left.MovedUp);
        var done = (await withdraw.RunAsync(new WithdrawEnrolmentInput(anh.Id, anh.Version, "Ốm, nằm viện"), Ct)).ValueOrThrow;
        Assert.Equal(["Đinh Thị Cúc"], done.MovedUp);
        Assert.Equal("Đã ghi nhận Lê Văn Anh rút tên khỏi lớp. Được ghi danh từ danh sách chờ: Đinh Thị Cúc.", EnrolmentMessages.Withdrawn(done));
        db.ChangeTracker.Clear();
        Assert.Equal(
        [
            ("Lê Văn Anh", EnrolmentStatus.Withdrawn), ("Phạm Văn Bảo", EnrolmentStatus.Enrolled), ("Đinh Thị Cúc", EnrolmentStatus.Enrolled),
            ("Trần Văn Dũng", EnrolmentStatus.Withdrawn),
        ], await ListAsync(db, course));
        Assert.Equal("Ốm, nằm viện", (await db.Enrolments.SingleAsync(e => e.Id == anh.Id, Ct)).WithdrawReason);

        var stale = await new WithdrawEnrolment(db, Clock).RunAsync(new WithdrawEnrolmentInput(anh.Id, anh.Version, "Lần nữa"), Ct);
        Assert.Equal(("concurrency_conflict", ErrorKind.Conflict), (stale.Errors[0].Code, stale.Errors[0].Kind));
        // Someone who withdrew may be enrolled again by hand, on the same row, behind those already there.
        var again = (await new EnrolPerson(db, Clock).RunAsync(new EnrolPersonInput(course.Id, anh.PersonId!.Value), Ct)).ValueOrThrow;
        Assert.Equal((anh.Id, EnrolmentStatus.Waiting, (string?)null), (again.Enrolment.Id, again.Enrolment.Status, again.Enrolment.WithdrawReason));
    }

    [Fact]
    public async Task A_row_is_removed_only_while_nothing_rests_on_it_and_its_place_goes_to_the_first_waiting()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = TrainingScope.NewDb(database);
        await HeadsAsync(db, "Lê Văn Anh", "Phạm Văn Bảo", "Đinh Thị Cúc");
        var course = await TrainingBuilder.CourseAsync(db, Clock, capacity: 2);
        var session = await TrainingBuilder.SessionAsync(db, course, new DateOnly(2026, 12, 1));
        await GroupAsync(db, course);
        await new EnrolByRule(db, Clock).RunAsync(new EnrolByRuleInput(course.Id), Ct);
        var anh = await db.Enrolments.SingleAsync(e => e.Person!.FullName == "Lê Văn Anh", Ct);
        var bao = await db.Enrolments.SingleAsync(e => e.Person!.FullName == "Phạm Văn Bảo", Ct);
        db.Attendances.Add(new Attendance
        {
            SessionId = session.Id, EnrolmentId = anh.Id, PersonId = anh.PersonId, CourseProvinceCode = "25", ProvinceCode = "25", CommuneId = anh.CommuneId,
            UnitId = anh.UnitId, Status = AttendanceStatus.Present, Method = AttendanceMethod.RollCall, RecordedAt = Clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(Ct);
        db.ChangeTracker.Clear();
        var remove = new RemoveEnrolment(db, Clock);

        var inUse = await remove.RunAsync(new RemoveEnrolmentInput(anh.Id, anh.Version), Ct);
        Assert.Equal(("enrolment_in_use", ErrorKind.Conflict), (inUse.Errors[0].Code, inUse.Errors[0].Kind));
        var stale = await remove.RunAsync(new RemoveEnrolmentInput(bao.Id, bao.Version + 1), Ct);
        Assert.Equal("concurrency_conflict", stale.Errors[0].Code);
        var removed = (await remove.RunAsync(new RemoveEnrolmentInput(bao.Id, bao.Version), Ct)).ValueOrThrow;
        Assert.Equal(["Đinh Thị Cúc"], removed.MovedUp);
        db.ChangeTracker.Clear();
        Assert.Equal([("Lê Văn Anh", EnrolmentStatus.Enrolled), ("Đinh Thị Cúc", EnrolmentStatus.Enrolled)], await ListAsync(db, course));
        Assert.Single(await db.AuditEvents.Where(a => a.EntityType == nameof(Enrolment) && a.Action == "delete" && a.Operation == "remove-enrolment").ToListAsync(Ct));
    }

    /// <summary>
    /// Starts <paramref name="change"/> on its own thread and context (SQLite's driver waits for a lock synchronously)
    /// while <paramref name="open"/> holds the course, checks after a pause that it is still waiting, then commits
    /// <paramref name="open"/> and returns what the change did.
    /// </summary>
    private static async Task<T> AfterCommitAsync<T>(TestDatabase database, IDbContextTransaction open, Func<AppDb, Task<T>> change)
    {
        var running = Task.Run(async () =>
        {
            await using var db = TrainingScope.NewDb(database);
            return await change(db);
        });
        await Task.WhenAny(running, Task.Delay(TimeSpan.FromMilliseconds(500)));
        Assert.False(running.IsCompleted, "the change went ahead while the other transaction held the course");
        await open.CommitAsync(Ct);
        return await running;
    }

    [Fact]
    public async Task An_enrolment_waits_for_a_change_to_the_courses_end_date_and_copies_the_new_date()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = TrainingScope.NewDb(database);
        var head = (await HeadsAsync(db, "Lê Văn Anh"))[0];
        var course = await TrainingBuilder.CourseAsync(db, Clock);
        var input = new CourseInput(course.Title, course.ProgrammeId, null, course.Organiser, "25", null, null, null, course.StartDate,
            new DateOnly(2026, 12, 4), null, null, null);

        // Another officer moves the end date; their transaction is still open while the enrolment starts.
        await using var other = TrainingScope.NewDb(database);
        await using var transaction = await other.Database.BeginTransactionAsync(Ct);
        Assert.True((await new SaveCourse(other, Clock).UpdateAsync(course.Id, course.Version, input, Ct)).Succeeded);

        var enrolment = (await AfterCommitAsync(database, transaction,
            enrolDb => new EnrolPerson(enrolDb, Clock).RunAsync(new EnrolPersonInput(course.Id, head.PersonId), Ct))).ValueOrThrow.Enrolment;
        Assert.Equal(new DateOnly(2026, 12, 4), await db.Enrolments.AsNoTracking().Where(e => e.Id == enrolment.Id).Select(e => e.CourseEndDate).SingleAsync(Ct));
    }

    [Fact]
    public async Task Two_enrolments_at_once_take_the_last_place_one_after_the_other()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = TrainingScope.NewDb(database);
        var heads = await HeadsAsync(db, "Lê Văn Anh", "Phạm Văn Bảo");
        var course = await TrainingBuilder.CourseAsync(db, Clock, capacity: 1);

        // The first enrolment has taken the place but not yet committed when the second starts.
        await using var other = TrainingScope.NewDb(database);
        await using var transaction = await other.Database.BeginTransactionAsync(Ct);
        var first = (await new EnrolPerson(other, Clock).RunAsync(new EnrolPersonInput(course.Id, heads[0].PersonId), Ct)).ValueOrThrow;
        Assert.Equal(EnrolmentStatus.Enrolled, first.Enrolment.Status);

        var second = (await AfterCommitAsync(database, transaction,
            enrolDb => new EnrolPerson(enrolDb, Clock).RunAsync(new EnrolPersonInput(course.Id, heads[1].PersonId), Ct))).ValueOrThrow;
        Assert.Equal(EnrolmentStatus.Waiting, second.Enrolment.Status);
        Assert.Equal([("Lê Văn Anh", EnrolmentStatus.Enrolled), ("Phạm Văn Bảo", EnrolmentStatus.Waiting)], await ListAsync(db, course));
    }

    [Fact]
    public async Task A_finished_or_cancelled_course_takes_no_enrolment()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = TrainingScope.NewDb(database);
        var course = await TrainingBuilder.CourseAsync(db, Clock, status: CourseStatus.Cancelled);
        var refused = await new EnrolExternal(db, Clock).RunAsync(new EnrolExternalInput(course.Id, "Hà Thị Lan", null, null), Ct);
        Assert.Equal(("course_closed", ErrorKind.Conflict), (refused.Errors[0].Code, refused.Errors[0].Kind));
        Assert.Contains("đã hủy", refused.Errors[0].Message);
        var none = await new EnrolByRule(db, Clock).RunAsync(new EnrolByRuleInput(999_999), Ct);
        Assert.Equal(("course_not_found", ErrorKind.NotFound), (none.Errors[0].Code, none.Errors[0].Kind));
    }
}
