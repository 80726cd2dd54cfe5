using System.CommandLine;
using System.Net;
using Grassroots.Cli;
using Grassroots.Features.Accounts;
using Grassroots.Features.People;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Tests.Features.Accounts;

/// <summary>Accounts linked to registry people (LinkPerson): on the user page and with <c>users add --person</c>; one account per person, in scope, audited.</summary>
public sealed class LinkPersonTests
{
    private static async Task<(Tenure Head, Tenure OutHead)> PeopleAsync(TestApp app)
    {
        await using var db = app.Database.NewDb();
        var head = await LeaderBuilder.AppointAsync(db, app.Factory.Time, await UnitBuilder.EstablishAsync(db, app.Factory.Time, "Thôn Đồng Xuân"), "Lê Văn Anh");
        var outHead = await LeaderBuilder.AppointAsync(db, app.Factory.Time,
            await UnitBuilder.EstablishAsync(db, app.Factory.Time, "Tổ dân phố số 1", UnitBuilder.Phuong, Grassroots.Features.Units.UnitKind.ResidentialGroup), "Nguyễn Văn Hà");
        return (head, outHead);
    }

    private static async Task<HttpResponseMessage> LinkAsync(HttpClient client, int userId, int personId)
    {
        var page = await HtmlPage.GetAsync(client, $"/quan-tri/nguoi-dung/{userId}");
        return await HtmlPage.SubmitAsync(client, page, new Dictionary<string, string> { ["Input.PersonId"] = personId.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            "#link-person");
    }

    [Fact]
    public async Task A_province_officer_links_a_leaders_account_to_their_person_once_and_only_in_scope()
    {
        await using var app = await AppFactory.StartAsync();
        var (head, outHead) = await PeopleAsync(app);
        var leader = await app.CreateUserAsync("le.van.anh", Role.UnitLeader, residentialUnitId: head.UnitId);
        var other = await app.CreateUserAsync("tai.khoan.khac", Role.UnitLeader, residentialUnitId: head.UnitId);
        using var officer = await app.ClientForAsync("so.noivu", Role.ProvinceOfficer, "25");

        var linked = await LinkAsync(officer, leader.Id, head.PersonId);
        Assert.Equal(HttpStatusCode.Redirect, linked.StatusCode);
        var detail = await HtmlPage.GetAsync(officer, linked.Headers.Location!.OriginalString);
        Assert.Contains($"Đã gắn tài khoản \"le.van.anh\" với hồ sơ cán bộ mã số {head.PersonId}.", detail.QuerySelector(".flash")!.TextContent);

        var taken = await HtmlPage.ParseAsync(await LinkAsync(officer, other.Id, head.PersonId));
        Assert.Contains("Người này đã gắn với tài khoản \"le.van.anh\"; mỗi người chỉ gắn với một tài khoản.", taken.Body!.TextContent);
        var outside = await HtmlPage.ParseAsync(await LinkAsync(officer, other.Id, outHead.PersonId));
        Assert.Contains($"Không tìm thấy người có mã số {outHead.PersonId} trong phạm vi bạn được xem.", outside.Body!.TextContent);

        await using var db = app.Database.NewDb();
        var users = await db.Users.AsNoTracking().Where(u => u.Id == leader.Id || u.Id == other.Id).ToDictionaryAsync(u => u.Id, u => u.PersonId);
        Assert.Equal(((int?)head.PersonId, (int?)null), (users[leader.Id], users[other.Id]));
        var audit = await db.AuditEvents.AsNoTracking().SingleAsync(a => a.Operation == "user_link_person");
        Assert.Equal(("so.noivu", nameof(AppUser), leader.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), (audit.UserName, audit.EntityType, audit.EntityId));
        Assert.Contains("PersonId", audit.Changes);
    }

    [Fact]
    public async Task Users_add_with_a_person_links_the_new_account_and_refuses_a_person_already_linked()
    {
        await using var app = await AppFactory.StartAsync();
        var (head, _) = await PeopleAsync(app);
        async Task<(int Exit, string Output, string Error)> UsersAsync(params string[] args)
        {
            var (output, error) = (new StringWriter(), new StringWriter());
            var exit = await Commands.Users(app.Factory.Services).Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
            return (exit, output.ToString(), error.ToString());
        }
        var person = head.PersonId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var unit = head.UnitId.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var run = await UsersAsync("add", "le.van.anh", "--role", "unit-leader", "--unit", unit, "--person", person, "--password", "truong-thon-2026");
        Assert.Equal(0, run.Exit);
        Assert.Contains($"Đã thêm người dùng \"le.van.anh\" (Trưởng thôn, tổ trưởng tổ dân phố), gắn với hồ sơ cán bộ mã số {person}.", run.Output);
        var again = await UsersAsync("add", "le.van.anh.2", "--role", "unit-leader", "--unit", unit, "--person", person, "--password", "truong-thon-2026");
        Assert.NotEqual(0, again.Exit);
        Assert.Contains("Người này đã gắn với tài khoản \"le.van.anh\"", again.Error);

        await using var db = app.Database.NewDb();
        Assert.Equal(head.PersonId, (await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "le.van.anh")).PersonId);
        Assert.False(await db.Users.AnyAsync(u => u.UserName == "le.van.anh.2"));
        // The linked leader sees their own courses (none yet) through the API.
        using var client = app.Anonymous;
        client.DefaultRequestHeaders.Authorization = new("Bearer", await app.TokenAsync("le.van.anh", "truong-thon-2026"));
        var mine = await client.GetAsync("/api/v1/training/me/courses");
        Assert.Equal((HttpStatusCode.OK, "[]"), (mine.StatusCode, await mine.Content.ReadAsStringAsync()));
    }
}
