using Grassroots.Features.Accounts;
using Grassroots.Common;
using Grassroots.Documents;
using Grassroots.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Grassroots.Features.Units.Import;

/// <summary>The residential-unit list as a spreadsheet: template, import (with dry run) and export.</summary>
public static class UnitsImportApi
{
    public static RouteGroupBuilder MapUnitsImportApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/residential-units").WithTags("Thôn, tổ dân phố").RequirePermission(Permission.ViewUnits);
        group.MapGet("/import/template", Template).WithSummary("Tệp mẫu .xlsx để nhập danh sách thôn, tổ dân phố")
            .Produces(StatusCodes.Status200OK, contentType: XlsxWriter.ContentType);
        // Accounts and their antiforgery come with a later issue; until then the endpoint takes plain multipart posts.
        group.MapPost("/import", Import).DisableAntiforgery().RequirePermission(Permission.EditUnits)
            .WithSummary("Nhập danh sách từ .xlsx/.csv (trường \"file\"); dryRun=true chỉ kiểm tra. Có lỗi thì không dòng nào được ghi.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapGet("/export", Export).WithSummary("Xuất danh sách thôn, tổ dân phố của một xã/phường tại một ngày ra .xlsx")
            .Produces(StatusCodes.Status200OK, contentType: XlsxWriter.ContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static FileContentHttpResult Template()
    {
        using var buffer = new MemoryStream();
        UnitSheet.WriteTemplate(buffer);
        return TypedResults.File(buffer.ToArray(), XlsxWriter.ContentType, UnitSheet.TemplateFileName);
    }

    private static async Task<Results<Ok<ImportReport>, ProblemHttpResult>> Import(IFormFile? file, bool? dryRun, ImportUnits import, CancellationToken ct)
    {
        if (file is null)
            return new Error("file_required", "Chưa chọn tệp: gửi tệp .xlsx hoặc .csv trong trường \"file\" (multipart/form-data).", "file").ToProblem();
        if (file.Length > import.MaxBytes)
            return Problem(ImportReport.Failed(dryRun ?? false, ImportUnits.TooLarge(import.MaxBytes)));
        await using var stream = file.OpenReadStream();
        var report = await import.RunAsync(stream, dryRun ?? false, ct);
        return report.Succeeded ? TypedResults.Ok(report) : Problem(report);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Export(string? commune, string? asOf, ExportUnits export, TimeProvider time, CancellationToken ct)
    {
        var date = VietnamTime.ParseAsOf(asOf, time);
        if (!date.Succeeded) return date.Errors.ToProblem();
        using var buffer = new MemoryStream();
        var result = await export.RunAsync(commune, date.Value, buffer, ct);
        if (!result.Succeeded) return result.Errors.ToProblem();
        return TypedResults.File(buffer.ToArray(), XlsxWriter.ContentType, result.Value!.FileName);
    }

    /// <summary>A file-level error keeps its own code (413 for a file too large); row errors are "import_invalid" with every row in "rows".</summary>
    private static ProblemHttpResult Problem(ImportReport report)
    {
        var error = report.FileError ?? new Error("import_invalid",
            $"Tệp có {report.Errors.Count} lỗi ở {report.Errors.Select(e => e.Row).Distinct().Count()} dòng; không dòng nào được ghi.");
        var problem = error.ToProblem();
        if (error.Code == "file_too_large")
            problem = TypedResults.Problem(detail: error.Message, statusCode: StatusCodes.Status413PayloadTooLarge,
                title: ApiProblems.Title(StatusCodes.Status413PayloadTooLarge), extensions: new Dictionary<string, object?> { ["code"] = error.Code });
        problem.ProblemDetails.Extensions["rows"] = report.Errors;
        return problem;
    }
}
