using System.CommandLine;
using System.Net;
using System.Net.Http.Json;
using Grassroots.Cli;
using Grassroots.Features.Accounts;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Tests.Features.Accounts;

/// <summary>The <c>grassroots users …</c> verbs, parsed and run in-process over the test app's services (as the system).</summary>
public sealed class CliUsersTests
{
    private sealed record Run(int Exit, string Output, string Error);

    private static async Task<Run> UsersAsync(TestApp app, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await Commands.Users(app.Factory.Services).Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return new Run(exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Add_prints_a_generated_password_once_and_the_account_signs_in_with_it()
    {
        await using var app = await AppFactory.StartAsync();
        var run = await UsersAsync(app, "add", "cb.ducnhan", "--role", "commune-officer", "--scope", UnitBuilder.OtherXa, "--full-name", "Lê Văn Tám");
        Assert.Equal(0, run.Exit);
        Assert.Contains("Đã thêm người dùng \"cb.ducnhan\" (Công chức cấp xã).", run.Output);
        var password = run.Output.Split('\n').Single(l => l.StartsWith("Mật khẩu (chỉ hiện một lần): ", StringComparison.Ordinal))["Mật khẩu (chỉ hiện một lần): ".Length..].Trim();
        Assert.True(password.Length >= 10);
        await app.TokenAsync("cb.ducnhan", password);

        var list = await UsersAsync(app, "list");
        Assert.Equal(0, list.Exit);
        Assert.Contains("cb.ducnhan\tLê Văn Tám\tĐang hoạt động\tCông chức cấp xã — Xã Đức Nhàn", list.Output);

        await using var db = app.Database.NewDb();
        var created = await db.AuditEvents.SingleAsync(e => e.Operation == "user_create" && e.EntityType == nameof(AppUser));
        Assert.Equal("(hệ thống)", created.UserName);
    }

    [Fact]
    public async Task Add_with_a_given_password_on_a_unit_prints_no_password()
    {
        await using var app = await AppFactory.StartAsync();
        int unitId;
        await using (var db = app.Database.NewDb())
            unitId = (await UnitBuilder.EstablishAsync(db, app.Factory.Time, "Thôn Hợp Nhất")).Id;
        var run = await UsersAsync(app, "add", "truong.thon", "--role", "unit-leader", "--unit", unitId.ToString(), "--password", "truong-thon-2026");
        Assert.Equal(0, run.Exit);
        Assert.DoesNotContain("Mật khẩu", run.Output);
        await app.TokenAsync("truong.thon", "truong-thon-2026");
        Assert.Contains("truong.thon\ttruong.thon\tĐang hoạt động\tTrưởng thôn, tổ trưởng tổ dân phố — Thôn Hợp Nhất (Xã Đà Bắc)", (await UsersAsync(app, "list")).Output);
    }

    [Theory]
    [InlineData(new[] { "add", "x.y", "--role", "thu-truong" }, "Vai trò \"thu-truong\" không có; dùng một trong: system-admin, province-officer, commune-officer, training-organiser, unit-leader, viewer.")]
    [InlineData(new[] { "add", "x.y", "--role", "viewer", "--scope", "12345678" }, "\"12345678\" không phải mã của một tỉnh, thành phố")]
    [InlineData(new[] { "add", "x.y", "--role", "viewer", "--scope", "25", "--unit", "1" }, "Chỉ chọn một phạm vi")]
    [InlineData(new[] { "add", "x.y", "--role", "viewer", "--password", "ngan" }, "Mật khẩu phải có ít nhất 10 ký tự.")]
    [InlineData(new[] { "add", "admin", "--role", "viewer" }, "Tên đăng nhập \"admin\" đã có người dùng.")]
    [InlineData(new[] { "disable", "khong.co.ai" }, "Không tìm thấy người dùng \"khong.co.ai\".")]
    [InlineData(new[] { "reset-password", "khong.co.ai" }, "Không tìm thấy người dùng \"khong.co.ai\".")]
    public async Task Errors_exit_non_zero_with_a_vietnamese_message(string[] args, string message)
    {
        await using var app = await AppFactory.StartAsync();
        var run = await UsersAsync(app, args);
        Assert.NotEqual(0, run.Exit);
        Assert.Contains(message, run.Error);
        await using var db = app.Database.NewDb();
        Assert.Equal(1, await db.Users.CountAsync());
    }

    [Fact]
    public async Task Disable_stops_the_account_and_reset_password_gives_a_new_one()
    {
        await using var app = await AppFactory.StartAsync();
        using var officer = await app.ClientForAsync("tam.nghi", Role.CommuneOfficer, UnitBuilder.Xa);

        var reset = await UsersAsync(app, "reset-password", "tam.nghi");
        Assert.Equal(0, reset.Exit);
        var password = reset.Output.Split('\n').Single(l => l.StartsWith("Mật khẩu mới (chỉ hiện một lần): ", StringComparison.Ordinal))["Mật khẩu mới (chỉ hiện một lần): ".Length..].Trim();
        await app.TokenAsync("tam.nghi", password);
        Assert.Equal(0, (await UsersAsync(app, "reset-password", "tam.nghi", "--password", "dat-lai-2026-x")).Exit);
        await app.TokenAsync("tam.nghi", "dat-lai-2026-x");

        var disable = await UsersAsync(app, "disable", "tam.nghi");
        Assert.Equal(0, disable.Exit);
        Assert.Contains("Đã vô hiệu hóa tài khoản \"tam.nghi\".", disable.Output);
        Assert.Equal(HttpStatusCode.Unauthorized, (await officer.GetAsync($"/api/v1/residential-units?commune={UnitBuilder.Xa}")).StatusCode);
        Assert.Contains("tam.nghi\ttam.nghi\tĐã vô hiệu hóa", (await UsersAsync(app, "list")).Output);
        using var anonymous = app.Anonymous;
        Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { userName = "tam.nghi", password = "dat-lai-2026-x" })).StatusCode);

        var again = await UsersAsync(app, "disable", "tam.nghi");
        Assert.Equal(1, again.Exit);
        Assert.Contains("Tài khoản này đã bị vô hiệu hóa.", again.Error);
    }
}
