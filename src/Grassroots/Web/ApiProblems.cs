using Grassroots.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Grassroots.Web;

/// <summary>The one place where expected failures become HTTP: ProblemDetails with a stable <c>code</c>.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult ToProblem(this IReadOnlyList<Error> errors)
    {
        var first = errors[0];
        var status = first.Kind switch
        {
            ErrorKind.NotFound => StatusCodes.Status404NotFound,
            ErrorKind.Conflict => StatusCodes.Status409Conflict,
            ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
            _ => StatusCodes.Status400BadRequest,
        };
        var extensions = new Dictionary<string, object?>
        {
            ["code"] = first.Code,
            ["errors"] = errors.Select(e => new { e.Code, e.Message, e.Field, e.Rule }).ToList(),
        };
        return TypedResults.Problem(detail: first.Message, statusCode: status, title: Title(status), extensions: extensions);
    }

    public static ProblemHttpResult ToProblem(this Error error) => ToProblem([error]);

    public static string Title(int status) => status switch
    {
        400 => "Dữ liệu không hợp lệ",
        401 => "Chưa đăng nhập",
        403 => "Không có quyền",
        404 => "Không tìm thấy",
        409 => "Xung đột dữ liệu",
        413 => "Tệp quá lớn",
        _ => "Lỗi hệ thống",
    };
}
