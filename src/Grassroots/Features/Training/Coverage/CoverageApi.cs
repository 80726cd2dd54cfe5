using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Documents;
using Grassroots.Features.Accounts;
using Grassroots.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Grassroots.Features.Training.Coverage;

/// <summary>Training coverage as JSON and .xlsx: the breakdown, the holders not yet trained, the export.</summary>
public static class CoverageApi
{
    public static RouteGroupBuilder MapCoverageApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/training/coverage").WithTags("Bồi dưỡng").RequirePermission(Permission.ViewReports);
        group.MapGet("/", Report).WithSummary("Độ bao phủ: người giữ chức danh (position) tại ngày (asOf) đã hoàn thành lớp của chương trình (programmeId) trong nhiệm kỳ — theo tỉnh, xã hoặc thôn");
        group.MapGet("/untrained", Untrained).WithSummary("Người giữ chức danh chưa được bồi dưỡng trong nhiệm kỳ (limit, mặc định 1000)");
        group.MapGet("/export", Export).WithSummary("Xuất độ bao phủ và danh sách chưa bồi dưỡng ra .xlsx")
            .Produces(StatusCodes.Status200OK, contentType: XlsxWriter.ContentType);
        return group;
    }

    public sealed record CoverageResponse(DateOnly AsOf, string PlaceName, string? PlaceCode, CoverageLevel RowsBy, IReadOnlyList<string> Positions,
        int? ProgrammeId, CoverageRow Total, IReadOnlyList<CoverageRow> Rows);

    private static async Task<Results<Ok<CoverageResponse>, ProblemHttpResult>> Report(HttpRequest request, AppDb db, TimeProvider time, CancellationToken ct)
    {
        var question = await CoverageRequest.ParseAsync(db, request.Query, time, ct);
        if (!question.Succeeded) return question.Errors.ToProblem();
        var r = await CoverageQueries.ReportAsync(db, question.Value!, ct);
        var q = question.Value!;
        return TypedResults.Ok(new CoverageResponse(q.AsOf, r.PlaceName, q.Place?.Code, r.RowsBy, [.. q.Positions.Select(p => p.ToString())], q.ProgrammeId, r.Total, r.Rows));
    }

    private static async Task<Results<Ok<List<UntrainedRow>>, ProblemHttpResult>> Untrained(HttpRequest request, AppDb db, TimeProvider time, int? limit, CancellationToken ct)
    {
        var question = await CoverageRequest.ParseAsync(db, request.Query, time, ct);
        if (!question.Succeeded) return question.Errors.ToProblem();
        return TypedResults.Ok(await CoverageQueries.UntrainedAsync(db, question.Value!, Math.Clamp(limit ?? 1000, 1, 100_000), ct));
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Export(HttpRequest request, AppDb db, TimeProvider time, CancellationToken ct)
    {
        var question = await CoverageRequest.ParseAsync(db, request.Query, time, ct);
        if (!question.Succeeded) return question.Errors.ToProblem();
        var (result, file) = await SpoolFile.WriteAsync(async output => Result<string>.Ok(await ExportCoverage.WriteAsync(db, question.Value!, output, ct)));
        return TypedResults.Stream(file!, XlsxWriter.ContentType, result.Value!);
    }
}
