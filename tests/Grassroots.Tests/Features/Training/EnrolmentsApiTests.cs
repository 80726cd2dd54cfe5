using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grassroots.Documents;
using Grassroots.Features.Accounts;
using Grassroots.Features.People;
using Grassroots.Features.Training;
using Grassroots.Features.Units;
using Grassroots.Tests.Infrastructure;
using static Grassroots.Tests.Infrastructure.Api;

namespace Grassroots.Tests.Features.Training;

/// <summary>Target groups and enrolments through the API: preview before enrolling, save, enrol all, the list, coded problems, scope.</summary>
public sealed class EnrolmentsApiTests
{
    private static string[] Names(JsonElement list) => [.. list.EnumerateArray().Select(i => i.GetProperty("fullName").GetString()!)];

    /// <summary>Heads in Đà Bắc: three not in the Party and under 60, one Party member; a Phú Thọ course with two places.</summary>
    private static async Task<(Course Course, List<Tenure> Heads)> SceneAsync(TestApp app, int? capacity = 2)
    {
        await using var db = app.Database.NewDb();
        var time = app.Factory.Time;
        var heads = new List<Tenure>();
        foreach (var (name, party) in new[] { ("Trần Văn Tùng", false), ("Lê Văn Anh", false), ("Phạm Văn Bảo", false), ("Hà Văn Đảng", true) })
            heads.Add(await LeaderBuilder.AppointAsync(db, time, await UnitBuilder.EstablishAsync(db, time, "Thôn của " + name), name, partyMember: party));
        return (await TrainingBuilder.CourseAsync(db, time, capacity: capacity), heads);
    }

    [Fact]
    public async Task A_rule_is_previewed_saved_and_enrolled_and_the_list_reads_back()
    {
        await using var app = await AppFactory.StartAsync();
        var (course, _) = await SceneAsync(app);
        var url = $"/api/v1/training/courses/{course.Id}";

        var (ps, presets) = await Send(app.Client, HttpMethod.Get, "/api/v1/training/target-presets");
        Assert.Equal(HttpStatusCode.OK, ps);
        Assert.Equal(["truong-thon-chua-dang-vien-duoi-60", "bi-thu-kiem-truong-thon", "truong-pho-to-dan-pho-cac-phuong"],
            presets.EnumerateArray().Select(p => p.GetProperty("key").GetString()));
        Assert.Equal("""{"positions":["UnitHead"],"partyMember":false,"ageUnder":60}""", presets[0].GetProperty("rule").GetRawText());

        var (s1, preview) = await Send(app.Client, HttpMethod.Post, $"{url}/target-group", new { preset = "truong-thon-chua-dang-vien-duoi-60" });
        Assert.Equal(HttpStatusCode.OK, s1);
        Assert.Equal((3, "2026-12-01", "Trưởng thôn, tổ trưởng tổ dân phố; chưa là đảng viên; dưới 60 tuổi"),
            (preview.GetProperty("count").GetInt32(), preview.GetProperty("asOf").GetString(), preview.GetProperty("description").GetString()));
        Assert.Equal(["Lê Văn Anh", "Phạm Văn Bảo", "Trần Văn Tùng"], Names(preview.GetProperty("items")));
        var first = preview.GetProperty("items")[0];
        Assert.Equal(("unitHead", "Trưởng thôn", "Thôn của Lê Văn Anh", "04831", 46),
            (first.GetProperty("position").GetString(), first.GetProperty("positionName").GetString(), first.GetProperty("unitName").GetString(),
             first.GetProperty("communeCode").GetString(), first.GetProperty("age").GetInt32()));
        var (s2, all) = await Send(app.Client, HttpMethod.Post, $"{url}/target-group?limit=1", new { rule = new { positions = new[] { "UnitHead" } } });
        Assert.Equal(HttpStatusCode.OK, s2);
        Assert.Equal((4, 1), (all.GetProperty("count").GetInt32(), all.GetProperty("items").GetArrayLength()));
        // Nothing is enrolled by a preview.
        var (_, empty) = await Send(app.Client, HttpMethod.Get, $"{url}/enrolments");
        Assert.Equal(0, empty.GetProperty("items").GetArrayLength());
        var (none, _) = await Send(app.Client, HttpMethod.Get, $"{url}/target-group");
        Assert.Equal(HttpStatusCode.NotFound, none);

        var (s3, saved) = await Send(app.Client, HttpMethod.Put, $"{url}/target-group",
            new { name = "Trưởng thôn chưa là đảng viên", rule = new { positions = new[] { "unitHead" }, partyMember = false, ageUnder = 60 } });
        Assert.Equal(HttpStatusCode.Created, s3);
        Assert.Equal((1, "Trưởng thôn chưa là đảng viên"), (saved.GetProperty("version").GetInt32(), saved.GetProperty("name").GetString()));
        Assert.Equal("""{"positions":["UnitHead"],"partyMember":false,"ageUnder":60}""", saved.GetProperty("rule").GetRawText());
        var groupId = saved.GetProperty("id").GetInt32();
        var (s4, group) = await Send(app.Client, HttpMethod.Get, $"{url}/target-group");
        Assert.Equal(HttpStatusCode.OK, s4);
        Assert.Equal((groupId, 3), (group.GetProperty("group").GetProperty("id").GetInt32(), group.GetProperty("count").GetInt32()));

        var (s5, enrolled) = await Send(app.Client, HttpMethod.Post, $"{url}/target-group/enrol", new { targetGroupId = groupId });
        Assert.Equal(HttpStatusCode.OK, s5);
        Assert.Equal((3, 2, 1), (enrolled.GetProperty("matched").GetInt32(), enrolled.GetProperty("enrolled").GetInt32(), enrolled.GetProperty("waiting").GetInt32()));

        var (s6, list) = await Send(app.Client, HttpMethod.Get, $"{url}/enrolments");
        Assert.Equal(HttpStatusCode.OK, s6);
        Assert.Equal((2, 1, 0), (list.GetProperty("enrolled").GetInt32(), list.GetProperty("waiting").GetInt32(), list.GetProperty("withdrawn").GetInt32()));
        Assert.Equal(["Lê Văn Anh", "Phạm Văn Bảo", "Trần Văn Tùng"], Names(list.GetProperty("items")));
        var tung = list.GetProperty("items")[2];
        Assert.Equal(("waiting", 1, "rule"), (tung.GetProperty("status").GetString(), tung.GetProperty("waitingRank").GetInt32(), tung.GetProperty("source").GetString()));
        Assert.Equal("Trưởng thôn Thôn của Trần Văn Tùng, Xã Đà Bắc", tung.GetProperty("postText").GetString());

        // The group saved from a stale version is refused.
        var (s7, stale) = await Send(app.Client, HttpMethod.Put, $"{url}/target-group", new { id = groupId, version = 0, rule = new { positions = new[] { "UnitHead" } } });
        Assert.Equal(HttpStatusCode.Conflict, s7);
        Assert.Equal("concurrency_conflict", stale.GetProperty("code").GetString());

        // Withdrawing one who holds a place moves Tùng up.
        var anh = list.GetProperty("items")[0];
        var (s8, withdrawn) = await Send(app.Client, HttpMethod.Post, $"/api/v1/training/enrolments/{anh.GetProperty("id").GetInt32()}/withdraw",
            new { version = anh.GetProperty("version").GetInt32(), reason = "Ốm" });
        Assert.Equal(HttpStatusCode.OK, s8);
        Assert.Equal(["Trần Văn Tùng"], withdrawn.GetProperty("movedUp").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(("withdrawn", "Ốm"), (withdrawn.GetProperty("enrolment").GetProperty("status").GetString(), withdrawn.GetProperty("enrolment").GetProperty("withdrawReason").GetString()));

        // The invitation list as .xlsx: the enrolled, with their links.
        var export = await app.Client.GetAsync($"{url}/invitations");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal(XlsxWriter.ContentType, export.Content.Headers.ContentType!.MediaType);
        Assert.True(XlsxReader.TryRead(new MemoryStream(await export.Content.ReadAsByteArrayAsync()), n => n == "Danh sách mời", 100, out var rows));
        Assert.Equal(["STT", "Họ và tên", "Ngày sinh"], rows[0].Cells.Take(3).Select(c => c.Text));
        Assert.Equal(["Phạm Văn Bảo", "Trần Văn Tùng"], rows.Skip(1).Select(r => r[1].Text));
        Assert.StartsWith("http://localhost/moi/", rows[1][8].Text);
    }

    [Fact]
    public async Task Bad_rules_and_writes_answer_with_coded_problems_naming_the_field()
    {
        await using var app = await AppFactory.StartAsync();
        var (course, heads) = await SceneAsync(app, capacity: null);
        var url = $"/api/v1/training/courses/{course.Id}";

        var (s1, bad) = await Send(app.Client, HttpMethod.Post, $"{url}/target-group", new { rule = new { positions = new[] { "Chairman" }, ageUnder = -3 } });
        Assert.Equal(HttpStatusCode.BadRequest, s1);
        Assert.Equal("unknown_position", bad.GetProperty("code").GetString());
        Assert.Equal(["rule.positions[0]", "rule.ageUnder"], bad.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()));
        Assert.Equal("Tuổi phải từ 0 đến 120 (đã nhập -3).", bad.GetProperty("errors")[1].GetProperty("message").GetString());
        var (s2, misspelt) = await Send(app.Client, HttpMethod.Post, $"{url}/target-group", new { rule = new { positon = new[] { "UnitHead" } } });
        Assert.Equal((HttpStatusCode.BadRequest, "rule_unreadable"), (s2, misspelt.GetProperty("code").GetString()));
        var (s3, missing) = await Send(app.Client, HttpMethod.Post, $"{url}/target-group", new { });
        Assert.Equal((HttpStatusCode.BadRequest, "rule_required"), (s3, missing.GetProperty("code").GetString()));
        var (s4, noGroup) = await Send(app.Client, HttpMethod.Post, $"{url}/target-group/enrol", new { });
        Assert.Equal((HttpStatusCode.NotFound, "target_group_not_found"), (s4, noGroup.GetProperty("code").GetString()));

        var (s5, noName) = await Send(app.Client, HttpMethod.Post, $"{url}/enrolments", new { fullName = " " });
        Assert.Equal((HttpStatusCode.BadRequest, "name_required", "fullName"), (s5, noName.GetProperty("code").GetString(), noName.GetProperty("errors")[0].GetProperty("field").GetString()));
        var (s6, guest) = await Send(app.Client, HttpMethod.Post, $"{url}/enrolments", new { fullName = "Hà Thị Lan", title = "Chi hội trưởng", organisation = "Hội Phụ nữ xã Đà Bắc" });
        Assert.Equal(HttpStatusCode.Created, s6);
        Assert.Equal(("Đã ghi danh Hà Thị Lan.", true, "Chi hội trưởng, Hội Phụ nữ xã Đà Bắc"), (guest.GetProperty("message").GetString(),
            guest.GetProperty("enrolment").GetProperty("isGuest").GetBoolean(), guest.GetProperty("enrolment").GetProperty("postText").GetString()));
        var (s7, person) = await Send(app.Client, HttpMethod.Post, $"{url}/enrolments", new { personId = heads[0].PersonId });
        Assert.Equal(HttpStatusCode.Created, s7);
        var (s8, twice) = await Send(app.Client, HttpMethod.Post, $"{url}/enrolments", new { personId = heads[0].PersonId });
        Assert.Equal((HttpStatusCode.Conflict, "already_enrolled"), (s8, twice.GetProperty("code").GetString()));

        var row = person.GetProperty("enrolment");
        var rowUrl = $"/api/v1/training/enrolments/{row.GetProperty("id").GetInt32()}";
        var version = row.GetProperty("version").GetInt32();
        var (s9, noVersion) = await Send(app.Client, HttpMethod.Post, $"{rowUrl}/withdraw", new { reason = "Bận" });
        Assert.Equal((HttpStatusCode.BadRequest, "version_required"), (s9, noVersion.GetProperty("code").GetString()));
        var (s10, noReason) = await Send(app.Client, HttpMethod.Post, $"{rowUrl}/withdraw", new { version });
        Assert.Equal((HttpStatusCode.BadRequest, "reason_required", "reason"), (s10, noReason.GetProperty("code").GetString(), noReason.GetProperty("errors")[0].GetProperty("field").GetString()));
        var (s11, staleDelete) = await Send(app.Client, HttpMethod.Delete, $"{rowUrl}?version={version + 1}");
        Assert.Equal((HttpStatusCode.Conflict, "concurrency_conflict"), (s11, staleDelete.GetProperty("code").GetString()));
        var (s12, _) = await Send(app.Client, HttpMethod.Delete, $"{rowUrl}?version={version}");
        Assert.Equal(HttpStatusCode.NoContent, s12);
        var (s13, gone) = await Send(app.Client, HttpMethod.Get, rowUrl);
        Assert.Equal((HttpStatusCode.NotFound, "not_found"), (s13, gone.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task A_course_or_person_out_of_scope_answers_404()
    {
        await using var app = await AppFactory.StartAsync();
        Course hanoi, province, commune;
        Tenure there;
        await using (var db = app.Database.NewDb())
        {
            var time = app.Factory.Time;
            there = await LeaderBuilder.AppointAsync(db, time, await UnitBuilder.EstablishAsync(db, time, "Thôn Suối Hoa", UnitBuilder.OtherXa), "Lê Văn Bình");
            hanoi = await TrainingBuilder.CourseAsync(db, time, "Lớp của Hà Nội", provinceCode: "01");
            province = await TrainingBuilder.CourseAsync(db, time, "Lớp của tỉnh");
            commune = await TrainingBuilder.CourseAsync(db, time, "Lớp của xã", communeCode: UnitBuilder.Xa);
        }
        using var officer = await app.ClientForAsync("cb.dabac", Role.CommuneOfficer, UnitBuilder.Xa);

        var (s1, notFound) = await Send(officer, HttpMethod.Get, $"/api/v1/training/courses/{hanoi.Id}/enrolments");
        Assert.Equal((HttpStatusCode.NotFound, "course_not_found"), (s1, notFound.GetProperty("code").GetString()));
        var (s2, _) = await Send(officer, HttpMethod.Post, $"/api/v1/training/courses/{hanoi.Id}/target-group", new { preset = "bi-thu-kiem-truong-thon" });
        Assert.Equal(HttpStatusCode.NotFound, s2);
        // The province's course can be read by the commune officer, not changed.
        var (s3, _) = await Send(officer, HttpMethod.Get, $"/api/v1/training/courses/{province.Id}/enrolments");
        Assert.Equal(HttpStatusCode.OK, s3);
        var (s4, _) = await Send(officer, HttpMethod.Post, $"/api/v1/training/courses/{province.Id}/enrolments", new { fullName = "Hà Thị Lan" });
        Assert.Equal(HttpStatusCode.NotFound, s4);
        // Their own commune's course: a person of another commune is not found.
        var (s5, person) = await Send(officer, HttpMethod.Post, $"/api/v1/training/courses/{commune.Id}/enrolments", new { personId = there.PersonId });
        Assert.Equal((HttpStatusCode.NotFound, "person_not_found", "personId"),
            (s5, person.GetProperty("code").GetString(), person.GetProperty("errors")[0].GetProperty("field").GetString()));
        var (s6, _) = await Send(officer, HttpMethod.Post, $"/api/v1/training/courses/{commune.Id}/enrolments", new { fullName = "Hà Thị Lan" });
        Assert.Equal(HttpStatusCode.Created, s6);
        // A viewer may read but not write.
        using var viewer = await app.ClientForAsync("xem.dabac", Role.Viewer, UnitBuilder.Xa);
        var (s7, _) = await Send(viewer, HttpMethod.Get, $"/api/v1/training/courses/{commune.Id}/enrolments");
        var (s8, _) = await Send(viewer, HttpMethod.Post, $"/api/v1/training/courses/{commune.Id}/enrolments", new { fullName = "Lò Văn Minh" });
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Forbidden), (s7, s8));
    }
}
