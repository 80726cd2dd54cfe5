using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grassroots.Features.Accounts;
using Grassroots.Features.Training;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Grassroots.Tests.Infrastructure.Api;

namespace Grassroots.Tests.Features.Training;

/// <summary>Results and certificates over HTTP: coded problems, scope, the public verification page and JSON, PDFs read back with poppler and zbar.</summary>
public sealed class CertificatesApiTests
{
    /// <summary>A past course of two heads who attended everything, results computed and certificates issued through the API.</summary>
    internal static async Task<(Course Course, List<Enrolment> Enrolments, JsonElement Issued)> IssuedAsync(TestApp app, params string[] names)
    {
        Course course;
        List<Enrolment> enrolments;
        await using (var db = app.Database.NewDb())
        {
            (course, var sessions, enrolments) = await CompletionScene.CourseAsync(db, app.Factory.Time, names.Length == 0 ? ["Nguyễn Văn An", "Lò Thị Hoa"] : names, sessions: 2);
            foreach (var e in enrolments) await CompletionScene.AttendAsync(db, sessions, e, 2);
        }
        var (computed, body) = await Send(app.Client, HttpMethod.Post, $"/api/v1/training/courses/{course.Id}/results");
        Assert.Equal(HttpStatusCode.OK, computed);
        Assert.Equal(enrolments.Count, body.GetProperty("summary").GetProperty("completed").GetInt32());
        var (issued, certificates) = await Send(app.Client, HttpMethod.Post, $"/api/v1/training/courses/{course.Id}/certificates");
        Assert.Equal(HttpStatusCode.OK, issued);
        return (course, enrolments, certificates);
    }

    [Fact]
    public async Task Verification_shows_the_masked_holder_and_course_to_anyone_and_revoking_shows_on_it()
    {
        await using var app = await AppFactory.StartAsync();
        var (course, _, issued) = await IssuedAsync(app);
        var an = issued.GetProperty("issued").EnumerateArray().Single(c => c.GetProperty("holderName").GetString() == "Nguyễn Văn An");
        var code = an.GetProperty("code").GetString()!;
        using var anonymous = app.Anonymous;

        var (status, check) = await Send(anonymous, HttpMethod.Get, $"/api/v1/training/certificates/verify/{code}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("Nguyễn V** A*", 1980, "Lớp bồi dưỡng trưởng thôn 2026", "Sở Nội vụ tỉnh Phú Thọ", an.GetProperty("number").GetString(), false, "2026-11-21"),
            (check.GetProperty("holder").GetString(), check.GetProperty("birthYear").GetInt32(), check.GetProperty("courseTitle").GetString(),
             check.GetProperty("organiser").GetString(), check.GetProperty("number").GetString(), check.GetProperty("revoked").GetBoolean(), check.GetProperty("issuedOn").GetString()));
        Assert.DoesNotContain("Nguyễn Văn An", check.GetRawText(), StringComparison.Ordinal);
        var page = await HtmlPage.GetAsync(anonymous, $"/verify/{code}");
        Assert.Equal("Nguyễn V** A*", page.QuerySelector("#verify-holder")!.TextContent);
        Assert.Equal("Lớp bồi dưỡng trưởng thôn 2026", page.QuerySelector("#verify-course")!.TextContent);
        Assert.Equal("21/11/2026", page.QuerySelector("#verify-issued")!.TextContent);
        Assert.DoesNotContain("Nguyễn Văn An", page.DocumentElement.OuterHtml, StringComparison.Ordinal);

        var (unknown, problem) = await Send(anonymous, HttpMethod.Get, "/api/v1/training/certificates/verify/khong-co-ma-nay");
        Assert.Equal((HttpStatusCode.NotFound, "certificate_not_found"), (unknown, problem.GetProperty("code").GetString()));
        var missing = await anonymous.GetAsync("/verify/khong-co-ma-nay");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("Không tìm thấy giấy chứng nhận", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var id = an.GetProperty("id").GetInt32();
        var (noVersion, p1) = await Send(app.Client, HttpMethod.Post, $"/api/v1/training/certificates/{id}/revoke", new { reason = "Cấp nhầm" });
        Assert.Equal((HttpStatusCode.BadRequest, "version_required"), (noVersion, p1.GetProperty("code").GetString()));
        var (stale, p2) = await Send(app.Client, HttpMethod.Post, $"/api/v1/training/certificates/{id}/revoke", new { version = 7, reason = "Cấp nhầm" });
        Assert.Equal((HttpStatusCode.Conflict, "concurrency_conflict"), (stale, p2.GetProperty("code").GetString()));
        var (revoked, row) = await Send(app.Client, HttpMethod.Post, $"/api/v1/training/certificates/{id}/revoke", new { version = 1, reason = "Cấp nhầm người" });
        Assert.Equal((HttpStatusCode.OK, true), (revoked, row.GetProperty("revoked").GetBoolean()));
        var (_, after) = await Send(anonymous, HttpMethod.Get, $"/api/v1/training/certificates/verify/{code}");
        Assert.Equal((true, "Đã thu hồi", "Cấp nhầm người"), (after.GetProperty("revoked").GetBoolean(), after.GetProperty("status").GetString(), after.GetProperty("revokedReason").GetString()));
        var revokedPage = await HtmlPage.GetAsync(anonymous, $"/verify/{code}");
        Assert.Contains("Đã thu hồi", revokedPage.QuerySelector("#verify-status")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Cấp nhầm người", revokedPage.QuerySelector("#verify-status")!.TextContent, StringComparison.Ordinal);
        var (pdfRevoked, p3) = await Send(app.Client, HttpMethod.Get, $"/api/v1/training/certificates/{id}/pdf");
        Assert.Equal((HttpStatusCode.Conflict, "certificate_revoked"), (pdfRevoked, p3.GetProperty("code").GetString()));
        Assert.Single((await HtmlPage.GetAsync(app.Client, $"/dao-tao/lop/{course.Id}/chung-nhan")).QuerySelectorAll("#certificates .badge.warn"));
    }

    [Fact]
    public async Task The_pdfs_print_the_holder_and_number_and_their_qr_codes_point_at_the_verification_page()
    {
        await using var app = await AppFactory.StartAsync();
        var (course, _, issued) = await IssuedAsync(app);
        var rows = issued.GetProperty("issued").EnumerateArray().ToList();
        // Vietnamese name order: by given name (An before Hoa).
        Assert.Equal(["Nguyễn Văn An", "Lò Thị Hoa"], rows.Select(r => r.GetProperty("holderName").GetString()));

        var one = await app.Client.GetAsync($"/api/v1/training/certificates/{rows[0].GetProperty("id").GetInt32()}/pdf");
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal("application/pdf", one.Content.Headers.ContentType!.MediaType);
        var pdf = await one.Content.ReadAsByteArrayAsync();
        var text = PdfTools.Text(pdf);
        Assert.Contains("Chứng nhận: Ông Nguyễn Văn An", text, StringComparison.Ordinal);
        Assert.Contains("Số: " + rows[0].GetProperty("number").GetString(), text, StringComparison.Ordinal);
        Assert.Contains("Sinh ngày: 01/01/1980", text, StringComparison.Ordinal);
        Assert.Contains("xã Đà Bắc", text, StringComparison.Ordinal);
        Assert.Equal(["http://localhost/verify/" + rows[0].GetProperty("code").GetString()], PdfTools.QrCodes(pdf).Single());

        var all = await app.Client.GetAsync($"/api/v1/training/courses/{course.Id}/certificates/pdf");
        var both = await all.Content.ReadAsByteArrayAsync();
        Assert.Equal(2, PdfTools.PageCount(both));
        var pages = PdfTools.PageTexts(both);
        Assert.Contains("Nguyễn Văn An", pages[0], StringComparison.Ordinal);
        Assert.Contains("Lò Thị Hoa", pages[1], StringComparison.Ordinal);
        Assert.Equal(rows.Select(r => new[] { "http://localhost/verify/" + r.GetProperty("code").GetString() }), PdfTools.QrCodes(both));
    }

    [Fact]
    public async Task Bad_scores_overrides_without_a_note_stale_versions_and_other_provinces_get_coded_problems()
    {
        await using var app = await AppFactory.StartAsync();
        Course course;
        List<Enrolment> e;
        await using (var db = app.Database.NewDb())
            (course, _, e) = await CompletionScene.CourseAsync(db, app.Factory.Time, ["Lê Văn Anh", "Phạm Văn Bảo"], assessment: true, passMark: 5);
        var url = $"/api/v1/training/courses/{course.Id}";

        var (s1, p1) = await Send(app.Client, HttpMethod.Put, $"{url}/scores",
            new { scores = new[] { new { enrolmentId = e[0].Id, version = 1, score = 11.5m * 10 }, new { enrolmentId = e[1].Id, version = 1, score = -2m } } });
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_score"), (s1, p1.GetProperty("code").GetString()));
        Assert.Equal(["scores[0].score", "scores[1].score"], p1.GetProperty("errors").EnumerateArray().Select(x => x.GetProperty("field").GetString()));
        var (s2, list) = await Send(app.Client, HttpMethod.Put, $"{url}/scores", new { scores = new[] { new { enrolmentId = e[0].Id, version = 1, score = 8m } } });
        Assert.Equal(HttpStatusCode.OK, s2);
        Assert.Equal(8m, list.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("enrolmentId").GetInt32() == e[0].Id).GetProperty("score").GetDecimal());

        var (s3, p3) = await Send(app.Client, HttpMethod.Put, $"/api/v1/training/enrolments/{e[1].Id}/result", new { version = 1, result = "completed" });
        Assert.Equal((HttpStatusCode.BadRequest, "note_required", "note"), (s3, p3.GetProperty("code").GetString(), p3.GetProperty("errors")[0].GetProperty("field").GetString()));
        var (s4, p4) = await Send(app.Client, HttpMethod.Put, $"/api/v1/training/enrolments/{e[1].Id}/result", new { version = 9, result = "completed", note = "Học bù" });
        Assert.Equal((HttpStatusCode.Conflict, "concurrency_conflict"), (s4, p4.GetProperty("code").GetString()));
        var (s5, row) = await Send(app.Client, HttpMethod.Put, $"/api/v1/training/enrolments/{e[1].Id}/result", new { version = 1, result = "completed", note = "Học bù" });
        Assert.Equal((HttpStatusCode.OK, "completed", true, "Học bù"), (s5, row.GetProperty("result").GetString(), row.GetProperty("overridden").GetBoolean(), row.GetProperty("note").GetString()));

        using var hanoi = await app.ClientForAsync("ha-noi-kq", Role.ProvinceOfficer, "01");
        foreach (var (method, path) in new[] { (HttpMethod.Get, $"{url}/results"), (HttpMethod.Post, $"{url}/results"), (HttpMethod.Post, $"{url}/certificates"), (HttpMethod.Get, $"{url}/certificates") })
        {
            var (status, problem) = await Send(hanoi, method, path);
            Assert.Equal((HttpStatusCode.NotFound, "course_not_found"), (status, problem.GetProperty("code").GetString()));
        }
        var (s6, _) = await Send(hanoi, HttpMethod.Put, $"/api/v1/training/enrolments/{e[1].Id}/result", new { version = 2, result = "notCompleted", note = "X" });
        Assert.Equal(HttpStatusCode.NotFound, s6);
    }

    [Fact]
    public async Task The_results_page_lists_attendance_and_computes_for_organisers()
    {
        await using var app = await AppFactory.StartAsync();
        Course course;
        await using (var db = app.Database.NewDb())
        {
            var (c, sessions, e) = await CompletionScene.CourseAsync(db, app.Factory.Time, ["Lê Văn Anh", "Phạm Văn Bảo"]);
            await CompletionScene.AttendAsync(db, sessions, e[0], 3);
            course = c;
        }
        var page = await HtmlPage.GetAsync(app.Client, $"/dao-tao/lop/{course.Id}/ket-qua");
        var computed = await HtmlPage.SubmitAsync(app.Client, page, new Dictionary<string, string>(), "form[action$='handler=Tinh']");
        Assert.Equal(HttpStatusCode.Redirect, computed.StatusCode);
        var after = await HtmlPage.GetAsync(app.Client, $"/dao-tao/lop/{course.Id}/ket-qua");
        Assert.Equal("1", after.QuerySelector("#count-completed")!.TextContent);
        var rows = after.QuerySelectorAll("#results tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("Lê Văn Anh", StringComparison.Ordinal) && r.Contains("3/4", StringComparison.Ordinal) && r.Contains("Hoàn thành", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("Phạm Văn Bảo", StringComparison.Ordinal) && r.Contains("Không hoàn thành", StringComparison.Ordinal));
        var coursePage = await HtmlPage.GetAsync(app.Client, $"/dao-tao/lop/{course.Id}");
        Assert.NotNull(coursePage.QuerySelector($"#course-links a[href='/dao-tao/lop/{course.Id}/chung-nhan']"));
    }
}
