using Grassroots.Data;
using Grassroots.Web;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Grassroots.Features.Accounts;

public sealed record LoginRequest(string? UserName, string? Password);

/// <summary>Bearer tokens for programs: POST /api/v1/auth/login → {"accessToken", "expiresIn", …}; then "Authorization: Bearer …".</summary>
public static class AuthApi
{
    public const string LoginRateLimit = "login";

    public static RouteGroupBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/auth").WithTags("Đăng nhập");
        group.MapPost("/login", Login).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(LoginRateLimit)
            .WithSummary("Đăng nhập, nhận mã truy cập (Bearer) cho các lời gọi /api/v1")
            .WithDescription("Trả về {\"tokenType\":\"Bearer\",\"accessToken\":\"…\",\"expiresIn\":3600,\"refreshToken\":\"…\"}; gửi kèm tiêu đề Authorization: Bearer <accessToken>.");
        return group;
    }

    private static async Task<Results<SignInHttpResult, ProblemHttpResult>> Login(LoginRequest body, SignIn signIn, CancellationToken ct)
    {
        var result = await signIn.CheckAsync(body.UserName, body.Password, ct);
        if (!result.Succeeded) return result.Errors.ToProblem();
        return TypedResults.SignIn(result.Value!, authenticationScheme: IdentityConstants.BearerScheme);
    }
}
