using System.Security.Cryptography;
using Grassroots.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Accounts;

/// <summary>
/// First start: creates the administrator "admin" with a country-wide system-administrator grant. Its password comes
/// from <c>Grassroots:Admin:Password</c> or, if unset, is generated and printed once. Never a fixed default.
/// </summary>
public static class AdminBootstrap
{
    public const string AdminUserName = "admin";

    public static async Task EnsureAdminAsync(IServiceProvider services, IConfiguration config, ILogger logger, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        if (await db.Users.AnyAsync(ct)) return;
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var configured = config["Grassroots:Admin:Password"];
        var password = string.IsNullOrEmpty(configured) ? Generate() : configured;
        var admin = new AppUser { UserName = AdminUserName, FullName = "Quản trị hệ thống", CreatedAt = DateTime.UtcNow };
        admin.Grants.Add(new UserGrant { Role = Role.SystemAdmin, CreatedAt = DateTime.UtcNow });
        db.Operation = "bootstrap";
        var created = await users.CreateAsync(admin, password);
        if (!created.Succeeded)
            throw new InvalidOperationException("Cannot create the administrator: " + string.Join(" ", created.Errors.Select(e => e.Description)));
        if (string.IsNullOrEmpty(configured))
        {
            // Printed once, on the console only (not through the logger, which may ship logs elsewhere).
            Console.WriteLine();
            Console.WriteLine("==================================================================");
            Console.WriteLine($" Tài khoản quản trị đầu tiên: {AdminUserName}");
            Console.WriteLine($" Mật khẩu (chỉ hiện một lần, hãy đổi sau khi đăng nhập): {password}");
            Console.WriteLine("==================================================================");
            Console.WriteLine();
        }
        logger.LogInformation("Created the first administrator account '{UserName}'", AdminUserName);
    }

    private static string Generate()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var chars = RandomNumberGenerator.GetItems<char>(alphabet, 14);
        // Identity's rules ask for a digit and a lower-case letter.
        return new string(chars) + RandomNumberGenerator.GetInt32(10) + "x";
    }
}
