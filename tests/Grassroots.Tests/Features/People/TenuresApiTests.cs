using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grassroots.Features.Accounts;
using Grassroots.Features.Units;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Grassroots.Tests.Infrastructure.Api;

namespace Grassroots.Tests.Features.People;

/// <summary>People and tenures through the API: the hard rules refuse with coded ProblemDetails naming the field, the soft rules warn.</summary>
public sealed class TenuresApiTests
{
    private static object Person(int unitId, string name, string gender = "male", string born = "1975-03-02", string? nationalId = null, string? phone = null, bool party = false) =>
        new { fullName = name, gender, dateOfBirth = born, ethnicityCode = "01", nationalId, phone, residenceUnitId = unitId, partyMember = party, generalEducation = "12/12" };

    private static object Tenure(int unitId, object? person = null, int? personId = null, string position = "unitHead", string mode = "elected",
        string start = "2025-08-01", string? end = null, string? endReason = null, string? term = "2025-2030", string? planned = null) =>
        new
        {
            unitId, personId, person, position, mode, termLabel = term, startDate = start, plannedEndDate = planned, endDate = end, endReason,
            startDecision = new { number = "15/QĐ-UBND", date = start, issuer = "UBND xã Đà Bắc", signer = "Nguyễn Văn Chủ" },
        };

    private static string[] Rules(JsonElement written) =>
        [.. written.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("rule").GetString()!)];

    private static async Task<ResidentialUnit> UnitAsync(TestApp app, string name, string commune = UnitBuilder.Xa)
    {
        await using var db = app.Database.NewDb();
        return await UnitBuilder.EstablishAsync(db, app.Factory.Time, name, commune);
    }

    [Fact]
    public async Task Record_a_head_and_read_it_back_with_decision_and_person()
    {
        await using var app = await AppFactory.StartAsync();
        var unit = await UnitAsync(app, "Thôn Suối Hoa");
        var (status, written) = await Send(app.Client, HttpMethod.Post, "/api/v1/tenures",
            Tenure(unit.Id, Person(unit.Id, "Nguyễn Văn An", nationalId: "025075001234", phone: "0912 345 678", party: true)));
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Empty(Rules(written));
        var tenure = written.GetProperty("tenure");
        Assert.Equal("Nguyễn Văn An", tenure.GetProperty("fullName").GetString());
        Assert.Equal("unitHead", tenure.GetProperty("position").GetString());
        Assert.Equal("Trưởng thôn", tenure.GetProperty("positionName").GetString());
        Assert.Equal("2025-2030", tenure.GetProperty("termLabel").GetString());
        Assert.Equal("15/QĐ-UBND", tenure.GetProperty("startDecision").GetProperty("number").GetString());
        Assert.Equal("Nguyễn Văn Chủ", tenure.GetProperty("startDecision").GetProperty("signer").GetString());

        var personId = tenure.GetProperty("personId").GetInt32();
        var (ps, person) = await Send(app.Client, HttpMethod.Get, $"/api/v1/people/{personId}");
        Assert.Equal(HttpStatusCode.OK, ps);
        Assert.Equal("025075001234", person.GetProperty("person").GetProperty("nationalId").GetString());
        Assert.Equal("0912345678", person.GetProperty("person").GetProperty("phone").GetString());
        Assert.Equal("1975-03-02", person.GetProperty("person").GetProperty("dateOfBirth").GetString());
        Assert.Equal("Kinh", person.GetProperty("person").GetProperty("ethnicity").GetString());
        Assert.True(person.GetProperty("person").GetProperty("partyMember").GetBoolean());
        Assert.Single(person.GetProperty("tenures").EnumerateArray());

        var (us, ofUnit) = await Send(app.Client, HttpMethod.Get, $"/api/v1/residential-units/{unit.Id}/tenures");
        Assert.Equal(HttpStatusCode.OK, us);
        Assert.Equal(personId, Assert.Single(ofUnit.EnumerateArray()).GetProperty("personId").GetInt32());
    }

    [Fact]
    public async Task Hard_rules_refuse_with_the_field_and_change_nothing()
    {
        await using var app = await AppFactory.StartAsync();
        var unit = await UnitAsync(app, "Thôn Khe Lau");
        var (first, _) = await Send(app.Client, HttpMethod.Post, "/api/v1/tenures", Tenure(unit.Id, Person(unit.Id, "Trần Văn Bình")));
        Assert.Equal(HttpStatusCode.Created, first);

        // A second head overlapping the first (R-ORG-01).
        var (s1, p1) = await Send(app.Client, HttpMethod.Post, "/api/v1/tenures", Tenure(unit.Id, Person(unit.Id, "Lê Văn Cường"), start: "2026-01-01"));
        Assert.Equal(HttpStatusCode.Conflict, s1);
        Assert.Equal("overlapping_heads", p1.GetProperty("code").GetString());
        Assert.Equal("R-ORG-01", p1.GetProperty("errors")[0].GetProperty("rule").GetString());
        Assert.Equal("startDate", p1.GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Contains("Trần Văn Bình", p1.GetProperty("detail").GetString());

        // End before start.
        var (s2, p2) = await Send(app.Client, HttpMethod.Post, "/api/v1/tenures",
            Tenure(unit.Id, Person(unit.Id, "Lê Văn Cường"), position: "deputyHead", mode: "recognized", start: "2026-02-01", end: "2026-01-01", endReason: "relievedVoluntary"));
        Assert.Equal(HttpStatusCode.BadRequest, s2);
        Assert.Equal("end_before_start", p2.GetProperty("code").GetString());
        Assert.Equal("endDate", p2.GetProperty("errors")[0].GetProperty("field").GetString());

        // A unit that did not exist then (established 2025-07-01).
        var (s3, p3) = await Send(app.Client, HttpMethod.Post, "/api/v1/tenures",
            Tenure(unit.Id, Person(unit.Id, "Lê Văn Cường"), position: "partyCellSecretary", start: "2024-01-01"));
        Assert.Equal(HttpStatusCode.BadRequest, s3);
        Assert.Equal("unit_not_existing", p3.GetProperty("code").GetString());

        // A bad person: errors name the nested fields.
        var (s4, p4) = await Send(app.Client, HttpMethod.Post, "/api/v1/tenures",
            Tenure(unit.Id, new { fullName = "", gender = "male", nationalId = "12345", residenceUnitId = unit.Id }, position: "deputyHead", mode: "recognized"));
        Assert.Equal(HttpStatusCode.BadRequest, s4);
        var fields = p4.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToList();
        Assert.Contains("person.fullName", fields);
        Assert.Contains("person.nationalId", fields);

        await using var db = app.Database.NewDb();
        Assert.Equal(1, await db.Tenures.CountAsync());
        Assert.Equal(1, await db.People.CountAsync());
    }

    [Fact]
    public async Task Soft_rules_warn_and_are_listed_for_review()
    {
        await using var app = await AppFactory.StartAsync();
        var unit = await UnitAsync(app, "Thôn Tân Lập");
        var other = await UnitAsync(app, "Thôn Bình Minh");
        // An acting head since 2026-01-05: past six months on 2026-11-21.
        var (s1, acting) = await Send(app.Client, HttpMethod.Post, "/api/v1/tenures",
            Tenure(unit.Id, Person(unit.Id, "Hoàng Văn Đức"), mode: "acting", start: "2026-01-05", term: null));
        Assert.Equal(HttpStatusCode.Created, s1);
        Assert.Contains("R-TERM-02", Rules(acting));
        // A deputy aged 20 at the start, registered in another unit.
        var (s2, deputy) = await Send(app.Client, HttpMethod.Post, "/api/v1/tenures",
            Tenure(unit.Id, Person(other.Id, "Phạm Thị Hoa", "female", "2006-01-10", nationalId: "025306001234"), position: "deputyHead", mode: "recognized", start: "2026-06-01"));
        Assert.Equal(HttpStatusCode.Created, s2);
        Assert.Contains("R-ELIG-02", Rules(deputy));
        Assert.Contains("R-ELIG-01", Rules(deputy));
        var message = deputy.GetProperty("warnings").EnumerateArray().First(w => w.GetProperty("rule").GetString() == "R-ELIG-02");
        Assert.Contains("20 tuổi", message.GetProperty("message").GetString());
        Assert.Contains("TT 04/2012", message.GetProperty("source").GetString());
        // A second deputy (one is the national limit, R-ORG-01).
        var (_, second) = await Send(app.Client, HttpMethod.Post, "/api/v1/tenures",
            Tenure(unit.Id, Person(unit.Id, "Vũ Văn Giang"), position: "deputyHead", mode: "recognized", start: "2026-07-01"));
        Assert.Contains("R-ORG-01", Rules(second));

        var (rs, review) = await Send(app.Client, HttpMethod.Get, $"/api/v1/tenures/review?commune={UnitBuilder.Xa}");
        Assert.Equal(HttpStatusCode.OK, rs);
        var flagged = review.EnumerateArray().ToDictionary(r => r.GetProperty("fullName").GetString()!,
            r => r.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("rule").GetString()).ToList());
        Assert.Contains("R-TERM-02", flagged["Hoàng Văn Đức"]);
        Assert.Contains("R-ELIG-02", flagged["Phạm Thị Hoa"]);
        // The first deputy is flagged too now that there are two.
        Assert.Contains("R-ORG-01", flagged["Phạm Thị Hoa"]);

        var (_, actingList) = await Send(app.Client, HttpMethod.Get, $"/api/v1/tenures/acting?commune={UnitBuilder.Xa}");
        Assert.Equal("Hoàng Văn Đức", Assert.Single(actingList.EnumerateArray()).GetProperty("fullName").GetString());

        // Another commune's officer sees none of it.
        using var outsider = await app.ClientForAsync("can-bo-xa-khac", Role.CommuneOfficer, UnitBuilder.OtherXa);
        var (os, outside) = await Send(outsider, HttpMethod.Get, "/api/v1/tenures/review");
        Assert.Equal(HttpStatusCode.OK, os);
        Assert.Empty(outside.EnumerateArray());
        var (ns, _) = await Send(outsider, HttpMethod.Get, $"/api/v1/tenures/review?commune={UnitBuilder.Xa}");
        Assert.Equal(HttpStatusCode.NotFound, ns);
    }

    [Fact]
    public async Task Limits_come_from_the_province_configuration_with_dates()
    {
        await using var app = await AppFactory.StartAsync();
        var unit = await UnitAsync(app, "Thôn Đồng Tâm");
        await Send(app.Client, HttpMethod.Post, "/api/v1/tenures", Tenure(unit.Id, Person(unit.Id, "Đỗ Văn Hải"), position: "deputyHead", mode: "recognized", start: "2026-02-01"));
        var (_, before) = await Send(app.Client, HttpMethod.Post, "/api/v1/tenures",
            Tenure(unit.Id, Person(unit.Id, "Đỗ Văn Khánh"), position: "deputyHead", mode: "recognized", start: "2026-03-01"));
        Assert.Contains("R-ORG-01", Rules(before));

        // A new decree allows two deputies from 2026-10-01: a row of data, not a code change.
        await using (var db = app.Database.NewDb())
        {
            var current = await db.ProvinceUnitRules.SingleAsync(r => r.ProvinceCode == "25" && r.ValidTo == null);
            current.ValidTo = new DateOnly(2026, 9, 30);
            var next = Grassroots.Features.Units.ProvinceUnitRules.Default("25", current.Region, false, new DateOnly(2026, 10, 1), null);
            next.MaxDeputies = 2;
            db.ProvinceUnitRules.Add(next);
            await db.SaveChangesAsync();
        }
        var (_, after) = await Send(app.Client, HttpMethod.Post, "/api/v1/tenures",
            Tenure(unit.Id, Person(unit.Id, "Đỗ Văn Long"), position: "partyCellSecretary", start: "2026-03-01"));
        Assert.DoesNotContain("R-ORG-01", Rules(after));
        var (_, review) = await Send(app.Client, HttpMethod.Get, $"/api/v1/tenures/review?commune={UnitBuilder.Xa}&rule=R-ORG-01");
        Assert.Empty(review.EnumerateArray());

        // The term: five years in Phú Thọ, so 2025-2027 is flagged (R-TERM-01).
        var unit2 = await UnitAsync(app, "Thôn Đồng Tiến");
        var (_, term) = await Send(app.Client, HttpMethod.Post, "/api/v1/tenures", Tenure(unit2.Id, Person(unit2.Id, "Đinh Văn Minh"), term: "2025-2027"));
        Assert.Contains("R-TERM-01", Rules(term));
    }

    [Fact]
    public async Task More_than_three_paid_titles_warn()
    {
        await using var app = await AppFactory.StartAsync();
        var unit = await UnitAsync(app, "Thôn Lũng Vân");
        await Send(app.Client, HttpMethod.Post, "/api/v1/tenures", Tenure(unit.Id, Person(unit.Id, "Bùi Văn Nam")));
        await Send(app.Client, HttpMethod.Post, "/api/v1/tenures", Tenure(unit.Id, Person(unit.Id, "Bùi Văn Oanh"), position: "partyCellSecretary"));
        var (_, third) = await Send(app.Client, HttpMethod.Post, "/api/v1/tenures", Tenure(unit.Id, Person(unit.Id, "Bùi Thị Phương", "female"), position: "frontCommitteeHead"));
        Assert.DoesNotContain("R-ALLOW", Rules(third));
        var (_, fourth) = await Send(app.Client, HttpMethod.Post, "/api/v1/tenures", Tenure(unit.Id, Person(unit.Id, "Bùi Văn Quang"), position: "frontCommitteeHead", start: "2026-01-01"));
        Assert.Contains("R-ALLOW", Rules(fourth));
    }

    [Fact]
    public async Task A_taken_national_id_offers_the_existing_person()
    {
        await using var app = await AppFactory.StartAsync();
        var unit = await UnitAsync(app, "Thôn Mường Chiềng");
        var (_, created) = await Send(app.Client, HttpMethod.Post, "/api/v1/people", Person(unit.Id, "Nguyễn Văn A", nationalId: "025075001234"));
        var id = created.GetProperty("id").GetInt32();
        var (status, problem) = await Send(app.Client, HttpMethod.Post, "/api/v1/people", Person(unit.Id, "Nguyen Van A", nationalId: "025075001234"));
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("national_id_exists", problem.GetProperty("code").GetString());
        Assert.Equal("nationalId", problem.GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Equal(id, problem.GetProperty("existingPersonId").GetInt32());

        // The same number inside a new tenure's person: refused the same way; the tenure is recorded for the existing person instead.
        var (ts, tp) = await Send(app.Client, HttpMethod.Post, "/api/v1/tenures", Tenure(unit.Id, Person(unit.Id, "Nguyễn Văn A", nationalId: "025075001234")));
        Assert.Equal(HttpStatusCode.Conflict, ts);
        Assert.Equal(id, tp.GetProperty("existingPersonId").GetInt32());
        var (ok, _) = await Send(app.Client, HttpMethod.Post, "/api/v1/tenures", Tenure(unit.Id, personId: id));
        Assert.Equal(HttpStatusCode.Created, ok);

        // A number inconsistent with the gender and year of birth.
        var (bs, bad) = await Send(app.Client, HttpMethod.Post, "/api/v1/people", Person(unit.Id, "Lò Thị Mai", "female", "1990-01-01", nationalId: "025090001234"));
        Assert.Equal(HttpStatusCode.BadRequest, bs);
        Assert.Equal("national_id_gender", bad.GetProperty("code").GetString());

        await using var db = app.Database.NewDb();
        Assert.Equal(1, await db.People.CountAsync());
    }

    [Fact]
    public async Task Identifiers_are_masked_without_the_permission()
    {
        await using var app = await AppFactory.StartAsync();
        var unit = await UnitAsync(app, "Thôn Hạ");
        await Send(app.Client, HttpMethod.Post, "/api/v1/tenures", Tenure(unit.Id, Person(unit.Id, "Nguyễn Văn An", nationalId: "025075001234", phone: "0912345678")));
        using var viewer = await app.ClientForAsync("nguoi-xem", Role.Viewer, UnitBuilder.Xa);
        var (status, list) = await Send(viewer, HttpMethod.Get, $"/api/v1/tenures?commune={UnitBuilder.Xa}");
        Assert.Equal(HttpStatusCode.OK, status);
        var row = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal("0250******34", row.GetProperty("nationalId").GetString());
        Assert.Equal("09****78", row.GetProperty("phone").GetString());
        Assert.Equal("****", row.GetProperty("dateOfBirth").GetString());
        Assert.Equal(51, row.GetProperty("age").GetInt32());
        var (_, people) = await Send(viewer, HttpMethod.Get, "/api/v1/people?q=nguyen van an");
        Assert.Equal("0250******34", Assert.Single(people.EnumerateArray()).GetProperty("nationalId").GetString());
        // Nor may the viewer confirm a number by searching for it; the officer may.
        var (_, byNumber) = await Send(viewer, HttpMethod.Get, "/api/v1/people?q=025075001234");
        Assert.Empty(byNumber.EnumerateArray());
        var (_, officerByNumber) = await Send(app.Client, HttpMethod.Get, "/api/v1/people?q=025075001234");
        Assert.Single(officerByNumber.EnumerateArray());
        var (_, officerList) = await Send(app.Client, HttpMethod.Get, $"/api/v1/tenures?commune={UnitBuilder.Xa}");
        Assert.Equal("025075001234", Assert.Single(officerList.GetProperty("items").EnumerateArray()).GetProperty("nationalId").GetString());
    }

    [Fact]
    public async Task End_update_and_delete_follow_versions()
    {
        await using var app = await AppFactory.StartAsync();
        var unit = await UnitAsync(app, "Thôn Thượng");
        var (_, written) = await Send(app.Client, HttpMethod.Post, "/api/v1/tenures", Tenure(unit.Id, Person(unit.Id, "Nguyễn Văn An")));
        var id = written.GetProperty("tenure").GetProperty("tenureId").GetInt32();
        var version = written.GetProperty("tenure").GetProperty("version").GetInt32();

        var (noReason, np) = await Send(app.Client, HttpMethod.Post, $"/api/v1/tenures/{id}/end", new { version, endDate = "2026-10-31" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason);
        Assert.Equal("endReason", np.GetProperty("errors")[0].GetProperty("field").GetString());

        var (ended, ep) = await Send(app.Client, HttpMethod.Post, $"/api/v1/tenures/{id}/end",
            new { version, endDate = "2026-10-31", endReason = "relievedVoluntary", decision = new { number = "40/QĐ-UBND", date = "2026-10-30" } });
        Assert.Equal(HttpStatusCode.OK, ended);
        Assert.Equal("2026-10-31", ep.GetProperty("tenure").GetProperty("endDate").GetString());
        Assert.Equal("Xin thôi", ep.GetProperty("tenure").GetProperty("endReasonName").GetString());

        // The same version again: someone else's change is not overwritten.
        var (stale, sp) = await Send(app.Client, HttpMethod.Put, $"/api/v1/tenures/{id}",
            new { version, unitId = unit.Id, position = "unitHead", mode = "elected", startDate = "2025-08-01", termLabel = "2025-2030" });
        Assert.Equal(HttpStatusCode.Conflict, stale);
        Assert.Equal("concurrency_conflict", sp.GetProperty("code").GetString());

        // A new head from the day after: no overlap.
        var (next, _) = await Send(app.Client, HttpMethod.Post, "/api/v1/tenures", Tenure(unit.Id, Person(unit.Id, "Lê Văn Bảo"), start: "2026-11-01"));
        Assert.Equal(HttpStatusCode.Created, next);

        var current = ep.GetProperty("tenure").GetProperty("version").GetInt32();
        var (deleted, _) = await Send(app.Client, HttpMethod.Delete, $"/api/v1/tenures/{id}?version={current}");
        Assert.Equal(HttpStatusCode.NoContent, deleted);
        var (gone, _) = await Send(app.Client, HttpMethod.Get, $"/api/v1/tenures/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone);

        await using var db = app.Database.NewDb();
        var audit = await db.AuditEvents.Where(a => a.EntityType == "Tenure").Select(a => a.Action).ToListAsync();
        Assert.Contains("create", audit);
        Assert.Contains("update", audit);
        Assert.Contains("delete", audit);
    }
}
