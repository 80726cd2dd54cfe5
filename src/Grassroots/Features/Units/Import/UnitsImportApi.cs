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

    private static FileContentHttpResult Template() => ImportResults.Workbook(UnitSheet.WriteTemplate, UnitSheet.TemplateFileName);

    private static Task<Results<Ok<ImportReport>, ProblemHttpResult>> Import(IFormFile? file, bool? dryRun, ImportUnits import, CancellationToken ct) =>
        ImportResults.RunAsync(file, dryRun, import.MaxBytes, import.RunAsync, ct);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Export(string? commune, string? asOf, ExportUnits export, TimeProvider time, CancellationToken ct)
    {
        var date = VietnamTime.ParseAsOf(asOf, time);
        if (!date.Succeeded) return date.Errors.ToProblem();
        using var buffer = new MemoryStream();
        var result = await export.RunAsync(commune, date.Value, buffer, ct);
        if (!result.Succeeded) return result.Errors.ToProblem();
        return TypedResults.File(buffer.ToArray(), XlsxWriter.ContentType, result.Value!.FileName);
    }
}
