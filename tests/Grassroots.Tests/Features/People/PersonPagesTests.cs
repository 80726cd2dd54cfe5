using System.Net;
using AngleSharp.Dom;
using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Features.People;
using Grassroots.Features.Units;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Tests.Features.People;

/// <summary>The people and tenure pages over HTTP: recording, ending, the unit's leadership, search, masking and scope.</summary>
public sealed class PersonPagesTests
{
    /// <summary>Nguyễn Văn A's CCCD: born in Phú Thọ (025), male born in the 1900s (0), 1975.</summary>
    private const string HeadId = "025075001234";
    private static readonly DateOnly HeadBorn = new(1975, 5, 10);

    [Fact]
    public async Task Recording_a_new_deputy_aged_20_saves_it_and_shows_the_age_warning()
    {
        await using var app = await AppFactory.StartAsync();
        ResidentialUnit unit;
        await using (var db = app.Database.NewDb()) unit = await UnitBuilder.EstablishAsync(db, app.Factory.Time, "Thôn Đồng Xuân");
        using var officer = await app.ClientForAsync("xa-da-bac", Role.CommuneOfficer, UnitBuilder.Xa);

        var unitPage = await HtmlPage.GetAsync(officer, $"/thon/{unit.Id}");
        Assert.Equal($"/thon/{unit.Id}/chuc-danh/moi", unitPage.QuerySelector("#leadership a.button")!.GetAttribute("href"));
        var form = await HtmlPage.GetAsync(officer, $"/thon/{unit.Id}/chuc-danh/moi");
        Assert.Equal(54, form.QuerySelectorAll("select[name='Input.Person.EthnicityCode'] option[value]:not([value=''])").Length);
        Assert.Contains("Phó Trưởng thôn", form.QuerySelector("select[name='Input.Position']")!.TextContent);
        var response = await HtmlPage.SubmitAsync(officer, form, new Dictionary<string, string>
        {
            ["Input.Person.FullName"] = "Lò Thị Hoa", ["Input.Person.Gender"] = "Female", ["Input.Person.DateOfBirth"] = "15/03/2006",
            ["Input.Person.EthnicityCode"] = "05", ["Input.Person.Phone"] = "0912 345 678",
            ["Input.Position"] = "DeputyHead", ["Input.Mode"] = "Recognized", ["Input.TermLabel"] = "2022-2027", ["Input.StartDate"] = "01/06/2026",
            ["Input.StartDecision.Number"] = "125/QĐ-UBND", ["Input.StartDecision.Date"] = "01/06/2026", ["Input.StartDecision.Issuer"] = "UBND xã Đà Bắc",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/thon/{unit.Id}", response.Headers.Location!.ToString());

        unitPage = await HtmlPage.GetAsync(officer, $"/thon/{unit.Id}");
        Assert.Contains("Đã ghi nhận Lò Thị Hoa giữ chức danh Phó Trưởng thôn từ ngày 01/06/2026", unitPage.QuerySelector(".flash")!.TextContent);
        var warnings = unitPage.QuerySelector(".warnings[role=status]")!.TextContent;
        Assert.Contains("R-ELIG-02", warnings);
        Assert.Contains("mới 20 tuổi", warnings);
        var row = unitPage.QuerySelector("#leaders tbody tr")!;
        Assert.Contains("Lò Thị Hoa", row.TextContent);
        Assert.Contains("Công nhận", row.TextContent);
        Assert.Contains("125/QĐ-UBND ngày 01/06/2026, UBND xã Đà Bắc", row.TextContent);
        Assert.Equal("R-ELIG-02", row.QuerySelector(".badge.warn")!.TextContent.Trim());

        await using var check = app.Database.NewDb();
        var person = await check.People.SingleAsync();
        Assert.Equal((new DateOnly(2006, 3, 15), "05", "0912345678", (int?)unit.Id), (person.DateOfBirth!.Value, person.EthnicityCode!, person.Phone!, person.ResidenceUnitId));
        var tenure = await check.Tenures.Include(t => t.Warnings).SingleAsync();
        Assert.Equal((Position.DeputyHead, TenureMode.Recognized, new DateOnly(2026, 6, 1), "125/QĐ-UBND"), (tenure.Position, tenure.Mode, tenure.StartDate, tenure.StartDecisionNumber!));
        Assert.Contains(tenure.Warnings, w => w.Rule == "R-ELIG-02");
    }

    [Fact]
    public async Task A_bad_national_id_or_date_shows_the_vietnamese_error_next_to_the_field_and_saves_nothing()
    {
        await using var app = await AppFactory.StartAsync();
        ResidentialUnit unit;
        await using (var db = app.Database.NewDb()) unit = await UnitBuilder.EstablishAsync(db, app.Factory.Time, "Thôn Đồng Xuân");
        var form = await HtmlPage.GetAsync(app.Client, $"/thon/{unit.Id}/chuc-danh/moi");
        var values = new Dictionary<string, string>
        {
            ["Input.Person.FullName"] = "Hà Văn Nam", ["Input.Person.Gender"] = "Male", ["Input.Person.DateOfBirth"] = "10/05/1975",
            ["Input.Person.NationalId"] = "02507500123", ["Input.Position"] = "UnitHead", ["Input.Mode"] = "Elected", ["Input.StartDate"] = "01/06/2026",
        };
        var response = await HtmlPage.SubmitAsync(app.Client, form, values);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlPage.ParseAsync(response);
        Assert.Equal("Số căn cước công dân phải gồm đúng 12 chữ số.", FieldError(page, "Input.Person.NationalId"));
        Assert.Equal("Hà Văn Nam", page.QuerySelector("input[name='Input.Person.FullName']")!.GetAttribute("value"));

        // A date that does not exist: the message sits next to the start date; the CCCD of another birth year, next to the CCCD.
        values["Input.StartDate"] = "31/02/2026";
        values["Input.Person.NationalId"] = "025080001234";
        page = await HtmlPage.ParseAsync(await HtmlPage.SubmitAsync(app.Client, page, values));
        Assert.Contains("Ngày bắt đầu \"31/02/2026\" không hợp lệ: nhập theo dạng dd/MM/yyyy", FieldError(page, "Input.StartDate"));
        values["Input.StartDate"] = "01/06/2026";
        page = await HtmlPage.ParseAsync(await HtmlPage.SubmitAsync(app.Client, page, values));
        Assert.Contains("năm sinh 1980", FieldError(page, "Input.Person.NationalId"));

        await using var check = app.Database.NewDb();
        Assert.Empty(check.People);
        Assert.Empty(check.Tenures);
    }

    [Fact]
    public async Task A_national_id_already_on_record_offers_the_existing_person_and_creates_no_second_one()
    {
        await using var app = await AppFactory.StartAsync();
        ResidentialUnit unit;
        Tenure head;
        await using (var db = app.Database.NewDb())
        {
            unit = await UnitBuilder.EstablishAsync(db, app.Factory.Time, "Thôn Đồng Xuân");
            head = await RecordAsync(db, app.Factory.Time, unit, "Nguyễn Văn A", Position.UnitHead, nationalId: HeadId);
        }
        using var officer = await app.ClientForAsync("xa-da-bac", Role.CommuneOfficer, UnitBuilder.Xa);
        var form = await HtmlPage.GetAsync(officer, $"/thon/{unit.Id}/chuc-danh/moi?chucdanh=PartyCellSecretary");
        Assert.Equal("PartyCellSecretary", form.QuerySelector("select[name='Input.Position'] option[selected]")?.GetAttribute("value"));
        var response = await HtmlPage.SubmitAsync(officer, form, new Dictionary<string, string>
        {
            ["Input.Person.FullName"] = "Nguyễn Văn A", ["Input.Person.Gender"] = "Male", ["Input.Person.DateOfBirth"] = "10/05/1975",
            ["Input.Person.NationalId"] = HeadId, ["Input.Mode"] = "Elected", ["Input.StartDate"] = "01/06/2026",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlPage.ParseAsync(response);
        Assert.Contains("đã có trong hồ sơ của Nguyễn Văn A", FieldError(page, "Input.Person.NationalId"));
        var offer = page.QuerySelector("#existing-person")!;
        var use = offer.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == "Dùng hồ sơ đã có");
        Assert.Equal($"/thon/{unit.Id}/chuc-danh/moi?nguoi={head.PersonId}&chucdanh=PartyCellSecretary", use.GetAttribute("href"));

        // Following the offer records the tenure for the existing person: the form keeps the position chosen.
        form = await HtmlPage.GetAsync(officer, use.GetAttribute("href")!);
        Assert.Contains("Nguyễn Văn A", form.QuerySelector("#chosen-person")!.TextContent);
        Assert.Contains("Trưởng thôn Thôn Đồng Xuân", form.QuerySelector("#chosen-person")!.TextContent);
        Assert.Null(form.QuerySelector("input[name='Input.Person.FullName']"));
        response = await HtmlPage.SubmitAsync(officer, form, new Dictionary<string, string> { ["Input.Mode"] = "Elected", ["Input.StartDate"] = "01/06/2026" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        await using var check = app.Database.NewDb();
        Assert.Equal(1, await check.People.CountAsync());
        var held = await check.Tenures.Where(t => t.PersonId == head.PersonId).Select(t => t.Position).ToListAsync();
        Assert.Equal([Position.UnitHead, Position.PartyCellSecretary], held.Order());
    }

    [Fact]
    public async Task Ending_a_tenure_from_the_page_moves_it_to_the_history()
    {
        await using var app = await AppFactory.StartAsync();
        ResidentialUnit unit;
        Tenure head;
        await using (var db = app.Database.NewDb())
        {
            unit = await UnitBuilder.EstablishAsync(db, app.Factory.Time, "Thôn Đồng Xuân");
            head = await RecordAsync(db, app.Factory.Time, unit, "Nguyễn Văn A", Position.UnitHead);
        }
        using var officer = await app.ClientForAsync("xa-da-bac", Role.CommuneOfficer, UnitBuilder.Xa);
        var unitPage = await HtmlPage.GetAsync(officer, $"/thon/{unit.Id}");
        Assert.DoesNotContain("Trưởng thôn", unitPage.QuerySelector("#vacancies")?.TextContent ?? "");
        var end = unitPage.QuerySelectorAll($"#tenure-{head.Id} a").Single(a => a.TextContent == "Kết thúc").GetAttribute("href")!;

        var form = await HtmlPage.GetAsync(officer, end);
        Assert.Equal("21/11/2026", form.QuerySelector("input[name='Input.EndDate']")!.GetAttribute("value"));
        var response = await HtmlPage.SubmitAsync(officer, form, new Dictionary<string, string> { ["Input.EndDate"] = "30/09/2026" });
        var page = await HtmlPage.ParseAsync(response);
        Assert.Equal("Chưa chọn lý do thôi giữ chức danh.", FieldError(page, "Input.EndReason"));

        response = await HtmlPage.SubmitAsync(officer, page, new Dictionary<string, string>
        {
            ["Input.EndDate"] = "30/09/2026", ["Input.EndReason"] = "RelievedVoluntary", ["Input.EndDecision.Number"] = "45/QĐ-UBND",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        unitPage = await HtmlPage.GetAsync(officer, response.Headers.Location!.ToString());
        Assert.Contains("Nguyễn Văn A thôi giữ chức danh Trưởng thôn (ngày thôi 30/09/2026, xin thôi)", unitPage.QuerySelector(".flash")!.TextContent);
        Assert.Null(unitPage.QuerySelector("#leaders"));
        var past = unitPage.QuerySelector($"#leader-history #tenure-{head.Id}")!.TextContent;
        Assert.Contains("30/09/2026", past);
        Assert.Contains("Xin thôi", past);
        Assert.Contains("45/QĐ-UBND", past);
        Assert.Contains("Trưởng thôn", unitPage.QuerySelector("#vacancies")!.TextContent);

        await using var check = app.Database.NewDb();
        var ended = await check.Tenures.SingleAsync();
        Assert.Equal((new DateOnly(2026, 9, 30), EndReason.RelievedVoluntary), (ended.EndDate!.Value, ended.EndReason!.Value));
        // Ended: the page says so and offers no second end.
        page = await HtmlPage.GetAsync(officer, end);
        Assert.NotNull(page.QuerySelector("#already-ended"));
        Assert.Null(page.QuerySelector("#end-form"));
    }

    [Fact]
    public async Task The_unit_page_shows_concurrent_roles_vacancies_and_history()
    {
        await using var app = await AppFactory.StartAsync();
        ResidentialUnit unit;
        Tenure head, secretary, former;
        await using (var db = app.Database.NewDb())
        {
            var time = app.Factory.Time;
            unit = await UnitBuilder.EstablishAsync(db, time, "Thôn Đồng Xuân");
            former = await RecordAsync(db, time, unit, "Đinh Văn Cũ", Position.UnitHead, start: new DateOnly(2025, 7, 2),
                end: new DateOnly(2026, 1, 31), endReason: EndReason.TermExpired);
            head = await RecordAsync(db, time, unit, "Nguyễn Văn A", Position.UnitHead, start: new DateOnly(2026, 2, 1));
            secretary = await RecordAsync(db, time, unit, null, Position.PartyCellSecretary, personId: head.PersonId, start: new DateOnly(2026, 2, 1));
        }
        using var viewer = await app.ClientForAsync("nguoi-xem", Role.Viewer, UnitBuilder.Xa);
        var page = await HtmlPage.GetAsync(viewer, $"/thon/{unit.Id}");

        var current = page.QuerySelectorAll("#leaders tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, current.Count);
        Assert.Contains("Trưởng thôn", current[0]);
        Assert.Contains("Kiêm Bí thư chi bộ Thôn Đồng Xuân", current[0]);
        Assert.Contains("Kiêm Trưởng thôn Thôn Đồng Xuân", current[1]);
        Assert.Equal($"/nguoi/{head.PersonId}", page.QuerySelector($"#tenure-{head.Id} a")!.GetAttribute("href"));
        var history = page.QuerySelector($"#leader-history #tenure-{former.Id}")!.TextContent;
        Assert.Contains("Đinh Văn Cũ", history);
        Assert.Contains("31/01/2026", history);
        Assert.Contains("Hết nhiệm kỳ", history);
        var vacancies = page.QuerySelector("#vacancies")!.TextContent;
        Assert.Contains("Trưởng ban công tác Mặt trận", vacancies);
        Assert.DoesNotContain("Trưởng thôn", vacancies);
        // A viewer may not change anything: no buttons.
        Assert.DoesNotContain(page.QuerySelectorAll("#leadership a"), a => a.TextContent is "Thêm chức danh" or "Sửa" or "Kết thúc" or "ghi nhận");

        // As of a date before the current head: the former one held the position, nobody was the party-cell secretary.
        page = await HtmlPage.GetAsync(viewer, $"/thon/{unit.Id}?asOf=2026-01-15");
        Assert.Equal(["Đinh Văn Cũ"], page.QuerySelectorAll("#leaders tbody tr td:nth-child(2) a").Select(a => a.TextContent).ToList());
        Assert.Contains("Bí thư chi bộ", page.QuerySelector("#vacancies")!.TextContent);
        Assert.NotNull(page.QuerySelector($"#leader-history #tenure-{secretary.Id}"));
    }

    [Fact]
    public async Task Search_without_diacritics_finds_the_person_with_their_positions()
    {
        await using var app = await AppFactory.StartAsync();
        Tenure head;
        await using (var db = app.Database.NewDb())
        {
            var time = app.Factory.Time;
            var unit = await UnitBuilder.EstablishAsync(db, time, "Thôn Đồng Xuân");
            var other = await UnitBuilder.EstablishAsync(db, time, "Thôn Bãi Sỏi", UnitBuilder.OtherXa);
            head = await RecordAsync(db, time, unit, "Nguyễn Văn A", Position.UnitHead, nationalId: HeadId);
            await RecordAsync(db, time, other, "Trần Văn Bình", Position.UnitHead);
            await RecordAsync(db, time, other, "Nguyễn Thị Ánh", Position.DeputyHead);
        }
        var page = await HtmlPage.GetAsync(app.Client, "/nguoi?q=nguyen van a");
        var rows = page.QuerySelectorAll("#results tbody tr").ToList();
        Assert.Single(rows);
        Assert.Equal("Nguyễn Văn A", rows[0].QuerySelector("a")!.TextContent);
        Assert.Equal($"/nguoi/{head.PersonId}", rows[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("10/05/1975", rows[0].TextContent);
        Assert.Contains("Xã Đà Bắc", rows[0].TextContent);
        Assert.Contains("Trưởng thôn Thôn Đồng Xuân", rows[0].TextContent);

        page = await HtmlPage.GetAsync(app.Client, "/nguoi?q=NGUYEN");
        Assert.Equal(["Nguyễn Văn A", "Nguyễn Thị Ánh"], page.QuerySelectorAll("#results tbody tr td:first-child a").Select(a => a.TextContent).ToList());
        page = await HtmlPage.GetAsync(app.Client, $"/nguoi?q=nguyen&xa={UnitBuilder.OtherXa}");
        Assert.Equal(["Nguyễn Thị Ánh"], page.QuerySelectorAll("#results tbody tr td:first-child a").Select(a => a.TextContent).ToList());
        page = await HtmlPage.GetAsync(app.Client, "/nguoi?q=" + HeadId);
        Assert.Equal(["Nguyễn Văn A"], page.QuerySelectorAll("#results tbody tr td:first-child a").Select(a => a.TextContent).ToList());
        page = await HtmlPage.GetAsync(app.Client, "/nguoi?q=khong co ai");
        Assert.NotNull(page.QuerySelector("#no-results"));

        // The tenure form's search box finds the same person, to choose.
        page = await HtmlPage.GetAsync(app.Client, $"/thon/{head.UnitId}/chuc-danh/moi?tim=nguyen van a");
        Assert.Equal($"/thon/{head.UnitId}/chuc-danh/moi?nguoi={head.PersonId}", page.QuerySelector("#matches a.button")!.GetAttribute("href"));
    }

    [Theory]
    [InlineData(Role.Viewer)]
    [InlineData(Role.TrainingOrganiser)]
    public async Task Users_without_the_identifier_permission_see_cccd_birth_date_and_phone_masked(Role role)
    {
        await using var app = await AppFactory.StartAsync();
        Tenure head;
        await using (var db = app.Database.NewDb())
        {
            var unit = await UnitBuilder.EstablishAsync(db, app.Factory.Time, "Thôn Đồng Xuân");
            head = await RecordAsync(db, app.Factory.Time, unit, "Nguyễn Văn A", Position.UnitHead, nationalId: HeadId, phone: "0912345678");
        }
        using var officer = await app.ClientForAsync("xa-da-bac", Role.CommuneOfficer, UnitBuilder.Xa);
        var page = await HtmlPage.GetAsync(officer, $"/nguoi/{head.PersonId}");
        Assert.Equal((HeadId, "10/05/1975", "0912345678"), Facts(page));

        using var limited = await app.ClientForAsync("han-che", role, UnitBuilder.Xa);
        var response = await limited.GetAsync($"/nguoi/{head.PersonId}");
        var html = await response.Content.ReadAsStringAsync();
        page = await HtmlPage.ParseAsync(response);
        Assert.Equal(("0250******34", "****", "09****78"), Facts(page));
        Assert.Contains("51 tuổi", page.QuerySelector("#person-facts")!.TextContent);
        Assert.Contains("Trưởng thôn", page.QuerySelector($"#tenures #tenure-{head.Id}")!.TextContent);
        foreach (var secret in new[] { HeadId, "10/05/1975", "1975-05-10", "0912345678" }) Assert.DoesNotContain(secret, html);
        Assert.Null(page.QuerySelector($"a[href='/nguoi/{head.PersonId}/sua']"));

        page = await HtmlPage.GetAsync(limited, "/nguoi?q=nguyen");
        Assert.Equal("Nguyễn Văn A", page.QuerySelector("#results tbody td a")!.TextContent);
        Assert.Equal("****", page.QuerySelector("#results tbody td:nth-child(2)")!.TextContent);
    }

    [Fact]
    public async Task A_commune_officer_gets_404_for_people_and_tenures_of_another_commune()
    {
        await using var app = await AppFactory.StartAsync();
        Tenure own, foreign;
        await using (var db = app.Database.NewDb())
        {
            var time = app.Factory.Time;
            own = await RecordAsync(db, time, await UnitBuilder.EstablishAsync(db, time, "Thôn Bãi Sỏi", UnitBuilder.OtherXa), "Trần Văn Bình", Position.UnitHead);
            foreign = await RecordAsync(db, time, await UnitBuilder.EstablishAsync(db, time, "Thôn Đồng Xuân"), "Nguyễn Văn A", Position.UnitHead);
        }
        using var officer = await app.ClientForAsync("xa-duc-nhan", Role.CommuneOfficer, UnitBuilder.OtherXa);
        foreach (var url in new[]
        {
            $"/nguoi/{foreign.PersonId}", $"/nguoi/{foreign.PersonId}/sua", $"/thon/{foreign.UnitId}/chuc-danh/moi",
            $"/chuc-danh/{foreign.Id}/sua", $"/chuc-danh/{foreign.Id}/ket-thuc", $"/thon/{own.UnitId}/chuc-danh/moi?nguoi={foreign.PersonId}",
        })
            Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/chuc-danh/{own.Id}/ket-thuc")).StatusCode);
        var search = await HtmlPage.GetAsync(officer, "/nguoi?q=van");
        Assert.Equal(["Trần Văn Bình"], search.QuerySelectorAll("#results tbody td:first-child a").Select(a => a.TextContent).ToList());

        // A form of the officer's own, aimed at the other commune's tenure: refused, nothing changes.
        var form = await HtmlPage.GetAsync(officer, $"/chuc-danh/{own.Id}/ket-thuc");
        form.QuerySelector("#end-form")!.SetAttribute("action", $"/chuc-danh/{foreign.Id}/ket-thuc");
        var response = await HtmlPage.SubmitAsync(officer, form, new Dictionary<string, string>
        {
            ["Input.Version"] = foreign.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Input.EndReason"] = "Other",
        });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await using var check = app.Database.NewDb();
        Assert.Null((await check.Tenures.SingleAsync(t => t.Id == foreign.Id)).EndDate);
    }

    [Fact]
    public async Task Correcting_a_tenure_and_deleting_an_entry_made_by_mistake()
    {
        await using var app = await AppFactory.StartAsync();
        Tenure head;
        await using (var db = app.Database.NewDb())
            head = await RecordAsync(db, app.Factory.Time, await UnitBuilder.EstablishAsync(db, app.Factory.Time, "Thôn Đồng Xuân"), "Nguyễn Văn A", Position.UnitHead);
        var form = await HtmlPage.GetAsync(app.Client, $"/chuc-danh/{head.Id}/sua");
        Assert.Equal("02/07/2025", form.QuerySelector("input[name='Input.StartDate']")!.GetAttribute("value"));
        var response = await HtmlPage.SubmitAsync(app.Client, form, new Dictionary<string, string>
        {
            ["Input.TermLabel"] = "2025-2030", ["Input.StartDecision.Number"] = "12/QĐ-UBND", ["Input.Note"] = "Bầu bổ sung",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        // The form read before the correction is stale now: refused with a message, nothing overwritten.
        response = await HtmlPage.SubmitAsync(app.Client, form, new Dictionary<string, string> { ["Input.TermLabel"] = "2022-2027" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("vừa được người khác thay đổi", (await HtmlPage.ParseAsync(response)).QuerySelector(".errors")!.TextContent);

        form = await HtmlPage.GetAsync(app.Client, $"/chuc-danh/{head.Id}/sua");
        Assert.Equal("Bầu bổ sung", form.QuerySelector("textarea[name='Input.Note']")!.TextContent.Trim());
        response = await HtmlPage.SubmitAsync(app.Client, form, new Dictionary<string, string>(), "#delete-form");
        var page = await HtmlPage.ParseAsync(response);
        Assert.Contains("Hãy đánh dấu ô xác nhận", page.QuerySelector("#delete-form .errors")!.TextContent);
        await using (var db = app.Database.NewDb())
        {
            var kept = await db.Tenures.SingleAsync();
            Assert.Equal(("2025-2030", "12/QĐ-UBND"), (kept.TermLabel!, kept.StartDecisionNumber!));
        }

        response = await HtmlPage.SubmitAsync(app.Client, page, new Dictionary<string, string> { ["confirmDelete"] = "true" }, "#delete-form");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var unitPage = await HtmlPage.GetAsync(app.Client, response.Headers.Location!.ToString());
        Assert.Contains("Đã xóa mục Trưởng thôn của Nguyễn Văn A", unitPage.QuerySelector(".flash")!.TextContent);
        await using var check = app.Database.NewDb();
        Assert.Empty(check.Tenures);
        Assert.Equal(1, await check.People.CountAsync());
    }

    [Fact]
    public async Task Editing_a_person_saves_the_record_and_refuses_a_stale_version()
    {
        await using var app = await AppFactory.StartAsync();
        Tenure head;
        await using (var db = app.Database.NewDb())
            head = await RecordAsync(db, app.Factory.Time, await UnitBuilder.EstablishAsync(db, app.Factory.Time, "Thôn Đồng Xuân"), "Nguyễn Văn A", Position.UnitHead, nationalId: HeadId);
        var form = await HtmlPage.GetAsync(app.Client, $"/nguoi/{head.PersonId}/sua");
        Assert.Equal(HeadId, form.QuerySelector("input[name='Input.NationalId']")!.GetAttribute("value"));
        Assert.Equal("10/05/1975", form.QuerySelector("input[name='Input.DateOfBirth']")!.GetAttribute("value"));
        Assert.Equal(head.UnitId.ToString(System.Globalization.CultureInfo.InvariantCulture), form.QuerySelector("select[name='ResidenceUnitId'] option[selected]")!.GetAttribute("value"));
        var response = await HtmlPage.SubmitAsync(app.Client, form, new Dictionary<string, string>
        {
            ["Input.GeneralEducation"] = "12/12", ["Input.PoliticalTheory"] = "TC", ["Input.PartyMember"] = "true", ["Input.PartyAdmissionDate"] = "03/02/2000",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await HtmlPage.GetAsync(app.Client, response.Headers.Location!.ToString());
        var facts = page.QuerySelector("#person-facts")!.TextContent;
        Assert.Contains("vào Đảng ngày 03/02/2000", facts);
        Assert.Contains("Trung cấp", facts);

        response = await HtmlPage.SubmitAsync(app.Client, form, new Dictionary<string, string> { ["Input.GeneralEducation"] = "9/12" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("vừa được người khác thay đổi", (await HtmlPage.ParseAsync(response)).QuerySelector(".errors")!.TextContent);
        await using var check = app.Database.NewDb();
        Assert.Equal("12/12", (await check.People.SingleAsync()).GeneralEducation);
    }

    private static string FieldError(IDocument page, string field) =>
        page.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent.Trim() ?? throw new Xunit.Sdk.XunitException($"No message element for {field}.");

    private static (string, string, string) Facts(IDocument page) => (
        page.QuerySelector("#national-id")!.TextContent.Trim(), page.QuerySelector("#date-of-birth")!.TextContent.Trim(), page.QuerySelector("#phone")!.TextContent.Trim());

    /// <summary>A tenure recorded through the use case: a new person (resident in the unit, born 10/05/1975) or an existing one.</summary>
    internal static async Task<Tenure> RecordAsync(AppDb db, TimeProvider time, ResidentialUnit unit, string? name, Position position, int? personId = null,
        string? nationalId = null, string? phone = null, DateOnly? start = null, DateOnly? end = null, EndReason? endReason = null)
    {
        var person = personId is null ? new PersonInput(name, Gender.Male, HeadBorn, "01", null, nationalId, phone, unit.Id) : null;
        var result = await new RecordTenure(db, time, new SavePerson(db, time)).CreateAsync(new TenureInput(unit.Id, personId, person, position, null,
            position == Position.DeputyHead ? TenureMode.Recognized : TenureMode.Elected, "2025-2030", start ?? new DateOnly(2025, 7, 2),
            EndDate: end, EndReason: endReason), CancellationToken.None);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        return result.Value!;
    }
}
