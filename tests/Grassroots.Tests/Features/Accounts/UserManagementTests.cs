using System.Net;
using System.Net.Http.Json;
using AngleSharp.Dom;
using System.Text.Json;
using Grassroots.Features.Accounts;
using Grassroots.Features.Audit;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Tests.Features.Accounts;

/// <summary>Steps the account tests share: the user pages as a person would use them.</summary>
internal static class AccountSteps
{
    public const string NewPassword = "mat-khau-moi-2026";

    /// <summary>Signs in through the login page; the client then carries the cookie.</summary>
    public static async Task<HttpClient> SignInWithPageAsync(TestApp app, string userName, string password)
    {
        var client = app.Anonymous;
        var login = await HtmlPage.GetAsync(client, "/dang-nhap");
        var response = await HtmlPage.SubmitAsync(client, login, new Dictionary<string, string> { ["Input.UserName"] = userName, ["Input.Password"] = password });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return client;
    }

    /// <summary>Fills in the create form; returns the response (a redirect to the new user's page on success).</summary>
    public static async Task<HttpResponseMessage> CreateWithPageAsync(HttpClient client, string userName, string role, string? scope, string password = AppFactory.UserPassword)
    {
        var form = await HtmlPage.GetAsync(client, "/quan-tri/nguoi-dung/them");
        return await HtmlPage.SubmitAsync(client, form, new Dictionary<string, string>
        {
            ["Input.UserName"] = userName, ["Input.FullName"] = "Nguyễn Thị Hoa", ["Input.Password"] = password,
            ["Input.Role"] = role, ["Input.Scope"] = scope ?? "",
        });
    }

    /// <summary>Posts one of the forms of a user's page (by its id: add-grant, reset-password, disable, enable, unlock).</summary>
    public static async Task<HttpResponseMessage> PostUserFormAsync(HttpClient client, int userId, string formId, Dictionary<string, string>? values = null)
    {
        var page = await HtmlPage.GetAsync(client, $"/quan-tri/nguoi-dung/{userId}");
        Assert.True(page.QuerySelector($"form#{formId}") is not null, $"The page has no form #{formId}.");
        return await HtmlPage.SubmitAsync(client, page, values ?? [], $"form#{formId}");
    }

    public static async Task<string> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await HtmlPage.ParseAsync(response)).QuerySelector(".errors")?.TextContent ?? "";
    }

    public static async Task<int> UserIdAsync(TestApp app, string userName)
    {
        await using var db = app.Database.NewDb();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }

    /// <summary>Whether an audit event records the field going from <paramref name="before"/> to <paramref name="after"/> (values as text).</summary>
    public static bool Changed(AuditEvent e, string field, string? before, string? after)
    {
        if (e.Changes is null) return false;
        using var doc = JsonDocument.Parse(e.Changes);
        if (!doc.RootElement.TryGetProperty(field, out var pair)) return false;
        static string? Text(JsonElement v) => v.ValueKind switch { JsonValueKind.Null => null, JsonValueKind.String => v.GetString(), _ => v.GetRawText() };
        return Text(pair[0]) == before && Text(pair[1]) == after;
    }

    /// <summary>A role as the audit trail writes it (its name, or its number).</summary>
    public static bool IsRole(string? text, Role role) => text == role.ToString() || text == ((int)role).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string? After(AuditEvent e, string field)
    {
        using var doc = JsonDocument.Parse(e.Changes ?? "{}");
        return doc.RootElement.TryGetProperty(field, out var pair) && pair[1].ValueKind != JsonValueKind.Null
            ? pair[1].ValueKind == JsonValueKind.String ? pair[1].GetString() : pair[1].GetRawText() : null;
    }

    public static List<string> GrantTexts(IDocument page) =>
        page.QuerySelectorAll("#grants tbody tr").Select(r => string.Join(" — ", r.QuerySelectorAll("td").Take(2).Select(td => td.TextContent.Trim()))).ToList();
}

public sealed class UserManagementTests
{
    [Fact]
    public async Task Admin_creates_a_user_through_the_page_and_sees_it_listed_in_vietnamese()
    {
        await using var app = await AppFactory.StartAsync();
        var response = await AccountSteps.CreateWithPageAsync(app.Client, "hoa.dabac", "CommuneOfficer", UnitBuilder.Xa);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = await AccountSteps.UserIdAsync(app, "hoa.dabac");
        Assert.Equal($"/quan-tri/nguoi-dung/{id}", response.Headers.Location!.ToString());

        var detail = await HtmlPage.GetAsync(app.Client, $"/quan-tri/nguoi-dung/{id}");
        Assert.Contains("Đã thêm người dùng \"hoa.dabac\"", detail.QuerySelector(".flash")!.TextContent);
        Assert.Equal(["Công chức cấp xã — Xã Đà Bắc"], AccountSteps.GrantTexts(detail));

        var list = await HtmlPage.GetAsync(app.Client, "/quan-tri/nguoi-dung");
        var row = list.QuerySelectorAll("#users tbody tr").Single(r => r.TextContent.Contains("hoa.dabac"));
        Assert.Contains("Nguyễn Thị Hoa", row.TextContent);
        Assert.Contains("Công chức cấp xã — Xã Đà Bắc", row.TextContent);
        Assert.Contains("Đang hoạt động", row.TextContent);
        Assert.Contains(list.QuerySelectorAll("#users tbody tr"), r => r.TextContent.Contains("Quản trị hệ thống — Toàn quốc"));

        // The new account works, and its creation is on record with the grant it was given.
        await app.TokenAsync("hoa.dabac", AppFactory.UserPassword);
        await using var db = app.Database.NewDb();
        var events = await db.AuditEvents.Where(e => e.Operation == "user_create").ToListAsync();
        Assert.Contains(events, e => e.EntityType == nameof(AppUser) && e.UserName == "admin" && AccountSteps.Changed(e, "UserName", null, "hoa.dabac"));
        Assert.Contains(events, e => e.EntityType == nameof(UserGrant) && AccountSteps.IsRole(AccountSteps.After(e, "Role"), Role.CommuneOfficer));
        Assert.DoesNotContain(events, e => e.Changes!.Contains("PasswordHash"));
    }

    [Fact]
    public async Task The_create_form_explains_what_is_wrong_in_vietnamese_and_creates_nothing()
    {
        await using var app = await AppFactory.StartAsync();
        var errors = await AccountSteps.ErrorsAsync(await AccountSteps.CreateWithPageAsync(app.Client, "sai.ma", "CommuneOfficer", "99999"));
        Assert.Contains("\"99999\" không phải mã của một tỉnh, thành phố", errors);

        errors = await AccountSteps.ErrorsAsync(await AccountSteps.CreateWithPageAsync(app.Client, "sai.matkhau", "CommuneOfficer", UnitBuilder.Xa, "ngan1"));
        Assert.Contains("Mật khẩu phải có ít nhất 10 ký tự.", errors);

        errors = await AccountSteps.ErrorsAsync(await AccountSteps.CreateWithPageAsync(app.Client, "khong.so", "CommuneOfficer", UnitBuilder.Xa, "khongcochuso"));
        Assert.Contains("Mật khẩu phải có ít nhất một chữ số (0-9).", errors);

        errors = await AccountSteps.ErrorsAsync(await AccountSteps.CreateWithPageAsync(app.Client, "admin", "Viewer", "25"));
        Assert.Contains("Tên đăng nhập \"admin\" đã có người dùng.", errors);

        errors = await AccountSteps.ErrorsAsync(await AccountSteps.CreateWithPageAsync(app.Client, "khong.vai.tro", "", "25"));
        Assert.Contains("Chưa chọn vai trò.", errors);

        // A former district (pre-2025 code) is not a scope.
        errors = await AccountSteps.ErrorsAsync(await AccountSteps.CreateWithPageAsync(app.Client, "huyen.cu", "Viewer", "227"));
        Assert.Contains("không phải mã của một tỉnh", errors);

        await using var db = app.Database.NewDb();
        Assert.Equal(["admin"], await db.Users.Select(u => u.UserName!).ToListAsync());
    }

    [Fact]
    public async Task Admin_adds_and_removes_grants_and_the_trail_records_both()
    {
        await using var app = await AppFactory.StartAsync();
        var user = await app.CreateUserAsync("lan.viewer", Role.Viewer, UnitBuilder.Xa);
        var response = await AccountSteps.PostUserFormAsync(app.Client, user.Id, "add-grant",
            new() { ["Input.Role"] = "ProvinceOfficer", ["Input.Scope"] = "25" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await HtmlPage.GetAsync(app.Client, $"/quan-tri/nguoi-dung/{user.Id}");
        Assert.Contains("Đã cấp quyền Cán bộ cấp tỉnh", page.QuerySelector(".flash")!.TextContent);
        Assert.Equal(["Người xem — Xã Đà Bắc", "Cán bộ cấp tỉnh — Tỉnh Phú Thọ"], AccountSteps.GrantTexts(page));

        // The same grant twice is refused.
        var errors = await AccountSteps.ErrorsAsync(await AccountSteps.PostUserFormAsync(app.Client, user.Id, "add-grant",
            new() { ["Input.Role"] = "ProvinceOfficer", ["Input.Scope"] = "25" }));
        Assert.Contains("Người dùng đã có quyền Cán bộ cấp tỉnh — Tỉnh Phú Thọ.", errors);

        // A grant on one residential unit, by its id.
        int unitId;
        await using (var db = app.Database.NewDb())
            unitId = (await UnitBuilder.EstablishAsync(db, app.Factory.Time, "Thôn Tân Lập")).Id;
        response = await AccountSteps.PostUserFormAsync(app.Client, user.Id, "add-grant", new() { ["Input.Role"] = "UnitLeader", ["Input.UnitId"] = unitId.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        page = await HtmlPage.GetAsync(app.Client, $"/quan-tri/nguoi-dung/{user.Id}");
        Assert.Contains("Trưởng thôn, tổ trưởng tổ dân phố — Thôn Tân Lập (Xã Đà Bắc)", AccountSteps.GrantTexts(page));

        // Remove the first grant with its own form.
        response = await HtmlPage.SubmitAsync(app.Client, page, new Dictionary<string, string>(), "#grants tbody tr:first-child form");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        page = await HtmlPage.GetAsync(app.Client, $"/quan-tri/nguoi-dung/{user.Id}");
        Assert.DoesNotContain("Người xem — Xã Đà Bắc", AccountSteps.GrantTexts(page));

        await using var check = app.Database.NewDb();
        var trail = await check.AuditEvents.Where(e => e.EntityType == nameof(UserGrant) && e.UserName == "admin").OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(["grant_add", "grant_add", "grant_remove"], trail.Select(e => e.Operation).ToList());
        Assert.Equal("delete", trail[^1].Action);
        using (var changes = JsonDocument.Parse(trail[^1].Changes!))
            Assert.True(AccountSteps.IsRole(changes.RootElement.GetProperty("Role")[0].ToString(), Role.Viewer), trail[^1].Changes);
    }

    [Fact]
    public async Task The_last_grant_of_a_user_cannot_be_removed()
    {
        await using var app = await AppFactory.StartAsync();
        var user = await app.CreateUserAsync("mot.quyen", Role.Viewer, "25");
        var page = await HtmlPage.GetAsync(app.Client, $"/quan-tri/nguoi-dung/{user.Id}");
        var errors = await AccountSteps.ErrorsAsync(await HtmlPage.SubmitAsync(app.Client, page, new Dictionary<string, string>(), "#grants form"));
        Assert.Contains("Không thể thu hồi quyền cuối cùng", errors);
    }

    [Fact]
    public async Task Admin_resets_a_password_then_only_the_new_one_works()
    {
        await using var app = await AppFactory.StartAsync();
        var user = await app.CreateUserAsync("quen.matkhau", Role.CommuneOfficer, UnitBuilder.Xa);
        var errors = await AccountSteps.ErrorsAsync(await AccountSteps.PostUserFormAsync(app.Client, user.Id, "reset-password", new() { ["Input.NewPassword"] = "abc" }));
        Assert.Contains("Mật khẩu phải có ít nhất 10 ký tự.", errors);
        await app.TokenAsync("quen.matkhau", AppFactory.UserPassword);

        var response = await AccountSteps.PostUserFormAsync(app.Client, user.Id, "reset-password", new() { ["Input.NewPassword"] = AccountSteps.NewPassword });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await app.TokenAsync("quen.matkhau", AccountSteps.NewPassword);
        using var anonymous = app.Anonymous;
        var old = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { userName = "quen.matkhau", password = AppFactory.UserPassword });
        Assert.Equal(HttpStatusCode.BadRequest, old.StatusCode);

        await using var db = app.Database.NewDb();
        var reset = await db.AuditEvents.SingleAsync(e => e.Operation == "password_reset");
        Assert.Equal("admin", reset.UserName);
        Assert.Equal(user.Id.ToString(), reset.EntityId);
        Assert.DoesNotContain("PasswordHash", reset.Changes);
    }

    [Fact]
    public async Task A_province_officer_sees_and_manages_only_users_of_their_province()
    {
        await using var app = await AppFactory.StartAsync();
        var officer = await app.ClientForAsync("so.noivu.phutho", Role.ProvinceOfficer, "25");
        var inProvince = await app.CreateUserAsync("xa.dabac", Role.CommuneOfficer, UnitBuilder.Xa);
        var elsewhere = await app.CreateUserAsync("phuong.badinh", Role.CommuneOfficer, UnitBuilder.Phuong);
        var mixed = await app.CreateUserAsync("hai.tinh", Role.Viewer, "25");
        await using (var db = app.Database.NewDb())
        {
            var hanoi = await db.AdminUnits.SingleAsync(u => u.Code == "01" && u.ValidTo == null);
            db.UserGrants.Add(new UserGrant { UserId = mixed.Id, Role = Role.Viewer, AdminUnitId = hanoi.Id });
            await db.SaveChangesAsync();
        }

        var list = await HtmlPage.GetAsync(officer, "/quan-tri/nguoi-dung");
        var names = list.QuerySelectorAll("#users tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["so.noivu.phutho", "xa.dabac"], names);

        // Users with any grant outside the province (or stronger than a province officer may grant) do not exist for them.
        foreach (var id in new[] { elsewhere.Id, mixed.Id, await AccountSteps.UserIdAsync(app, "admin") })
        {
            var response = await officer.GetAsync($"/quan-tri/nguoi-dung/{id}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("Không tìm thấy", (await HtmlPage.ParseAsync(response)).QuerySelector("h1")!.TextContent);
        }

        // They create users within the province only, and never system administrators or country-wide ones.
        Assert.Equal(HttpStatusCode.Redirect, (await AccountSteps.CreateWithPageAsync(officer, "xa.ducnhan", "CommuneOfficer", UnitBuilder.OtherXa)).StatusCode);
        var errors = await AccountSteps.ErrorsAsync(await AccountSteps.CreateWithPageAsync(officer, "ngoai.tinh", "CommuneOfficer", UnitBuilder.Phuong));
        Assert.Contains("Bạn chỉ được cấp quyền trong phạm vi mình quản lý; \"Phường Ba Đình\" nằm ngoài phạm vi đó.", errors);
        errors = await AccountSteps.ErrorsAsync(await AccountSteps.CreateWithPageAsync(officer, "toan.quoc", "Viewer", null));
        Assert.Contains("Chỉ quản trị hệ thống toàn quốc mới được cấp", errors);
        errors = await AccountSteps.ErrorsAsync(await AccountSteps.CreateWithPageAsync(officer, "quan.tri.tinh", "SystemAdmin", "25"));
        Assert.Contains("Chỉ quản trị hệ thống toàn quốc mới được cấp", errors);
        var form = await HtmlPage.GetAsync(officer, "/quan-tri/nguoi-dung/them");
        Assert.DoesNotContain("SystemAdmin", form.QuerySelectorAll("select[name='Input.Role'] option").Select(o => o.GetAttribute("value")));

        // Nor add a grant outside the province to a user they manage, nor change someone out of reach.
        errors = await AccountSteps.ErrorsAsync(await AccountSteps.PostUserFormAsync(officer, inProvince.Id, "add-grant",
            new() { ["Input.Role"] = "Viewer", ["Input.Scope"] = UnitBuilder.Phuong }));
        Assert.Contains("nằm ngoài phạm vi đó", errors);
        var someForm = await HtmlPage.GetAsync(officer, $"/quan-tri/nguoi-dung/{inProvince.Id}");
        var token = someForm.QuerySelector("form#disable input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var outOfReach = await officer.PostAsync($"/quan-tri/nguoi-dung/{elsewhere.Id}?handler=Disable",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.NotFound, outOfReach.StatusCode);

        await using var check = app.Database.NewDb();
        Assert.False(await check.Users.Where(u => u.Id == elsewhere.Id).Select(u => u.IsDisabled).SingleAsync());
        Assert.False(await check.Users.AnyAsync(u => u.UserName == "ngoai.tinh" || u.UserName == "toan.quoc" || u.UserName == "quan.tri.tinh"));
        var created = await check.AuditEvents.SingleAsync(e => e.Operation == "user_create" && e.EntityType == nameof(AppUser) && e.UserName == "so.noivu.phutho");
        Assert.True(AccountSteps.Changed(created, "UserName", null, "xa.ducnhan"));
    }

    [Fact]
    public async Task Managers_cannot_disable_themselves_or_drop_their_own_last_user_management_grant()
    {
        await using var app = await AppFactory.StartAsync();
        var officer = await app.ClientForAsync("so.noivu", Role.ProvinceOfficer, "25");
        var me = await AccountSteps.UserIdAsync(app, "so.noivu");
        var page = await HtmlPage.GetAsync(officer, $"/quan-tri/nguoi-dung/{me}");
        Assert.Null(page.QuerySelector("form#disable"));
        var token = page.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var errors = await AccountSteps.ErrorsAsync(await officer.PostAsync($"/quan-tri/nguoi-dung/{me}?handler=Disable",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token })));
        Assert.Contains("Bạn không thể tự vô hiệu hóa tài khoản của mình.", errors);

        // With a second grant (not managing users), the province officer grant is still their last one that manages users.
        Assert.Equal(HttpStatusCode.Redirect, (await AccountSteps.PostUserFormAsync(officer, me, "add-grant",
            new() { ["Input.Role"] = "Viewer", ["Input.Scope"] = UnitBuilder.Xa })).StatusCode);
        page = await HtmlPage.GetAsync(officer, $"/quan-tri/nguoi-dung/{me}");
        errors = await AccountSteps.ErrorsAsync(await HtmlPage.SubmitAsync(officer, page, new Dictionary<string, string>(), "#grants tbody tr:first-child form"));
        Assert.Contains("Bạn không thể tự thu hồi quyền quản lý người dùng cuối cùng của mình.", errors);

        await using var db = app.Database.NewDb();
        Assert.Equal(2, await db.UserGrants.CountAsync(g => g.UserId == me));
        Assert.False(await db.Users.Where(u => u.Id == me).Select(u => u.IsDisabled).SingleAsync());
    }

    [Fact]
    public async Task Users_without_the_permission_are_refused_the_user_pages()
    {
        await using var app = await AppFactory.StartAsync();
        var communeOfficer = await app.ClientForAsync("cong.chuc", Role.CommuneOfficer, UnitBuilder.Xa);
        Assert.Equal(HttpStatusCode.Forbidden, (await communeOfficer.GetAsync("/quan-tri/nguoi-dung")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await communeOfficer.GetAsync("/quan-tri/nguoi-dung/them")).StatusCode);
        using var anonymous = app.Anonymous;
        var response = await anonymous.GetAsync("/quan-tri/nguoi-dung");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/dang-nhap", response.Headers.Location!.ToString());
    }
}
