using Grassroots.Common;
using Grassroots.Features.Accounts;
using Grassroots.Features.Training;
using Grassroots.Features.Training.Completion;
using Grassroots.Features.Training.Courses;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Tests.Features.Training;

/// <summary>Completion on the database: the attendance share, the pass mark, scores, results set by hand (kept, audited), closing the course.</summary>
public sealed class CompletionTests
{
    private static readonly FixedClock Clock = TrainingScope.Clock;
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task The_attendance_share_decides_present_and_late_count_excused_and_absent_do_not()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = TrainingScope.NewDb(database);
        var (course, sessions, e) = await CompletionScene.CourseAsync(db, Clock, ["Lê Văn Anh", "Phạm Văn Bảo", "Trần Văn Tùng", "Hà Văn Đức"], minPercent: 75);
        await CompletionScene.AttendAsync(db, sessions, e[0], 4);
        await CompletionScene.AttendAsync(db, sessions, e[1], 2);
        await CompletionScene.MarkAsync(db, sessions[2], e[1], AttendanceStatus.Late);
        await CompletionScene.MarkAsync(db, sessions[3], e[1], AttendanceStatus.Absent);
        await CompletionScene.AttendAsync(db, sessions, e[2], 2);
        await CompletionScene.MarkAsync(db, sessions[2], e[2], AttendanceStatus.Excused);

        await using var organiser = await TrainingScope.AsUserAsync(database, "to-chuc-pt", Role.ProvinceOfficer, "25");
        var summary = (await new ComputeResults(organiser, Clock).RunAsync(course.Id, null, Ct)).ValueOrThrow;

        // 4/4 and 3/4 (one late) reach 75 %; 2/4 (one excused) and 0/4 do not.
        Assert.Equal((2, 2, 0, 0, 4), (summary.Completed, summary.NotCompleted, summary.Pending, summary.Overridden, summary.Changed));
        Assert.Equal([TrainingResult.Completed, TrainingResult.Completed, TrainingResult.NotCompleted, TrainingResult.NotCompleted],
            (await CompletionScene.ReloadAsync(db, e)).Select(x => x.Result));
        var list = (await ResultQueries.ListAsync(organiser, course.Id, null, Ct))!;
        var bao = list.Items.Single(r => r.FullName == "Phạm Văn Bảo");
        Assert.Equal((3, 4, 75.0m, "Hoàn thành"), (bao.Attended, bao.Sessions, bao.AttendancePercent!.Value, bao.ResultName));
        Assert.Equal(4, await db.AuditEvents.CountAsync(a => a.Operation == "compute-results" && a.EntityType == "Enrolment", Ct));

        // Computing again changes nothing.
        Assert.Equal(0, (await new ComputeResults(organiser, Clock).RunAsync(course.Id, null, Ct)).ValueOrThrow.Changed);
    }

    [Fact]
    public async Task Sessions_of_another_class_do_not_count()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = TrainingScope.NewDb(database);
        var (course, sessions, e) = await CompletionScene.CourseAsync(db, Clock, ["Lê Văn Anh"], sessions: 2, minPercent: 100);
        var (one, two) = (new CourseClass { CourseId = course.Id, Name = "Lớp 1" }, new CourseClass { CourseId = course.Id, Name = "Lớp 2" });
        db.CourseClasses.AddRange(one, two);
        await db.SaveChangesAsync();
        var enrolment = await db.Enrolments.SingleAsync(x => x.Id == e[0].Id);
        enrolment.ClassId = one.Id;
        await db.SaveChangesAsync();
        await TrainingBuilder.SessionAsync(db, course, CompletionScene.Start.AddDays(2), "Chỉ lớp 2", classId: two.Id);
        var own = await TrainingBuilder.SessionAsync(db, course, CompletionScene.Start.AddDays(3), "Chỉ lớp 1", classId: one.Id);
        await CompletionScene.AttendAsync(db, [.. sessions, own], enrolment, 3);

        (await new ComputeResults(db, Clock).RunAsync(course.Id, null, Ct)).ValueOrThrow.ToString();

        var row = (await ResultQueries.ListAsync(db, course.Id, one.Id, Ct))!.Items.Single();
        Assert.Equal((3, 3, TrainingResult.Completed), (row.Attended, row.Sessions, row.Result));
    }

    [Fact]
    public async Task With_an_assessment_the_score_must_reach_the_pass_mark_and_scores_are_checked_all_at_once()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = TrainingScope.NewDb(database);
        var (course, sessions, e) = await CompletionScene.CourseAsync(db, Clock, ["Lê Văn Anh", "Phạm Văn Bảo", "Trần Văn Tùng"], assessment: true, passMark: 5);
        foreach (var x in e) await CompletionScene.AttendAsync(db, sessions, x, 4);
        await using var organiser = await TrainingScope.AsUserAsync(database, "to-chuc-diem", Role.ProvinceOfficer, "25");
        var record = new RecordScores(organiser, Clock);

        var bad = await record.RunAsync(course.Id, [new(e[0].Id, e[0].Version, 101), new(e[1].Id, e[1].Version, -1), new(e[2].Id, e[2].Version, 7.125m)], Ct);
        Assert.Equal(["invalid_score", "invalid_score", "invalid_score"], bad.Errors.Select(x => x.Code));
        Assert.Equal(["scores[0].score", "scores[1].score", "scores[2].score"], bad.Errors.Select(x => x.Field));
        Assert.Null((await CompletionScene.ReloadAsync(db, e[0])).AssessmentScore);

        var ok = await record.RunAsync(course.Id, [new(e[0].Id, e[0].Version, 7.5m), new(e[1].Id, e[1].Version, 4.99m)], Ct);
        Assert.True(ok.Succeeded, string.Join("; ", ok.Errors.Select(x => x.Message)));
        (await new ComputeResults(organiser, Clock).RunAsync(course.Id, null, Ct)).ValueOrThrow.ToString();
        Assert.Equal([(7.5m, TrainingResult.Completed), (4.99m, TrainingResult.NotCompleted), ((decimal?)null, TrainingResult.Pending)],
            (await CompletionScene.ReloadAsync(db, e)).Select(x => (x.AssessmentScore, x.Result)).ToList());

        var stale = await record.RunAsync(course.Id, [new(e[0].Id, e[0].Version, 8)], Ct);
        Assert.Equal(("concurrency_conflict", ErrorKind.Conflict), (stale.Errors[0].Code, stale.Errors[0].Kind));
    }

    [Fact]
    public async Task A_result_set_by_hand_needs_a_note_is_audited_and_survives_recomputing_and_closing()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = TrainingScope.NewDb(database);
        var (course, sessions, e) = await CompletionScene.CourseAsync(db, Clock, ["Lê Văn Anh", "Phạm Văn Bảo"]);
        await CompletionScene.AttendAsync(db, sessions, e[0], 4);
        await using var organiser = await TrainingScope.AsUserAsync(database, "to-chuc-dc", Role.ProvinceOfficer, "25");
        var overrides = new OverrideResult(organiser, Clock);

        var noNote = await overrides.RunAsync(new OverrideResultInput(e[1].Id, e[1].Version, TrainingResult.Completed, "  "), Ct);
        Assert.Equal(("note_required", "note"), (noNote.Errors.Single().Code, noNote.Errors.Single().Field));
        var stale = await overrides.RunAsync(new OverrideResultInput(e[1].Id, e[1].Version + 5, TrainingResult.Completed, "Đi công tác"), Ct);
        Assert.Equal(ErrorKind.Conflict, stale.Errors.Single().Kind);

        var done = (await overrides.RunAsync(new OverrideResultInput(e[1].Id, e[1].Version, TrainingResult.Completed,
            "Vắng 2 buổi vì đi công tác theo Quyết định 12/QĐ-UBND, đã học bù"), Ct)).ValueOrThrow;
        Assert.Equal((TrainingResult.Completed, true), (done.Result, done.ResultOverridden));
        var audit = await db.AuditEvents.SingleAsync(a => a.Operation == "override-result", Ct);
        Assert.Equal(("Enrolment", e[1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "to-chuc-dc"), (audit.EntityType, audit.EntityId, audit.UserName));
        Assert.Contains("đi công tác", audit.Changes, StringComparison.Ordinal);

        (await new ComputeResults(organiser, Clock).RunAsync(course.Id, null, Ct)).ValueOrThrow.ToString();
        var course2 = await organiser.Courses.AsNoTracking().SingleAsync(c => c.Id == course.Id, Ct);
        (await new SaveCourse(organiser, Clock).ChangeStatusAsync(course.Id, course2.Version, CourseStatus.Finished, Ct)).ValueOrThrow.ToString();

        Assert.Equal((TrainingResult.Completed, true), ((await CompletionScene.ReloadAsync(db, e[1])).Result, (await CompletionScene.ReloadAsync(db, e[1])).ResultOverridden));
        Assert.Equal(TrainingResult.Completed, (await CompletionScene.ReloadAsync(db, e[0])).Result);

        // Cleared, the computed result comes back.
        var row = await CompletionScene.ReloadAsync(db, e[1]);
        var cleared = (await overrides.RunAsync(new OverrideResultInput(row.Id, row.Version, null, null), Ct)).ValueOrThrow;
        Assert.Equal((TrainingResult.NotCompleted, false, null), (cleared.Result, cleared.ResultOverridden, cleared.ResultNote));
    }

    [Fact]
    public async Task Closing_the_course_computes_the_results()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = TrainingScope.NewDb(database);
        var (course, sessions, e) = await CompletionScene.CourseAsync(db, Clock, ["Lê Văn Anh", "Phạm Văn Bảo"]);
        await CompletionScene.AttendAsync(db, sessions, e[0], 3);
        await CompletionScene.AttendAsync(db, sessions, e[1], 1);

        (await new SaveCourse(db, Clock).ChangeStatusAsync(course.Id, course.Version, CourseStatus.Finished, Ct)).ValueOrThrow.ToString();

        Assert.Equal([TrainingResult.Completed, TrainingResult.NotCompleted], (await CompletionScene.ReloadAsync(db, e)).Select(x => x.Result));
    }

    [Fact]
    public async Task Someone_who_does_not_manage_the_course_cannot_compute_it()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = TrainingScope.NewDb(database);
        var (course, _, _) = await CompletionScene.CourseAsync(db, Clock, ["Lê Văn Anh"]);
        await using var hanoi = await TrainingScope.AsUserAsync(database, "ha-noi", Role.ProvinceOfficer, "01");

        var result = await new ComputeResults(hanoi, Clock).RunAsync(course.Id, null, Ct);

        Assert.Equal(("course_not_found", ErrorKind.NotFound), (result.Errors.Single().Code, result.Errors.Single().Kind));
    }
}
