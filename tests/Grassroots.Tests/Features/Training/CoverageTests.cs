using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Documents;
using Grassroots.Features.Accounts;
using Grassroots.Features.People;
using Grassroots.Features.Training;
using Grassroots.Features.Training.Coverage;
using Grassroots.Features.Units;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Tests.Features.Training;

/// <summary>Coverage counted from live records: trained means a completed course that ended during the current term.</summary>
public sealed class CoverageTests
{
    private static readonly FixedClock Clock = new();
    private static readonly CancellationToken Ct = CancellationToken.None;

    /// <summary>
    /// Xã Đà Bắc: Thôn Một's head trained in the heads' programme (course ended 20/09/2025), Thôn Hai's head trained only
    /// before his term began, Thôn Ba's head did not complete, Thôn Bốn's head never enrolled; Thôn Một's deputy trained in
    /// the Party-awareness programme. Xã Đức Nhàn: one head, trained.
    /// </summary>
    private static async Task SeedAsync(AppDb db)
    {
        var mot = await UnitBuilder.EstablishAsync(db, Clock, "Thôn Một");
        var hai = await UnitBuilder.EstablishAsync(db, Clock, "Thôn Hai");
        var ba = await UnitBuilder.EstablishAsync(db, Clock, "Thôn Ba");
        var bon = await UnitBuilder.EstablishAsync(db, Clock, "Thôn Bốn");
        var khac = await UnitBuilder.EstablishAsync(db, Clock, "Thôn Khác", UnitBuilder.OtherXa);
        var an = await LeaderBuilder.AppointAsync(db, Clock, mot, "Nguyễn Văn An");
        var binh = await LeaderBuilder.AppointAsync(db, Clock, hai, "Trần Văn Bình", from: new DateOnly(2025, 10, 1));
        var cuong = await LeaderBuilder.AppointAsync(db, Clock, ba, "Lê Văn Cường");
        await LeaderBuilder.AppointAsync(db, Clock, bon, "Phạm Văn Dũng");
        var pho = await LeaderBuilder.AppointAsync(db, Clock, mot, "Hà Thị Em", Position.DeputyHead, born: new DateOnly(1990, 1, 1));
        var ngoai = await LeaderBuilder.AppointAsync(db, Clock, khac, "Vũ Văn Giang");

        var heads = await TrainingBuilder.CourseAsync(db, Clock, "Lớp trưởng thôn 2025", start: new(2025, 9, 18), end: new(2025, 9, 20), status: CourseStatus.Finished);
        var party = await TrainingBuilder.CourseAsync(db, Clock, "Lớp nhận thức về Đảng", start: new(2026, 3, 2), end: new(2026, 3, 3),
            programme: ProgrammeCatalog.PartyAwarenessProgramme, status: CourseStatus.Finished);
        foreach (var (course, tenure, result) in new[] { (heads, an, TrainingResult.Completed), (heads, binh, TrainingResult.Completed),
                     (heads, cuong, TrainingResult.NotCompleted), (party, pho, TrainingResult.Completed), (heads, ngoai, TrainingResult.Completed) })
        {
            var enrolment = await TrainingBuilder.EnrolAsync(db, Clock, course, tenure);
            enrolment.Result = result;
            await db.SaveChangesAsync(Ct);
        }
    }

    private static CoverageQuestion Question(AdminUnit? place, int? programme = null, params Position[] positions) =>
        new(new DateOnly(2026, 11, 1), positions.Length == 0 ? [Position.UnitHead] : positions, programme, place);

    [Fact]
    public async Task Heads_trained_in_their_current_term_are_counted_by_commune_and_by_unit()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewDb();
        await SeedAsync(db);
        var province = await db.FindByCodeAsync("25", Clock.Today(), Ct);
        var commune = await db.FindCommuneAsync(UnitBuilder.Xa, Clock.Today(), Ct);

        var byCommune = await CoverageQueries.ReportAsync(db, Question(province), Ct);
        Assert.Equal(CoverageLevel.Commune, byCommune.RowsBy);
        Assert.Equal([("Xã Đà Bắc", 4, 1), ("Xã Đức Nhàn", 1, 1)], byCommune.Rows.Select(r => (r.Name, r.Holders, r.Trained)));
        Assert.Equal((5, 2, 40.0m), (byCommune.Total.Holders, byCommune.Total.Trained, byCommune.Total.Percent));

        var byUnit = await CoverageQueries.ReportAsync(db, Question(commune), Ct);
        Assert.Equal([("Thôn Ba", 0), ("Thôn Bốn", 0), ("Thôn Hai", 0), ("Thôn Một", 1)], byUnit.Rows.Select(r => (r.Name, r.Trained)));
        var untrained = await CoverageQueries.UntrainedAsync(db, Question(commune), null, Ct);
        Assert.Equal(["Trần Văn Bình", "Lê Văn Cường", "Phạm Văn Dũng"], untrained.Select(u => u.FullName));

        // Deputies, and the Party-awareness programme only.
        var deputies = await CoverageQueries.ReportAsync(db, Question(commune, null, Position.DeputyHead), Ct);
        Assert.Equal((1, 1), (deputies.Total.Holders, deputies.Total.Trained));
        var programme = (await TrainingBuilder.ProgrammeAsync(db, ProgrammeCatalog.PartyAwarenessProgramme)).Id;
        Assert.Equal(0, (await CoverageQueries.ReportAsync(db, Question(commune, programme), Ct)).Total.Trained);
        // Before the course ended, nobody had been trained.
        Assert.Equal(0, (await CoverageQueries.ReportAsync(db, Question(province) with { AsOf = new DateOnly(2025, 9, 19) }, Ct)).Total.Trained);

        // The course's end date corrected to 02/10/2025, after Thôn Hai's head took the post on 01/10/2025: he counts now.
        var course = await db.Courses.AsNoTracking().SingleAsync(c => c.Title == "Lớp trưởng thôn 2025", Ct);
        var saved = await new Grassroots.Features.Training.Courses.SaveCourse(db, Clock).UpdateAsync(course.Id, course.Version, new(course.Title, course.ProgrammeId,
            course.PlanId, course.Organiser, course.ProvinceCode, null, course.LegalBasis, course.Venue, course.StartDate, new DateOnly(2025, 10, 2), course.Capacity,
            course.TermLabel, course.FundingSource, course.MinAttendancePercent), Ct);
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.Select(e => e.Message)));
        Assert.All(await db.Enrolments.AsNoTracking().Where(e => e.CourseId == course.Id).ToListAsync(Ct), e => Assert.Equal(new DateOnly(2025, 10, 2), e.CourseEndDate));
        Assert.Equal([("Thôn Ba", 0), ("Thôn Bốn", 0), ("Thôn Hai", 1), ("Thôn Một", 1)],
            (await CoverageQueries.ReportAsync(db, Question(commune), Ct)).Rows.Select(r => (r.Name, r.Trained)));
    }

    [Fact]
    public async Task Coverage_over_http_drills_down_exports_and_stays_in_scope()
    {
        await using var app = await AppFactory.StartAsync();
        await using (var db = app.Database.NewDb()) await SeedAsync(db);

        var (status, body) = await GetJsonAsync(app.Client, "/api/v1/training/coverage?asOf=2026-11-01");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("province", body.GetProperty("rowsBy").GetString());
        var phuTho = Assert.Single(body.GetProperty("rows").EnumerateArray());
        Assert.Equal(("Tỉnh Phú Thọ", 5, 2), (phuTho.GetProperty("name").GetString(), phuTho.GetProperty("holders").GetInt32(), phuTho.GetProperty("trained").GetInt32()));

        using var officer = await app.ClientForAsync("cb.dabac", Role.CommuneOfficer, UnitBuilder.Xa);
        var (_, own) = await GetJsonAsync(officer, "/api/v1/training/coverage?province=25&asOf=2026-11-01");
        Assert.Equal(["Xã Đà Bắc"], own.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await GetJsonAsync(officer, "/api/v1/training/coverage?province=01")).Status);
        var (bad, problem) = await GetJsonAsync(officer, "/api/v1/training/coverage?position=Mayor&asOf=hôm-nay");
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Equal(["invalid_date", "invalid_position"], problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()).Order());

        var page = await HtmlPage.GetAsync(app.Client, "/dao-tao/do-bao-phu?province=25&asOf=2026-11-01");
        Assert.Contains("2 / 5", page.QuerySelector("#coverage-total")!.TextContent);
        var drill = page.QuerySelectorAll("#coverage tbody a").First(a => a.TextContent == "Xã Đà Bắc").GetAttribute("href")!;
        var communePage = await HtmlPage.GetAsync(app.Client, drill);
        Assert.Equal(["Trần Văn Bình", "Lê Văn Cường", "Phạm Văn Dũng"], communePage.QuerySelectorAll("#untrained td.name").Select(td => td.TextContent.Trim()));

        var export = await app.Client.GetAsync(communePage.QuerySelector("#coverage-export")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.True(XlsxReader.TryRead(new MemoryStream(await export.Content.ReadAsByteArrayAsync()), n => n == "Chưa bồi dưỡng", 100, out var rows));
        Assert.Equal(["Họ và tên", "Trần Văn Bình", "Lê Văn Cường", "Phạm Văn Dũng"], rows.Select(r => r[0].Text));
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetJsonAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }
}
