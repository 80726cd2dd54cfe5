using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Grassroots.Documents;
using Grassroots.Features.Accounts;
using Grassroots.Features.Units;
using Grassroots.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Grassroots.Tests.Features.Audit;

/// <summary>GET /api/v1/audit and /api/v1/audit/export: filters, scope, masking, paging, bad parameters, the workbook.</summary>
public sealed class AuditApiTests
{
    private const string ClientIp = "203.0.113.7";

    [Fact]
    public async Task Logins_and_failed_logins_are_recorded_with_user_time_and_address()
    {
        await using var app = await AppFactory.StartAsync();
        await app.CreateUserAsync("nguoi-dang-nhap", Role.Viewer, "25");
        using var fromOutside = FromAddress(app, ClientIp);

        var wrong = await fromOutside.PostAsJsonAsync("/api/v1/auth/login", new { userName = "nguoi-dang-nhap", password = "sai-mat-khau-1" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var right = await fromOutside.PostAsJsonAsync("/api/v1/auth/login", new { userName = "nguoi-dang-nhap", password = AppFactory.UserPassword });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);

        var items = await ItemsAsync(app.Client, "/api/v1/audit?user=NGUOI-DANG-NHAP&entity=AppUser");
        var login = items.Single(i => i.GetProperty("action").GetString() == "login");
        var failed = items.Single(i => i.GetProperty("action").GetString() == "login_failed");
        Assert.True(login.GetProperty("id").GetInt64() > failed.GetProperty("id").GetInt64(), "newest first");
        foreach (var item in new[] { login, failed })
        {
            Assert.Equal("nguoi-dang-nhap", item.GetProperty("userName").GetString());
            Assert.Equal(ClientIp, item.GetProperty("ipAddress").GetString());
            Assert.Equal(app.Factory.Time.GetUtcNow().UtcDateTime, item.GetProperty("at").GetDateTime().ToUniversalTime());
        }
        Assert.Contains("sai mật khẩu", failed.GetProperty("summary").GetString());
    }

    [Fact]
    public async Task Administrators_see_personal_identifiers_in_the_audit()
    {
        await using var app = await AppFactory.StartAsync();
        int userId;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Grassroots.Data.AppDb>();
            var user = new AppUser { UserName = "co-dien-thoai", FullName = "Trần Văn Bình", PhoneNumber = "0912345678", CreatedAt = app.Factory.Time.GetUtcNow().UtcDateTime };
            db.Users.Add(user);
            await db.SaveChangesAsync();
            userId = user.Id;
        }

        var item = Assert.Single(await ItemsAsync(app.Client, $"/api/v1/audit?entity=AppUser&entityId={userId}"));
        Assert.Equal("create", item.GetProperty("action").GetString());
        var phone = item.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("field").GetString() == "PhoneNumber");
        Assert.Equal(JsonValueKind.Null, phone.GetProperty("before").ValueKind);
        Assert.Equal("0912345678", phone.GetProperty("after").GetString());
    }

    [Fact]
    public async Task A_commune_officer_sees_the_audit_of_their_commune_only()
    {
        await using var app = await AppFactory.StartAsync();
        ResidentialUnit inside, outside;
        await using (var db = app.Database.NewDb())
        {
            inside = await UnitBuilder.EstablishAsync(db, app.Factory.Time, "Thôn Trong Xã", UnitBuilder.Xa);
            outside = await UnitBuilder.EstablishAsync(db, app.Factory.Time, "Thôn Xã Khác", UnitBuilder.OtherXa);
        }
        using var officer = await app.ClientForAsync("can-bo-da-bac", Role.CommuneOfficer, UnitBuilder.Xa);

        var all = await ItemsAsync(officer, "/api/v1/audit?limit=200");
        Assert.Contains(all, i => IsUnit(i, inside));
        Assert.DoesNotContain(all, i => IsUnit(i, outside));
        Assert.All(all, i => Assert.Equal("25", i.GetProperty("provinceCode").GetString()));
        Assert.NotEmpty(await ItemsAsync(officer, $"/api/v1/audit?entity=ResidentialUnit&entityId={inside.Id}&commune={UnitBuilder.Xa}"));
        Assert.Empty(await ItemsAsync(officer, $"/api/v1/audit?entity=ResidentialUnit&entityId={outside.Id}"));
        Assert.Empty(await ItemsAsync(officer, $"/api/v1/audit?commune={UnitBuilder.OtherXa}"));

        var admin = await ItemsAsync(app.Client, $"/api/v1/audit?commune={UnitBuilder.OtherXa}&province=25");
        Assert.Contains(admin, i => IsUnit(i, outside));
        Assert.DoesNotContain(admin, i => IsUnit(i, inside));
    }

    [Fact]
    public async Task Pages_follow_the_cursor_newest_first()
    {
        await using var app = await AppFactory.StartAsync();
        await using (var db = app.Database.NewDb())
        {
            for (var i = 0; i < 3; i++) db.Record("logout", nameof(AppUser), "trang", $"Đăng xuất {i}");
            await db.SaveChangesAsync();
        }
        var first = await GetJsonAsync(app.Client, "/api/v1/audit?entityId=trang&limit=2");
        var items = first.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["Đăng xuất 2", "Đăng xuất 1"], items.Select(i => i.GetProperty("summary").GetString()));
        var next = first.GetProperty("nextBefore").GetInt64();
        Assert.Equal(items[^1].GetProperty("id").GetInt64(), next);

        var second = await GetJsonAsync(app.Client, $"/api/v1/audit?entityId=trang&limit=2&before={next}");
        Assert.Equal("Đăng xuất 0", second.GetProperty("items").EnumerateArray().Single().GetProperty("summary").GetString());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextBefore").ValueKind);
    }

    [Theory]
    [InlineData("/api/v1/audit?from=31/02/2026", "invalid_date")]
    [InlineData("/api/v1/audit?to=hôm-nay", "invalid_date")]
    [InlineData("/api/v1/audit?from=2026-11-22&to=2026-11-21", "invalid_date_range")]
    [InlineData("/api/v1/audit?limit=0", "invalid_limit")]
    [InlineData("/api/v1/audit?limit=201", "invalid_limit")]
    [InlineData("/api/v1/audit?limit=mười", "invalid_limit")]
    [InlineData("/api/v1/audit?before=abc", "invalid_cursor")]
    [InlineData("/api/v1/audit/export?from=32/01/2026", "invalid_date")]
    public async Task Bad_parameters_are_answered_with_a_coded_400(string url, string code)
    {
        await using var app = await AppFactory.StartAsync();
        var response = await app.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task The_audit_cannot_be_changed_or_deleted_through_the_api()
    {
        await using var app = await AppFactory.StartAsync();
        var endpoints = app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.TrimStart('/').StartsWith("api/v1/audit", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, endpoints.Count);
        Assert.All(endpoints, e => Assert.Equal(["GET"], e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods));

        using var request = new HttpRequestMessage(HttpMethod.Delete, "/api/v1/audit");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await app.Client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Users_without_the_audit_permission_are_refused()
    {
        await using var app = await AppFactory.StartAsync();
        using var organiser = await app.ClientForAsync("to-chuc-boi-duong", Role.TrainingOrganiser, "25");
        Assert.Equal(HttpStatusCode.Forbidden, (await organiser.GetAsync("/api/v1/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await organiser.GetAsync("/api/v1/audit/export")).StatusCode);
        using var anonymous = app.Anonymous;
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/audit")).StatusCode);
    }

    [Fact]
    public async Task The_export_is_a_workbook_with_vietnamese_headers_and_the_filtered_rows()
    {
        await using var app = await AppFactory.StartAsync();
        ResidentialUnit unit;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
            unit = await UnitBuilder.EstablishAsync(AppDbIn(scope), app.Factory.Time, "Thôn Xuất Excel", households: 321);

        var response = await app.Client.GetAsync($"/api/v1/audit/export?entity=ResidentialUnit&entityId={unit.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(XlsxWriter.ContentType, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nhat-ky-2026-11-21.xlsx", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        using var document = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var workbook = document.WorkbookPart!;
        Assert.Equal("Nhật ký", workbook.Workbook.Sheets!.Elements<Sheet>().Single().Name!.Value);
        var rows = workbook.WorksheetParts.Single().Worksheet.Descendants<Row>().Select(Texts).ToList();
        Assert.Equal(["Thời điểm", "Người thực hiện", "Địa chỉ IP", "Việc", "Dữ liệu", "Mã", "Mã tỉnh", "Nội dung", "Thay đổi"], rows[0]);
        var row = Assert.Single(rows.Skip(1));
        Assert.Equal(["21/11/2026 09:00:00", "(hệ thống)"], row.Take(2));
        Assert.Equal(["Thêm (Thành lập)", "Thôn, tổ dân phố", unit.Id.ToString(CultureInfo.InvariantCulture), "25"], row.Skip(2).Take(4));
        Assert.Contains("Số hộ: (trống) → 321", row[^1]);
    }

    // ---- helpers ----

    /// <summary>A client whose requests come from the given address (the test server has none of its own).</summary>
    private static HttpClient FromAddress(TestApp app, string ip)
    {
        var handler = app.Factory.Server.CreateHandler(c => c.Connection.RemoteIpAddress = IPAddress.Parse(ip));
        return new HttpClient(handler) { BaseAddress = app.Factory.Server.BaseAddress };
    }

    private static bool IsUnit(JsonElement item, ResidentialUnit unit) =>
        item.GetProperty("entityType").GetString() == nameof(ResidentialUnit) &&
        item.GetProperty("entityId").GetString() == unit.Id.ToString(CultureInfo.InvariantCulture);

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<List<JsonElement>> ItemsAsync(HttpClient client, string url) =>
        (await GetJsonAsync(client, url)).GetProperty("items").EnumerateArray().ToList();

    /// <summary>A row's cell texts (inline strings, as the writer makes them), in column order, empty cells skipped.</summary>
    private static List<string> Texts(Row row) => row.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToList();

    /// <summary>The app's own context outside a request: the system, stamping audit records with the app's fixed clock.</summary>
    private static Grassroots.Data.AppDb AppDbIn(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<Grassroots.Data.AppDb>();
}
