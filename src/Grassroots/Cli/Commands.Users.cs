using System.CommandLine;
using System.Text.RegularExpressions;
using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Features.Accounts.Users;
using Microsoft.AspNetCore.Identity;

namespace Grassroots.Cli;

public static partial class Commands
{
    /// <summary>
    /// <c>grassroots users add|list|disable|reset-password</c>: accounts, as the system (no jurisdiction limits).
    /// <paramref name="services"/> is for tests: the app's services instead of the command line's own.
    /// </summary>
    internal static Command Users(IServiceProvider? services = null)
    {
        var command = new Command("users", "Quản lý tài khoản người dùng");
        var role = new Option<string>("--role") { Description = "Vai trò: " + string.Join(", ", Enum.GetValues<Role>().Select(KebabName)), Required = true };
        var scope = new Option<string?>("--scope") { Description = "Mã tỉnh (2 chữ số) hoặc xã/phường (5 chữ số); bỏ trống cùng --unit = toàn quốc" };
        var unit = new Option<int?>("--unit") { Description = "Mã số thôn, tổ dân phố (thay cho --scope)" };
        var fullName = new Option<string?>("--full-name") { Description = "Họ và tên (mặc định: tên đăng nhập)" };
        var person = new Option<int?>("--person") { Description = "Mã số người trong danh sách cán bộ mà tài khoản thuộc về (tài khoản của trưởng thôn)" };
        var password = NewPasswordOption();
        var userName = NewUserNameArgument();

        var add = new Command("add", "Thêm người dùng với một quyền đầu tiên") { userName, role, scope, unit, fullName, password, person };
        add.SetAction((parse, ct) => RunScopedAsync(services, parse, async (sp, output) =>
        {
            if (RoleFromKebab(parse.GetValue(role)) is not { } r)
                return Fail(parse, $"Vai trò \"{parse.GetValue(role)}\" không có; dùng một trong: {string.Join(", ", Enum.GetValues<Role>().Select(KebabName))}.");
            var name = parse.GetValue(userName)!;
            var given = parse.GetValue(password);
            var secret = string.IsNullOrEmpty(given) ? ResetPassword.Generate() : given;
            var created = await new CreateUser(sp.GetRequiredService<AppDb>(), sp.GetRequiredService<UserManager<AppUser>>(), sp.GetRequiredService<TimeProvider>())
                .RunAsync(new CreateUserInput(name, parse.GetValue(fullName) ?? name, null, null, secret, r, parse.GetValue(scope), parse.GetValue(unit),
                    parse.GetValue(person)), ct);
            if (!created.Succeeded) return Fail(parse, created.Errors);
            await output.WriteLineAsync($"Đã thêm người dùng \"{created.Value!.UserName}\" ({Permissions.RoleName(r)})" +
                (created.Value.PersonId is { } linked ? $", gắn với hồ sơ cán bộ mã số {linked}." : "."));
            if (string.IsNullOrEmpty(given)) await output.WriteLineAsync($"Mật khẩu (chỉ hiện một lần): {secret}");
            return 0;
        }, ct));

        var list = new Command("list", "Liệt kê người dùng");
        list.SetAction((parse, ct) => RunScopedAsync(services, parse, async (sp, output) =>
        {
            foreach (var u in await UserQueries.ListAsync(sp.GetRequiredService<AppDb>(), sp.GetRequiredService<TimeProvider>(), null, ct))
                await output.WriteLineAsync($"{u.UserName}\t{u.FullName}\t{u.StateName}\t{string.Join("; ", u.Grants.Select(g => g.Text))}");
            return 0;
        }, ct));

        var disabledName = NewUserNameArgument();
        var disable = new Command("disable", "Vô hiệu hóa tài khoản (phiên đăng nhập và mã truy cập hiện có hết hiệu lực ngay)") { disabledName };
        disable.SetAction((parse, ct) => RunScopedAsync(services, parse, async (sp, output) =>
        {
            if (await FindUserAsync(sp, parse.GetValue(disabledName)!) is not { } id) return Fail(parse, $"Không tìm thấy người dùng \"{parse.GetValue(disabledName)}\".");
            var result = await new SetUserDisabled(sp.GetRequiredService<AppDb>(), sp.GetRequiredService<UserManager<AppUser>>())
                .RunAsync(new SetUserDisabledInput(id, true), ct);
            if (!result.Succeeded) return Fail(parse, result.Errors);
            await output.WriteLineAsync($"Đã vô hiệu hóa tài khoản \"{result.Value!.UserName}\".");
            return 0;
        }, ct));

        var resetName = NewUserNameArgument();
        var newPassword = NewPasswordOption();
        var reset = new Command("reset-password", "Đặt lại mật khẩu") { resetName, newPassword };
        reset.SetAction((parse, ct) => RunScopedAsync(services, parse, async (sp, output) =>
        {
            if (await FindUserAsync(sp, parse.GetValue(resetName)!) is not { } id) return Fail(parse, $"Không tìm thấy người dùng \"{parse.GetValue(resetName)}\".");
            var given = parse.GetValue(newPassword);
            var secret = string.IsNullOrEmpty(given) ? ResetPassword.Generate() : given;
            var result = await new ResetPassword(sp.GetRequiredService<AppDb>(), sp.GetRequiredService<UserManager<AppUser>>())
                .RunAsync(new ResetPasswordInput(id, secret), ct);
            if (!result.Succeeded) return Fail(parse, result.Errors);
            await output.WriteLineAsync($"Đã đặt lại mật khẩu cho \"{result.Value!.UserName}\".");
            if (string.IsNullOrEmpty(given)) await output.WriteLineAsync($"Mật khẩu mới (chỉ hiện một lần): {secret}");
            return 0;
        }, ct));

        command.Add(add);
        command.Add(list);
        command.Add(disable);
        command.Add(reset);
        return command;
    }

    /// <summary>Runs a users verb in a service scope: the command line's own (database initialised first), or the given one.</summary>
    /// <summary>Runs a verb in a scope of the given services (tests), or of the command line's own after migrating the database.</summary>
    private static async Task<int> RunScopedAsync(IServiceProvider? services, ParseResult parse, Func<IServiceProvider, TextWriter, Task<int>> work, CancellationToken ct)
    {
        var output = parse.InvocationConfiguration.Output;
        if (services is not null)
        {
            await using var given = services.CreateAsyncScope();
            return await work(given.ServiceProvider, output);
        }
        await using var own = Services();
        await InitializeAsync(own, ct);
        await using var scope = own.CreateAsyncScope();
        return await work(scope.ServiceProvider, output);
    }

    private static Argument<string> NewUserNameArgument() => new("USERNAME") { Description = "Tên đăng nhập" };

    private static Option<string?> NewPasswordOption() => new("--password") { Description = "Mật khẩu; bỏ trống thì tạo ngẫu nhiên và in ra một lần" };

    private static async Task<int?> FindUserAsync(IServiceProvider services, string userName) =>
        await services.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(userName.Trim()) is { } user ? user.Id : null;

    private static int Fail(ParseResult parse, string message)
    {
        parse.InvocationConfiguration.Error.WriteLine(message);
        return 1;
    }

    private static int Fail(ParseResult parse, IReadOnlyList<Error> errors)
    {
        foreach (var e in errors) parse.InvocationConfiguration.Error.WriteLine(e.Message);
        return 1;
    }

    /// <summary>SystemAdmin → system-admin.</summary>
    internal static string KebabName(Role role) => Regex.Replace(role.ToString(), "(?<!^)([A-Z])", "-$1").ToLowerInvariant();

    internal static Role? RoleFromKebab(string? name) =>
        Enum.GetValues<Role>().Select(r => (Role?)r).FirstOrDefault(r => string.Equals(KebabName(r!.Value), name?.Trim(), StringComparison.OrdinalIgnoreCase));
}
