using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Shared;

[IgnoreAntiforgeryToken]
[Microsoft.AspNetCore.Authorization.AllowAnonymous]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "";
    public string Message { get; private set; } = "";

    public void OnGet(int? status) => Set(status);

    public void OnPost(int? status) => Set(status);

    private void Set(int? status)
    {
        var code = status ?? 500;
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is not null)
            code = Response.StatusCode; // re-executed after an exception: the handler chose the status
        else if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null && status is not null)
            Response.StatusCode = code;
        (Title, Message) = code switch
        {
            404 => ("Không tìm thấy", "Trang hoặc dữ liệu bạn tìm không có, hoặc bạn không có quyền xem."),
            403 => ("Không có quyền", "Bạn không có quyền thực hiện việc này."),
            400 => ("Yêu cầu không hợp lệ", "Dữ liệu gửi lên không hợp lệ."),
            413 => ("Tệp quá lớn", "Tệp hoặc dữ liệu gửi lên vượt quá giới hạn cho phép."),
            _ => ("Đã có lỗi", "Đã có lỗi hệ thống; lỗi đã được ghi lại. Vui lòng thử lại sau."),
        };
    }
}
