using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Documents;
using Grassroots.Features.Accounts;
using Grassroots.Features.Training.Completion;
using Grassroots.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Grassroots.Features.Training.Certificates;

public sealed record RevokeRequest(int? Version, string? Reason);

public sealed record IssueResponse(string Message, int AlreadyIssued, int Revoked, IReadOnlyList<CertificateRow> Issued);

/// <summary>Certificates of completion: list and issue per course, one certificate, PDFs, revoking, and the public verification by code.</summary>
public static class CertificatesApi
{
    public static RouteGroupBuilder MapCertificatesApi(this IEndpointRouteBuilder app)
    {
        var course = app.MapGroup("/api/v1/training/courses/{id:int}").WithTags("Giấy chứng nhận").RequirePermission(Permission.ViewPeople);
        course.MapGet("/certificates", List).WithSummary("Giấy chứng nhận đã cấp của lớp (theo số)");
        course.MapPost("/certificates", Issue).RequirePermission(Permission.ManageCourses)
            .WithSummary("Cấp giấy chứng nhận cho mọi học viên hoàn thành chưa có giấy; số tiếp theo trong sổ của đơn vị tổ chức năm cấp");
        course.MapGet("/certificates/pdf", CoursePdf).WithSummary("Mọi giấy chứng nhận còn hiệu lực của lớp (classId: của một lớp học) trong một tệp PDF để in")
            .Produces(StatusCodes.Status200OK, contentType: CertificatePdf.ContentType);
        var one = app.MapGroup("/api/v1/training/certificates").WithTags("Giấy chứng nhận").RequirePermission(Permission.ViewPeople);
        one.MapGet("/{id:int}", Get).WithSummary("Một giấy chứng nhận");
        one.MapGet("/{id:int}/pdf", Pdf).WithSummary("Giấy chứng nhận (PDF, có mã QR xác minh)").Produces(StatusCodes.Status200OK, contentType: CertificatePdf.ContentType);
        one.MapPost("/{id:int}/revoke", Revoke).RequirePermission(Permission.ManageCourses).WithSummary("Thu hồi giấy chứng nhận (version, reason)");
        app.MapGet("/api/v1/training/certificates/verify/{code}", Verify).WithTags("Giấy chứng nhận").AllowAnonymous().RequireRateLimiting(RateLimits.Public)
            .WithSummary("Xác minh giấy chứng nhận theo mã (công khai): họ tên che bớt, năm sinh, lớp, đơn vị tổ chức, số, ngày cấp, đã thu hồi hay chưa");
        return course;
    }

    /// <summary>The address QR codes point at: this server as the caller reached it.</summary>
    public static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    private static async Task<Results<Ok<List<CertificateRow>>, ProblemHttpResult>> List(AppDb db, int id, CancellationToken ct) =>
        await Enrolments.EnrolmentQueries.CourseAsync(db, id, ct) is null
            ? CompletionRules.CourseNotFound().ToProblem()
            : TypedResults.Ok(await CertificateQueries.ListAsync(db, id, ct));

    private static async Task<Results<Ok<IssueResponse>, ProblemHttpResult>> Issue(AppDb db, IssueCertificates useCase, int id, CancellationToken ct)
    {
        var result = await useCase.RunAsync(id, ct);
        if (!result.Succeeded) return result.Errors.ToProblem();
        var issued = result.Value!;
        var ids = issued.Issued.Select(c => c.Id).ToHashSet();
        var rows = (await CertificateQueries.ListAsync(db, id, ct)).Where(r => ids.Contains(r.Id)).ToList();
        return TypedResults.Ok(new IssueResponse(issued.Message, issued.AlreadyIssued, issued.Revoked, rows));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> CoursePdf(HttpRequest request, AppDb db, int id, int? classId, CancellationToken ct)
    {
        if (await Enrolments.EnrolmentQueries.CourseAsync(db, id, ct) is null) return CompletionRules.CourseNotFound().ToProblem();
        var query = db.Certificates.Where(c => c.CourseId == id && (classId == null || c.Enrolment!.ClassId == classId));
        var documents = await CertificateQueries.DocumentsAsync(db, query, BaseUrl(request), ct);
        if (documents.Count == 0) return new Error("no_certificates", "Lớp chưa có giấy chứng nhận nào còn hiệu lực để in.", Kind: ErrorKind.NotFound).ToProblem();
        return TypedResults.File(CertificateQueries.Pdf(documents), CertificatePdf.ContentType, $"giay-chung-nhan-lop-{id}.pdf");
    }

    private static async Task<Results<Ok<CertificateRow>, ProblemHttpResult>> Get(AppDb db, int id, CancellationToken ct) =>
        await CertificateQueries.RowAsync(db, id, ct) is { } row ? TypedResults.Ok(row) : Error.NotFound("giấy chứng nhận này").ToProblem();

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Pdf(HttpRequest request, AppDb db, int id, CancellationToken ct)
    {
        if (await CertificateQueries.RowAsync(db, id, ct) is not { } row) return Error.NotFound("giấy chứng nhận này").ToProblem();
        if (row.Revoked) return new Error("certificate_revoked", $"Giấy chứng nhận số {row.Number} đã bị thu hồi; không in được.", Kind: ErrorKind.Conflict).ToProblem();
        var documents = await CertificateQueries.DocumentsAsync(db, db.Certificates.Where(c => c.Id == id), BaseUrl(request), ct);
        return TypedResults.File(CertificateQueries.Pdf(documents), CertificatePdf.ContentType, $"giay-chung-nhan-{row.Id}.pdf");
    }

    private static async Task<Results<Ok<CertificateRow>, ProblemHttpResult>> Revoke(AppDb db, RevokeCertificate useCase, int id, RevokeRequest body, CancellationToken ct)
    {
        if (body.Version is not { } version) return new Error("version_required", "Cần trường version (phiên bản đang sửa).", "version").ToProblem();
        var result = await useCase.RunAsync(new RevokeCertificateInput(id, version, body.Reason), ct);
        return result.Succeeded ? TypedResults.Ok((await CertificateQueries.RowAsync(db, id, ct))!) : result.Errors.ToProblem();
    }

    private static async Task<Results<Ok<CertificateCheck>, ProblemHttpResult>> Verify(HttpContext context, AppDb db, string code, CancellationToken ct)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        return await CertificateQueries.VerifyAsync(db, code, ct) is { } check
            ? TypedResults.Ok(check)
            : new Error("certificate_not_found", "Không tìm thấy giấy chứng nhận", "code", ErrorKind.NotFound).ToProblem();
    }
}
