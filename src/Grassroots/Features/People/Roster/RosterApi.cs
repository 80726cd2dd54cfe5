using Grassroots.Common;
using Grassroots.Documents;
using Grassroots.Features.Accounts;
using Grassroots.Features.Units;
using Grassroots.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Grassroots.Features.People.Roster;

/// <summary>The leader roster as a spreadsheet: template, import (with dry run) and export as of a date.</summary>
public static class RosterApi
{
    public static RouteGroupBuilder MapRosterApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/tenures").WithTags("Chức danh, nhiệm kỳ").RequirePermission(Permission.ViewPeople);
        group.MapGet("/import/template", Template).WithSummary("Tệp mẫu .xlsx để nhập danh sách người giữ chức danh ở thôn, tổ dân phố")
            .Produces(StatusCodes.Status200OK, contentType: XlsxWriter.ContentType);
        group.MapPost("/import", Import).DisableAntiforgery().RequirePermission(Permission.EditPeople)
            .WithSummary("Nhập danh sách từ .xlsx/.csv (trường \"file\"), mỗi người mỗi chức danh một dòng; dryRun=true chỉ kiểm tra. Có lỗi thì không dòng nào được ghi.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapGet("/export", Export)
            .WithSummary("Xuất ra .xlsx người giữ chức danh tại một ngày trong một xã/phường (commune) hoặc tỉnh (province), với các bộ lọc của danh sách")
            .Produces(StatusCodes.Status200OK, contentType: XlsxWriter.ContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static FileContentHttpResult Template() => ImportResults.Workbook(RosterSheet.WriteTemplate, RosterSheet.TemplateFileName);

    private static Task<Results<Ok<ImportReport>, ProblemHttpResult>> Import(IFormFile? file, bool? dryRun, ImportRoster import, CancellationToken ct) =>
        ImportResults.RunAsync(file, dryRun, import.MaxBytes, import.RunAsync, ct);

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Export(HttpRequest request, string? commune, string? province, string? asOf,
        ExportRoster export, TimeProvider time, CancellationToken ct)
    {
        var date = VietnamTime.ParseAsOf(asOf, time);
        if (!date.Succeeded) return date.Errors.ToProblem();
        var (level, code) = string.IsNullOrWhiteSpace(commune) ? (AdminLevel.Province, province) : (AdminLevel.Commune, commune);
        if (string.IsNullOrWhiteSpace(code))
            return new Error("place_required", "Cần tham số commune (mã xã/phường) hoặc province (mã tỉnh).", "commune").ToProblem();
        var (result, file) = await SpoolFile.WriteAsync(output => export.RunAsync(level, code, date.Value, LeaderFilter.FromQuery(request.Query), output, ct));
        return file is null ? result.Errors.ToProblem() : TypedResults.Stream(file, XlsxWriter.ContentType, result.Value!.FileName);
    }
}
