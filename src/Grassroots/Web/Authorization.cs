using System.Security.Claims;
using Grassroots.Data;
using Grassroots.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Web;

/// <summary>A page or endpoint needs this permission (in some scope); which records it reaches is up to AppDb's filters.</summary>
public sealed class RequirePermissionAttribute : AuthorizeAttribute
{
    public RequirePermissionAttribute(Permission permission) => Policy = Permissions.PolicyName(permission);
}

public sealed record PermissionRequirement(Permission Permission) : IAuthorizationRequirement;

/// <summary>Grants the permission when the signed-in user holds it through any of their grants.</summary>
public sealed class PermissionHandler : AuthorizationHandler<PermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        var http = context.Resource as HttpContext ?? (context.Resource as Microsoft.AspNetCore.Mvc.Filters.AuthorizationFilterContext)?.HttpContext;
        if (http?.RequestServices.GetRequiredService<CurrentAccess>() is { IsAuthenticated: true } access && access.Has(requirement.Permission))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

public static class AuthorizationSetup
{
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, Permission permission) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(Permissions.PolicyName(permission));

    public static void AddPermissionPolicies(this AuthorizationOptions options)
    {
        foreach (var permission in Enum.GetValues<Permission>())
            options.AddPolicy(Permissions.PolicyName(permission), p => p.RequireAuthenticatedUser().AddRequirements(new PermissionRequirement(permission)));
        // Anything that forgot to say who may use it needs at least a signed-in user (and fails the route matrix test).
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }

    /// <summary>After authentication: load the signed-in user's grants into this request's <see cref="CurrentAccess"/>.</summary>
    public static void UseCurrentAccess(this WebApplication app) => app.Use(async (context, next) =>
    {
        var access = context.RequestServices.GetRequiredService<CurrentAccess>();
        access.IpAddress = context.Connection.RemoteIpAddress?.ToString();
        if (context.User.Identity?.IsAuthenticated == true && int.TryParse(context.User.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            await using var systemDb = new AppDb(context.RequestServices.GetRequiredService<DbContextOptions<AppDb>>());
            var user = await context.RequestServices.GetRequiredService<SignedInUsers>().GetAsync(userId, systemDb, context.RequestAborted);
            if (user is not null) access.SignIn(user);
            else context.User = new ClaimsPrincipal(new ClaimsIdentity()); // disabled or deleted meanwhile
        }
        await next();
    });

    public static void AddAccounts(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped(sp => sp.GetRequiredService<IHttpContextAccessor>().HttpContext is null ? CurrentAccess.System() : CurrentAccess.Anonymous());
        services.AddSingleton<IAuthorizationHandler, PermissionHandler>();
        services.AddSingleton<SignedInUsers>();
        services.AddAuthorization(o => o.AddPermissionPolicies());

        services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<AppDb>()
            .AddSignInManager()
            .AddErrorDescriber<VietnameseIdentityErrors>()
            .AddDefaultTokenProviders();

        const string smart = "Grassroots";
        services.AddAuthentication(smart)
            .AddPolicyScheme(smart, "Cookie or bearer", o => o.ForwardDefaultSelector = SelectScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(1))
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/dang-nhap";
            o.LogoutPath = "/dang-xuat";
            o.AccessDeniedPath = "/loi/403";
            o.Cookie.Name = "grassroots.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // Programs get status codes, people get the login page.
            o.Events.OnRedirectToLogin = c => Answer(c.HttpContext, c.RedirectUri, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = c => Answer(c.HttpContext, c.RedirectUri, StatusCodes.Status403Forbidden);
        });
    }

    /// <summary>
    /// A bearer token when one is sent; otherwise the cookie — except for API calls that change data, which must carry a
    /// token: a browser sends cookies on cross-site form posts, never a bearer header, so those calls are safe from CSRF.
    /// Pages' own forms are protected by antiforgery tokens.
    /// </summary>
    private static string SelectScheme(HttpContext context)
    {
        if (context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return IdentityConstants.BearerScheme;
        var safe = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method);
        return context.Request.IsApi() && !safe ? IdentityConstants.BearerScheme : IdentityConstants.ApplicationScheme;
    }

    private static Task Answer(HttpContext context, string redirectUri, int apiStatus)
    {
        if (context.Request.IsApi()) context.Response.StatusCode = apiStatus;
        else context.Response.Redirect(redirectUri);
        return Task.CompletedTask;
    }
}
