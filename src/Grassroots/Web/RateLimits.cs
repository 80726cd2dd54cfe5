using System.Threading.RateLimiting;
using Grassroots.Common;
using Grassroots.Features.Accounts;
using Microsoft.AspNetCore.RateLimiting;

namespace Grassroots.Web;

/// <summary>Per-address limits on logins (against password guessing) and on the public catalog API.</summary>
public static class RateLimits
{
    public const string Public = "public";
    /// <summary>Self check-in, per signed-in user (a class shares one address): guessing the six-digit code is hopeless at this pace.</summary>
    public const string CheckIn = "check-in";

    public static void AddRateLimits(this IServiceCollection services, IConfiguration config)
    {
        // The login page counts its GET and its POST: 20 a minute is 10 sign-in attempts.
        var loginPerMinute = config.GetValue("Grassroots:RateLimits:LoginPerMinute", 20);
        var publicPerMinute = config.GetValue("Grassroots:RateLimits:PublicPerMinute", 600);
        var checkInPerMinute = config.GetValue("Grassroots:RateLimits:CheckInPerMinute", 30);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(AuthApi.LoginRateLimit, context => PerAddress(context, loginPerMinute));
            o.AddPolicy(Public, context => PerAddress(context, publicPerMinute));
            o.AddPolicy(CheckIn, context => RateLimitPartition.GetFixedWindowLimiter(
                context.RequestServices.GetRequiredService<CurrentAccess>().UserId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "anonymous",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = checkInPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.OnRejected = async (context, ct) =>
            {
                var error = new Error("rate_limited", "Quá nhiều yêu cầu trong thời gian ngắn; hãy thử lại sau một phút.");
                if (context.HttpContext.Request.IsApi())
                    await TypedResults.Problem(detail: error.Message, statusCode: 429, title: "Quá nhiều yêu cầu",
                        extensions: new Dictionary<string, object?> { ["code"] = error.Code }).ExecuteAsync(context.HttpContext);
                else
                {
                    context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                    await context.HttpContext.Response.WriteAsync(error.Message, ct);
                }
            };
        });
    }

    private static RateLimitPartition<string> PerAddress(HttpContext context, int perMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
}
