using Grassroots.Features.Units.Import;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Grassroots.Web;

/// <summary>
/// The largest request body the app reads: <c>Grassroots:Limits:MaxRequestBytes</c> (default 10 MB), above the import
/// limit <c>Grassroots:Import:MaxBytes</c> so that a full-size import file fits. Kestrel enforces it while reading; a
/// declared Content-Length over it is refused before anything reads the body: 413 (ProblemDetails with code
/// payload_too_large on the API, the Vietnamese error page otherwise). A body without a declared length that grows past
/// the limit is cut off by Kestrel: 413 ProblemDetails on the API; a page's antiforgery check, which reads the form
/// first, answers 400 (browsers always declare a form's length).
/// </summary>
public static class RequestLimits
{
    public const long DefaultMaxRequestBytes = 10 * 1024 * 1024;

    public static long MaxRequestBytes(IConfiguration config) => config.GetValue("Grassroots:Limits:MaxRequestBytes", DefaultMaxRequestBytes);

    public static void AddRequestLimits(this IServiceCollection services, IConfiguration config)
    {
        var max = MaxRequestBytes(config);
        var import = config.GetValue<long?>("Grassroots:Import:MaxBytes") ?? ImportUnits.DefaultMaxBytes;
        if (max <= import)
            throw new InvalidOperationException(
                $"Grassroots:Limits:MaxRequestBytes ({max}) must be larger than Grassroots:Import:MaxBytes ({import}), or no import file of the allowed size could be uploaded.");
        services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = max);
        services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = max);
    }

    /// <summary>After the error handling, so that the API's 413 becomes a ProblemDetails with code payload_too_large.</summary>
    public static void UseRequestLimits(this WebApplication app)
    {
        var max = MaxRequestBytes(app.Configuration);
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            // The error page shown for a refused request comes through here again, with the same Content-Length.
            var reExecuted = context.Features.Get<IStatusCodeReExecuteFeature>() is not null || context.Features.Get<IExceptionHandlerFeature>() is not null;
            if (request.ContentLength > max && !reExecuted)
            {
                if (request.IsApi()) throw TooLarge();
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge; // the status page explains
                return;
            }
            await next(context);
            // An endpoint that caught Kestrel's 413 itself (minimal API body binding does) and answered without a body.
            if (context.Response.StatusCode == StatusCodes.Status413PayloadTooLarge && request.IsApi() && !context.Response.HasStarted && context.Response.ContentType is null)
                throw TooLarge();
        });
    }

    private static Microsoft.AspNetCore.Http.BadHttpRequestException TooLarge() =>
        new("Request body too large.", StatusCodes.Status413PayloadTooLarge);
}
