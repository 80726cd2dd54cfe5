using Grassroots.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Grassroots.Web;

/// <summary>
/// Bugs throw and are caught here, once: API callers get a ProblemDetails with a stable code, people get a
/// Vietnamese error page. Status codes without a body (404, 405 …) get the same treatment.
/// </summary>
public static class ErrorHandling
{
    public static bool IsApi(this HttpRequest request) => request.Path.StartsWithSegments("/api");

    public static void UseErrorHandling(this WebApplication app)
    {
        app.UseWhen(c => c.Request.IsApi(), api =>
        {
            api.UseExceptionHandler(e => e.Run(WriteApiException));
            api.UseStatusCodePages(async ctx =>
            {
                var status = ctx.HttpContext.Response.StatusCode;
                var code = status switch { 400 => "bad_request", 413 => "payload_too_large", 404 => "not_found", 405 => "method_not_allowed", 401 => "unauthorized", 403 => "forbidden", 415 => "unsupported_media_type", _ => "http_" + status };
                await Problem(new Error(code, ApiProblems.Title(status)), status).ExecuteAsync(ctx.HttpContext);
            });
        });
        app.UseWhen(c => !c.Request.IsApi(), pages =>
        {
            pages.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/loi/500",
                // A write outside the user's scope looks exactly like a record that does not exist.
                StatusCodeSelector = e => e is Features.Accounts.OutOfScopeException ? StatusCodes.Status404NotFound : StatusCodes.Status500InternalServerError,
            });
            pages.UseStatusCodePagesWithReExecute("/loi/{0}");
        });
    }

    private static async Task WriteApiException(HttpContext context)
    {
        var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var (status, error) = exception switch
        {
            Features.Accounts.OutOfScopeException => (404, Error.NotFound("dữ liệu")),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                (413, new Error("payload_too_large", "Dữ liệu gửi lên vượt quá giới hạn cho phép.")),
            BadHttpRequestException bad => (bad.StatusCode, new Error("bad_request",
                "Yêu cầu không hợp lệ: dữ liệu gửi lên không đọc được (sai cú pháp JSON, sai kiểu dữ liệu hoặc thiếu tham số). Chi tiết: " + bad.Message.Split('\n')[0])),
            _ => (500, new Error("internal_error", "Đã có lỗi hệ thống; lỗi đã được ghi lại. Vui lòng thử lại sau.")),
        };
        if (status == 500)
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Grassroots.Errors")
                .LogError(exception, "Unhandled exception for {Method} {Path}", context.Request.Method, context.Request.Path);
        context.Response.StatusCode = status;
        await Problem(error, status).ExecuteAsync(context);
    }

    private static ProblemHttpResult Problem(Error error, int status) =>
        TypedResults.Problem(detail: error.Message, statusCode: status, title: ApiProblems.Title(status),
            extensions: new Dictionary<string, object?> { ["code"] = error.Code });
}
