using System.Net;
using AngleSharp.Dom;
using Grassroots.Documents;
using Grassroots.Features.Accounts;
using Grassroots.Features.People;
using Grassroots.Features.Training;
using Grassroots.Features.Units;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Tests.Features.Training;

/// <summary>The enrolment pages over HTTP: target group (count and list before enrolling, enrol all), participants, invitations.</summary>
public sealed class EnrolmentPagesTests
{
    /// <summary>Heads in Đà Bắc: three not in the Party and under 60, one Party member.</summary>
    private static async Task<List<Tenure>> HeadsAsync(TestApp app)
    {
        await using var db = app.Database.NewDb();
        var time = app.Factory.Time;
        var heads = new List<Tenure>();
        foreach (var (name, party) in new[] { ("Trần Văn Tùng", false), ("Lê Văn Anh", false), ("Phạm Văn Bảo", false), ("Hà Văn Đảng", true) })
            heads.Add(await LeaderBuilder.AppointAsync(db, time, await UnitBuilder.EstablishAsync(db, time, "Thôn của " + name), name, partyMember: party));
        return heads;
    }

    private static async Task<Course> CourseAsync(TestApp app, int? capacity = null, params string[] classes)
    {
        await using var db = app.Database.NewDb();
        return await TrainingBuilder.CourseAsync(db, app.Factory.Time, capacity: capacity, classes: classes);
    }

    /// <summary>Submits a form through one of its buttons (the button's formaction names the page handler).</summary>
    private static Task<HttpResponseMessage> ClickAsync(HttpClient client, IDocument page, string formSelector, string buttonSelector, Dictionary<string, string>? values = null)
    {
        var form = page.QuerySelector(formSelector)!;
        form.SetAttribute("action", page.QuerySelector(buttonSelector)!.GetAttribute("formaction"));
        return HtmlPage.SubmitAsync(client, page, values ?? [], formSelector);
    }

    private static string FieldError(IDocument page, string field) => page.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent.Trim() ?? "";

    [Fact]
    public async Task The_target_group_page_shows_the_count_and_the_list_before_anyone_is_enrolled_then_enrols_them_all()
    {
        await using var app = await AppFactory.StartAsync();
        await HeadsAsync(app);
        var course = await CourseAsync(app, capacity: 2);
        using var officer = await app.ClientForAsync("so-noi-vu", Role.ProvinceOfficer, "25");
        var url = $"/dao-tao/lop/{course.Id}/doi-tuong";

        var empty = await HtmlPage.GetAsync(officer, url);
        Assert.Null(empty.QuerySelector("#matches"));
        Assert.Equal(3, empty.QuerySelectorAll("#presets a").Length);
        var presetLink = empty.QuerySelectorAll("#presets a").First(a => a.TextContent.Contains("chưa là đảng viên"));

        var page = await HtmlPage.GetAsync(officer, presetLink.GetAttribute("href")!);
        Assert.Contains("3 người thuộc đối tượng “Trưởng thôn, tổ trưởng tổ dân phố; chưa là đảng viên; dưới 60 tuổi” tại ngày 01/12/2026, trong Tỉnh Phú Thọ",
            page.QuerySelector("#match-count")!.TextContent);
        Assert.Equal(["Lê Văn Anh", "Phạm Văn Bảo", "Trần Văn Tùng"], page.QuerySelectorAll("#match-list tbody tr td:nth-child(2)").Select(td => td.TextContent.Trim()));
        Assert.True(page.QuerySelector("input[name='Input.Groups[0].Positions'][value='UnitHead']")!.HasAttribute("checked"));
        Assert.Equal("false", page.QuerySelector("select[name='Input.Groups[0].PartyMember'] option[selected]")!.GetAttribute("value"));
        Assert.Equal("60", page.QuerySelector("input[name='Input.Groups[0].AgeUnder']")!.GetAttribute("value"));
        Assert.Equal("Ghi danh tất cả 3 người", page.QuerySelector("#enrol-all")!.TextContent.Trim());
        await using (var db = app.Database.NewDb()) Assert.Equal(0, await db.Enrolments.CountAsync());

        var response = await ClickAsync(officer, page, "#rule-form", "#enrol-all");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/dao-tao/lop/{course.Id}/hoc-vien", response.Headers.Location!.ToString());
        var participants = await HtmlPage.GetAsync(officer, $"/dao-tao/lop/{course.Id}/hoc-vien");
        Assert.Equal("Đối tượng có 3 người tại ngày 01/12/2026: đã ghi danh 2, danh sách chờ 1.", participants.QuerySelector(".flash")!.TextContent.Trim());
        Assert.Equal(("2", "1", "0"), (participants.QuerySelector("#count-enrolled")!.TextContent, participants.QuerySelector("#count-waiting")!.TextContent,
            participants.QuerySelector("#count-withdrawn")!.TextContent));
        Assert.Equal(["Lê Văn Anh", "Phạm Văn Bảo"], participants.QuerySelectorAll("#enrolled tbody tr td:nth-child(2)").Select(td => td.TextContent.Trim()));
        Assert.Equal(["Trần Văn Tùng"], participants.QuerySelectorAll("#waiting tbody tr td:nth-child(2)").Select(td => td.TextContent.Trim()));

        // The saved group comes back in the form, with who of it is already on the list.
        await using (var db = app.Database.NewDb())
            Assert.Equal("""{"positions":["UnitHead"],"partyMember":false,"ageUnder":60}""", (await db.TargetGroups.SingleAsync()).Rule);
        var saved = await HtmlPage.GetAsync(officer, url);
        Assert.Contains("3 người đã có trong danh sách lớp", saved.QuerySelector("#match-count")!.TextContent);
        Assert.Equal(3, saved.QuerySelectorAll("#match-list td").Count(td => td.TextContent == "Đã có trong danh sách"));
        Assert.NotEmpty(saved.QuerySelector("input[name='Input.GroupId']")!.GetAttribute("value")!);
    }

    [Fact]
    public async Task The_form_combines_groups_with_or_and_shows_errors_next_to_the_field()
    {
        await using var app = await AppFactory.StartAsync();
        var heads = await HeadsAsync(app);
        await using (var db = app.Database.NewDb())
            await LeaderBuilder.AppointAsync(db, app.Factory.Time, await db.ResidentialUnits.SingleAsync(u => u.Id == heads[0].UnitId), "Lò Thị Mai",
                Position.DeputyHead, mode: TenureMode.Recognized, born: new DateOnly(1998, 3, 1));
        var course = await CourseAsync(app);
        var url = $"/dao-tao/lop/{course.Id}/doi-tuong";

        var page = await HtmlPage.GetAsync(app.Client, url);
        var nothing = await HtmlPage.ParseAsync(await ClickAsync(app.Client, page, "#rule-form", "#preview"));
        Assert.Contains("Chưa chọn điều kiện nào", nothing.QuerySelector(".errors")!.TextContent);

        // Group 1: Party members; or group 2: under 30.
        page.QuerySelector("input[name='Input.Groups[0].Positions'][value='UnitHead']")!.SetAttribute("checked", "checked");
        var values = new Dictionary<string, string> { ["Input.Combine"] = "any", ["Input.Groups[0].PartyMember"] = "true", ["Input.Groups[1].AgeUnder"] = "30" };
        var preview = await HtmlPage.ParseAsync(await ClickAsync(app.Client, page, "#rule-form", "#preview", values));
        Assert.Contains("2 người thuộc đối tượng “(Trưởng thôn, tổ trưởng tổ dân phố; là đảng viên) hoặc dưới 30 tuổi”", preview.QuerySelector("#match-count")!.TextContent);
        Assert.Equal(["Hà Văn Đảng", "Lò Thị Mai"], preview.QuerySelectorAll("#match-list tbody tr td:nth-child(2)").Select(td => td.TextContent.Trim()));

        values["Input.Groups[1].AgeUnder"] = "-5";
        values["Input.Groups[2].Since"] = "31/02/2026";
        var bad = await HtmlPage.ParseAsync(await ClickAsync(app.Client, page, "#rule-form", "#preview", values));
        Assert.Contains("không hợp lệ: nhập theo dạng dd/MM/yyyy", FieldError(bad, "Input.Groups[2].Since"));
        values.Remove("Input.Groups[2].Since");
        bad = await HtmlPage.ParseAsync(await ClickAsync(app.Client, page, "#rule-form", "#preview", values));
        Assert.Equal("Tuổi phải từ 0 đến 120 (đã nhập -5).", FieldError(bad, "Input.Groups[1].AgeUnder"));
        Assert.Null(bad.QuerySelector("#matches"));

        // Saved, it keeps the and/or of the form.
        values["Input.Groups[1].AgeUnder"] = "30";
        var saved = await ClickAsync(app.Client, page, "#rule-form", "#save", values);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using var check = app.Database.NewDb();
        Assert.Equal("""{"any":[{"positions":["UnitHead"],"partyMember":true},{"ageUnder":30}]}""", (await check.TargetGroups.SingleAsync()).Rule);
    }

    [Fact]
    public async Task The_participants_page_adds_by_name_search_and_as_a_guest_withdraws_with_a_reason_and_removes()
    {
        await using var app = await AppFactory.StartAsync();
        await HeadsAsync(app);
        var course = await CourseAsync(app);
        var url = $"/dao-tao/lop/{course.Id}/hoc-vien";

        var search = await HtmlPage.GetAsync(app.Client, url + "?tim=le van anh");
        var found = Assert.Single(search.QuerySelectorAll("#results tbody tr"));
        Assert.Contains("Trưởng thôn Thôn của Lê Văn Anh", found.TextContent);
        var enrolled = await HtmlPage.SubmitAsync(app.Client, search, new Dictionary<string, string>(), "#results form");
        Assert.Equal(HttpStatusCode.Redirect, enrolled.StatusCode);
        var page = await HtmlPage.GetAsync(app.Client, url);
        Assert.Equal("Đã ghi danh Lê Văn Anh.", page.QuerySelector(".flash")!.TextContent.Trim());
        Assert.Empty((await HtmlPage.GetAsync(app.Client, url + "?tim=le van anh")).QuerySelectorAll("#results tbody tr"));

        var noName = await HtmlPage.ParseAsync(await HtmlPage.SubmitAsync(app.Client, page, new Dictionary<string, string> { ["Guest.Title"] = "Chi hội trưởng" }, "#guest-form"));
        Assert.Equal("Chưa nhập họ và tên khách mời.", FieldError(noName, "Guest.FullName"));
        Assert.Equal("Chi hội trưởng", noName.QuerySelector("input[name='Guest.Title']")!.GetAttribute("value"));
        await HtmlPage.SubmitAsync(app.Client, page, new Dictionary<string, string> { ["Guest.FullName"] = "Hà Thị Lan", ["Guest.Organisation"] = "Hội Phụ nữ xã" }, "#guest-form");
        page = await HtmlPage.GetAsync(app.Client, url);
        var names = page.QuerySelectorAll("#enrolled tbody tr td:nth-child(2)").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(2, names.Count);
        Assert.Equal("Lê Văn Anh", names[0]);
        Assert.StartsWith("Hà Thị Lan", names[1]);
        Assert.EndsWith("khách mời", names[1]);

        await using var db = app.Database.NewDb();
        var anh = await db.Enrolments.SingleAsync(e => e.PersonId != null);
        var withdrawn = await HtmlPage.SubmitAsync(app.Client, page, new Dictionary<string, string> { ["reason"] = "Ốm, nằm viện" },
            $"#enrolment-{anh.Id} form[action*='RutTen']");
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        page = await HtmlPage.GetAsync(app.Client, url);
        Assert.Equal("Đã ghi nhận Lê Văn Anh rút tên khỏi lớp.", page.QuerySelector(".flash")!.TextContent.Trim());
        Assert.Contains("Ốm, nằm viện", page.QuerySelector($"#withdrawn #enrolment-{anh.Id}")!.TextContent);

        var guest = await db.Enrolments.SingleAsync(e => e.PersonId == null);
        await HtmlPage.SubmitAsync(app.Client, page, new Dictionary<string, string>(), $"#enrolment-{guest.Id} form[action*='Xoa']");
        page = await HtmlPage.GetAsync(app.Client, url);
        Assert.Equal("Đã xóa Hà Thị Lan khỏi danh sách lớp.", page.QuerySelector(".flash")!.TextContent.Trim());
        Assert.Equal("0", page.QuerySelector("#count-enrolled")!.TextContent);

        // A viewer sees the list without the forms.
        using var viewer = await app.ClientForAsync("xem", Role.Viewer, UnitBuilder.Xa);
        var read = await HtmlPage.GetAsync(viewer, url);
        Assert.Null(read.QuerySelector("#add"));
        Assert.Empty(read.QuerySelectorAll("form[method=post]"));
        Assert.Single(read.QuerySelectorAll("#withdrawn tbody tr"));
    }

    [Fact]
    public async Task The_invitation_list_prints_a_page_a_class_and_exports_to_xlsx()
    {
        await using var app = await AppFactory.StartAsync();
        var heads = await HeadsAsync(app);
        var course = await CourseAsync(app, null, "Lớp 1", "Lớp 2");
        await using (var db = app.Database.NewDb())
        {
            var classes = await db.CourseClasses.Where(c => c.CourseId == course.Id).OrderBy(c => c.Name).ToListAsync();
            for (var i = 0; i < heads.Count; i++)
                await TrainingBuilder.EnrolAsync(db, app.Factory.Time, course, heads[i], i == 3 ? EnrolmentStatus.Waiting : EnrolmentStatus.Enrolled, classes[i % 2].Id);
        }
        var page = await HtmlPage.GetAsync(app.Client, $"/dao-tao/lop/{course.Id}/giay-moi");
        var sections = page.QuerySelectorAll("section.print-page");
        Assert.Equal(2, sections.Length);
        Assert.Contains("Lớp 1", sections[0].QuerySelector(".doc-sub")!.TextContent);
        Assert.Equal(["Phạm Văn Bảo", "Trần Văn Tùng"], sections[0].QuerySelectorAll("tbody tr td:nth-child(2)").Select(td => td.TextContent));
        Assert.Equal(["Lê Văn Anh"], sections[1].QuerySelectorAll("tbody tr td:nth-child(2)").Select(td => td.TextContent));
        Assert.Contains("1 người trong danh sách chờ chưa được mời", page.QuerySelector(".no-print")!.TextContent);
        var css = await app.Client.GetStringAsync(page.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href"));
        Assert.Contains("@media print", css);
        Assert.Contains(".print-page { break-after: page; }", css);

        var export = await app.Client.GetAsync(page.QuerySelector("#export")!.GetAttribute("href"));
        Assert.Equal(XlsxWriter.ContentType, export.Content.Headers.ContentType!.MediaType);
        var bytes = await export.Content.ReadAsByteArrayAsync();
        Assert.True(XlsxReader.TryRead(new MemoryStream(bytes), n => n == "Lớp 2", 100, out var second));
        Assert.Equal(["Lê Văn Anh"], second.Skip(1).Select(r => r[1].Text));
        Assert.True(XlsxReader.TryRead(new MemoryStream(bytes), n => n == "Thông tin", 100, out var info));
        Assert.Contains(info, r => r[0].Text == "Số người được mời" && r[1].Text == "3");

        var oneClass = await HtmlPage.GetAsync(app.Client, $"/dao-tao/lop/{course.Id}/giay-moi?lop={(await ClassIdAsync(app, course, "Lớp 2"))}");
        Assert.Single(oneClass.QuerySelectorAll("section.print-page"));
    }

    private static async Task<int> ClassIdAsync(TestApp app, Course course, string name)
    {
        await using var db = app.Database.NewDb();
        return await db.CourseClasses.Where(c => c.CourseId == course.Id && c.Name == name).Select(c => c.Id).SingleAsync();
    }

    [Fact]
    public async Task The_invitation_by_code_is_public_fits_a_phone_and_shows_only_what_the_invitation_needs()
    {
        await using var app = await AppFactory.StartAsync();
        var heads = await HeadsAsync(app);
        var course = await CourseAsync(app);
        Enrolment enrolment, waiting;
        await using (var db = app.Database.NewDb())
        {
            var c = await db.Courses.SingleAsync(x => x.Id == course.Id);
            c.Venue = "Hội trường UBND xã Đà Bắc";
            await db.SaveChangesAsync();
            await TrainingBuilder.SessionAsync(db, course, new DateOnly(2026, 12, 1), "Vị trí, vai trò, nhiệm vụ của trưởng thôn");
            await TrainingBuilder.SessionAsync(db, course, new DateOnly(2026, 12, 2), "Luật Thực hiện dân chủ ở cơ sở", new TimeOnly(13, 30), new TimeOnly(17, 0));
            enrolment = await TrainingBuilder.EnrolAsync(db, app.Factory.Time, course, heads[1]);
            waiting = await TrainingBuilder.EnrolAsync(db, app.Factory.Time, course, heads[2], EnrolmentStatus.Waiting);
        }
        using var anonymous = app.Anonymous;
        var response = await anonymous.GetAsync($"/moi/{enrolment.InvitationCode}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("noindex, nofollow", response.Headers.GetValues("X-Robots-Tag").Single());
        Assert.True(response.Headers.CacheControl!.NoStore);
        var page = await HtmlPage.ParseAsync(response);
        Assert.Equal("width=device-width, initial-scale=1", page.QuerySelector("meta[name=viewport]")!.GetAttribute("content"));
        Assert.Equal("Lê Văn Anh", page.QuerySelector("#invitee")!.TextContent);
        Assert.Equal("Trưởng thôn Thôn của Lê Văn Anh, Xã Đà Bắc", page.QuerySelector("#invitee-post")!.TextContent);
        Assert.Equal("Lớp bồi dưỡng trưởng thôn năm 2026", page.QuerySelector("#course-title")!.TextContent);
        Assert.Equal("Từ 01/12/2026 đến 02/12/2026", page.QuerySelector("#course-dates")!.TextContent);
        Assert.Equal("Hội trường UBND xã Đà Bắc", page.QuerySelector("#course-venue")!.TextContent);
        Assert.Equal(["01/12/2026, 07:30–11:00", "02/12/2026, 13:30–17:00"], page.QuerySelectorAll("#sessions li strong").Select(s => s.TextContent));
        Assert.Null(page.QuerySelector("#invitation-status"));
        // Nothing else about the person: the birth date (01/01/1980) appears nowhere.
        Assert.DoesNotContain("1980", page.Body!.TextContent);

        var wait = await HtmlPage.GetAsync(anonymous, $"/moi/{waiting.InvitationCode}");
        Assert.Contains("danh sách chờ", wait.QuerySelector("#invitation-status")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/moi/AAAAAAAAAAAAAAAAAAAAAA")).StatusCode);

        await using (var db = app.Database.NewDb())
        {
            var row = await db.Enrolments.SingleAsync(e => e.Id == enrolment.Id);
            row.Status = EnrolmentStatus.Withdrawn;
            row.WithdrawReason = "Lý do riêng tư";
            await db.SaveChangesAsync();
        }
        var gone = await HtmlPage.GetAsync(anonymous, $"/moi/{enrolment.InvitationCode}");
        Assert.Contains("không còn hiệu lực", gone.QuerySelector("#invitation-status")!.TextContent);
        Assert.DoesNotContain("Lý do riêng tư", gone.Body!.TextContent);
    }
}
