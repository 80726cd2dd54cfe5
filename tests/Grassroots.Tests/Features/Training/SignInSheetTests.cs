using System.Net;
using Grassroots.Features.Accounts;
using Grassroots.Features.Training;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Tests.Features.Training;

/// <summary>
/// The printed sign-in sheet of a session, read back with pdftotext and zbarimg, and its entry page: each page's QR code
/// opens the entry page of that page, which records the signed rows "theo danh sách ký" and flags a sheet printed
/// before the list changed.
/// </summary>
public sealed class AttendanceSignInSheetTests
{
    private static async Task<(AttendanceScene Scene, List<Enrolment> Guests)> SceneAsync(TestApp app)
    {
        await using var db = app.Database.NewDb();
        var scene = await AttendanceScene.CreateAsync(db, app.Factory.Time, "Phạm Văn Bảo", "Lê Văn Anh", "Nguyễn Thị Ánh");
        var guests = await AttendanceScene.GuestsAsync(db, app.Factory.Time, scene.Course, Enumerable.Range(1, 22).Select(i => $"Trần Văn Khách {i:00}"));
        return (scene, guests);
    }

    /// <summary>The roll's names in Vietnamese order: registry people by given name (Anh, Ánh, Bảo), then the guests.</summary>
    private static readonly string[] Names = ["Lê Văn Anh", "Nguyễn Thị Ánh", "Phạm Văn Bảo", .. Enumerable.Range(1, 22).Select(i => $"Trần Văn Khách {i:00}")];

    [Fact]
    public async Task The_sheet_lists_the_participants_in_name_order_and_each_pages_qr_code_opens_the_entry_page_of_that_page()
    {
        await using var app = await AppFactory.StartAsync();
        var (scene, _) = await SceneAsync(app);
        await using (var db = app.Database.NewDb())
        {
            // Neither the withdrawn nor the waiting are on the sheet.
            var head = await LeaderBuilder.AppointAsync(db, app.Factory.Time, await UnitBuilder.EstablishAsync(db, app.Factory.Time, "Thôn Rút Tên"), "Đỗ Văn Rút");
            await TrainingBuilder.EnrolAsync(db, app.Factory.Time, scene.Course, head, EnrolmentStatus.Withdrawn);
            var waiter = await LeaderBuilder.AppointAsync(db, app.Factory.Time, await UnitBuilder.EstablishAsync(db, app.Factory.Time, "Thôn Chờ"), "Đỗ Văn Chờ");
            await TrainingBuilder.EnrolAsync(db, app.Factory.Time, scene.Course, waiter, EnrolmentStatus.Waiting);
        }
        using var client = await app.ClientForAsync("so.noivu", Role.ProvinceOfficer, "25");

        var response = await client.GetAsync($"/dao-tao/buoi/{scene.Session.Id}/so-ky");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"so-ky-buoi-{scene.Session.Id}-20261121.pdf", response.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        var pdf = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(2, PdfTools.PageCount(pdf));
        var pages = PdfTools.PageTexts(pdf);
        foreach (var (text, names) in new[] { (pages[0], Names[..20]), (pages[1], Names[20..]) })
        {
            var at = names.Select(n => text.IndexOf(n, StringComparison.Ordinal)).ToList();
            Assert.All(at, i => Assert.True(i >= 0, text));
            Assert.Equal(at.Order(), at);
        }
        Assert.DoesNotContain("Rút", pages[0] + pages[1]);
        Assert.DoesNotContain("Đỗ Văn Chờ", pages[0] + pages[1]);
        Assert.Contains("Trưởng thôn", pages[0]);
        Assert.Contains("Xã Đà Bắc", pages[0]);
        Assert.Contains("Hội Nông dân", pages[1]);
        Assert.Contains("Lớp bồi dưỡng trưởng thôn năm 2026", pages[0]);
        Assert.Contains("Kỹ năng hòa giải ở cơ sở", pages[1]);
        Assert.Contains("sĩ số: 25", pages[0]);

        var codes = PdfTools.QrCodes(pdf).Select(Assert.Single).ToList();
        Assert.Equal(2, codes.Count);
        for (var page = 1; page <= 2; page++)
        {
            var url = new Uri(codes[page - 1]);
            Assert.Equal(("http", "localhost", $"/dao-tao/buoi/{scene.Session.Id}/nhap-so-ky"), (url.Scheme, url.Host, url.AbsolutePath));
            Assert.Matches($"^\\?trang={page}&ma=[A-Za-z0-9_-]{{10}}$", url.Query);
            var entry = await HtmlPage.GetAsync(client, url.PathAndQuery);
            Assert.Null(entry.QuerySelector("#stale-sheet"));
            Assert.Contains($"Trang {page}/2", entry.QuerySelector("#sheet-page")!.TextContent);
            var expected = page == 1 ? Names[..20] : Names[20..];
            Assert.Equal(expected, entry.QuerySelectorAll("#sheet-rows .name").Select(n => n.TextContent));
            Assert.Equal(Enumerable.Range((page - 1) * 20 + 1, expected.Length).Select(n => $"{n}."), entry.QuerySelectorAll("#sheet-rows .number").Select(n => n.TextContent));
        }
        Assert.NotEqual(codes[0][^10..], codes[1][^10..]);

        // The API gives the same sheet; out of scope it is not found, without the permission it is refused.
        var api = await client.GetAsync($"/api/v1/training/sessions/{scene.Session.Id}/sign-in-sheet");
        Assert.Equal((HttpStatusCode.OK, "application/pdf"), (api.StatusCode, api.Content.Headers.ContentType!.MediaType));
        Assert.Equal(2, PdfTools.PageCount(await api.Content.ReadAsByteArrayAsync()));
        using var viewer = await app.ClientForAsync("xem", Role.Viewer, "25");
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync($"/api/v1/training/sessions/{scene.Session.Id}/sign-in-sheet")).StatusCode);
        using var hanoi = await app.ClientForAsync("ha.noi", Role.ProvinceOfficer, "01");
        var (notFound, problem) = await AttendanceScene.SendAsync(hanoi, HttpMethod.Get, $"/api/v1/training/sessions/{scene.Session.Id}/sign-in-sheet");
        Assert.Equal((HttpStatusCode.NotFound, "not_found"), (notFound, AttendanceScene.Code(problem)));
        Assert.Equal(HttpStatusCode.NotFound, (await hanoi.GetAsync($"/dao-tao/buoi/{scene.Session.Id}/nhap-so-ky?trang=1")).StatusCode);
    }

    [Fact]
    public async Task Entering_a_page_records_the_signed_rows_present_and_the_rest_absent_keeping_a_self_check_in()
    {
        await using var app = await AppFactory.StartAsync();
        var (scene, guests) = await SceneAsync(app);
        await using (var db = app.Database.NewDb())
        {
            // Ánh checked in late with the QR code before the sheet was entered.
            db.Attendances.Add(new Attendance
            {
                SessionId = scene.Session.Id, EnrolmentId = scene.Enrolments[2].Id, PersonId = scene.Heads[2].PersonId, CourseProvinceCode = "25",
                ProvinceCode = "25", CommuneId = scene.Enrolments[2].CommuneId, UnitId = scene.Enrolments[2].UnitId, Status = AttendanceStatus.Late,
                Method = AttendanceMethod.SelfCheckIn, RecordedAt = app.Factory.Time.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync();
        }
        using var client = await app.ClientForAsync("so.noivu", Role.ProvinceOfficer, "25");
        var coursePage = await HtmlPage.GetAsync(client, $"/dao-tao/lop/{scene.Course.Id}");
        Assert.NotNull(coursePage.QuerySelector($"#sessions a[href='/dao-tao/buoi/{scene.Session.Id}/so-ky']"));
        var enter = coursePage.QuerySelector($"#sessions a[href='/dao-tao/buoi/{scene.Session.Id}/nhap-so-ky']")!;
        Assert.Equal("Nhập sổ ký", enter.TextContent);

        // Page 2 (five guests): absent by default; two signed.
        var page2 = await HtmlPage.GetAsync(client, $"/dao-tao/buoi/{scene.Session.Id}/nhap-so-ky?trang=2");
        Assert.Empty(page2.QuerySelectorAll("#sheet-rows input[checked]"));
        var saved = await HtmlPage.SubmitAsync(client, page2, new Dictionary<string, string>(), "#sheet-entry");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using (var db = app.Database.NewDb())
            Assert.Equal(5, await db.Attendances.CountAsync(a => a.Status == AttendanceStatus.Absent && a.Method == AttendanceMethod.SignInSheet));
        page2 = await HtmlPage.GetAsync(client, saved.Headers.Location!.OriginalString);
        Assert.Contains("Đã lưu trang 2/2 của sổ ký: 0 có mặt, 5 vắng (5 ghi mới, 0 thay đổi).", page2.QuerySelector(".flash")!.TextContent);
        var form = new List<KeyValuePair<string, string>>
        {
            new("Present", guests[17].Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Present", guests[21].Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("__RequestVerificationToken", page2.QuerySelector("#sheet-entry input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? ""),
        };
        var resaved = await client.PostAsync(page2.QuerySelector("#sheet-entry")!.GetAttribute("action"), new FormUrlEncodedContent(form));
        Assert.True(resaved.StatusCode == HttpStatusCode.Redirect, $"{resaved.StatusCode}: {await resaved.Content.ReadAsStringAsync()}");

        // Page 1 with "all present": every row ticked; Ánh's late check-in stays late.
        var page1 = await HtmlPage.GetAsync(client, $"/dao-tao/buoi/{scene.Session.Id}/nhap-so-ky?trang=1");
        Assert.Equal(["Nguyễn Thị Ánh"], page1.QuerySelectorAll("#sheet-rows input[checked]").Select(i => i.ParentElement!.QuerySelector(".name")!.TextContent));
        var all = await HtmlPage.GetAsync(client, page1.QuerySelector("#all-present")!.GetAttribute("href")!);
        Assert.Equal(20, all.QuerySelectorAll("#sheet-rows input[checked]").Length);
        Assert.Equal(HttpStatusCode.Redirect, (await HtmlPage.SubmitAsync(client, all, new Dictionary<string, string>(), "#sheet-entry")).StatusCode);

        await using var check = app.Database.NewDb();
        var marks = await check.Attendances.AsNoTracking().Where(a => a.SessionId == scene.Session.Id).ToDictionaryAsync(a => a.EnrolmentId);
        Assert.Equal(25, marks.Count);
        Assert.Equal((AttendanceStatus.Late, AttendanceMethod.SelfCheckIn), (marks[scene.Enrolments[2].Id].Status, marks[scene.Enrolments[2].Id].Method));
        Assert.Equal((AttendanceStatus.Present, AttendanceMethod.SignInSheet), (marks[scene.Enrolments[0].Id].Status, marks[scene.Enrolments[0].Id].Method));
        Assert.Equal(AttendanceStatus.Present, marks[guests[17].Id].Status);
        Assert.Equal(AttendanceStatus.Present, marks[guests[21].Id].Status);
        Assert.Equal(AttendanceStatus.Absent, marks[guests[18].Id].Status);
        Assert.Equal(21, marks.Values.Count(m => m.Status == AttendanceStatus.Present));
        var audit = await check.AuditEvents.AsNoTracking().Where(a => a.EntityType == nameof(Attendance)).ToListAsync();
        Assert.Equal(5 + 2 + 19, audit.Count(a => a.Operation == "sign-in-sheet"));
    }

    [Fact]
    public async Task A_sheet_printed_before_the_list_changed_is_flagged_on_its_entry_page()
    {
        await using var app = await AppFactory.StartAsync();
        var (scene, _) = await SceneAsync(app);
        using var client = await app.ClientForAsync("so.noivu", Role.ProvinceOfficer, "25");
        var printed = PdfTools.QrCodes(await client.GetByteArrayAsync($"/dao-tao/buoi/{scene.Session.Id}/so-ky")).Select(Assert.Single).ToList();
        Assert.Null((await HtmlPage.GetAsync(client, new Uri(printed[0]).PathAndQuery)).QuerySelector("#stale-sheet"));

        // Someone is enrolled after printing: every row from there on moves.
        await using (var db = app.Database.NewDb())
            await AttendanceScene.GuestsAsync(db, app.Factory.Time, scene.Course, ["Trần Văn Khách 00"]);

        var stale = await HtmlPage.GetAsync(client, new Uri(printed[1]).PathAndQuery);
        Assert.StartsWith("Danh sách đã thay đổi sau khi in sổ ký", stale.QuerySelector("#stale-sheet")!.TextContent.Trim());
        var tampered = await HtmlPage.GetAsync(client, $"/dao-tao/buoi/{scene.Session.Id}/nhap-so-ky?trang=1&ma=AAAAAAAAAA");
        Assert.NotNull(tampered.QuerySelector("#stale-sheet"));
        var fresh = PdfTools.QrCodes(await client.GetByteArrayAsync($"/dao-tao/buoi/{scene.Session.Id}/so-ky")).Select(Assert.Single).ToList();
        Assert.NotEqual(printed[1], fresh[1]);
        Assert.Null((await HtmlPage.GetAsync(client, new Uri(fresh[1]).PathAndQuery)).QuerySelector("#stale-sheet"));
    }
}
