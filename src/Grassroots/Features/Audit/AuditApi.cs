using System.Globalization;
using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Documents;
using Grassroots.Features.Accounts;
using Grassroots.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Audit;

/// <summary>
/// The audit trail, read-only: a filtered list (newest first, keyset pages) and an .xlsx export. There is deliberately
/// no endpoint that changes or deletes audit records.
/// </summary>
public static class AuditApi
{
    private static readonly XlsxColumn[] Columns =
    [
        new("Thời điểm", 20, XlsxFormat.Text), new("Người thực hiện", 20), new("Địa chỉ IP", 16, XlsxFormat.Text), new("Việc", 28),
        new("Dữ liệu", 24), new("Mã", 12, XlsxFormat.Text), new("Mã tỉnh", 8, XlsxFormat.Text), new("Nội dung", 40, XlsxFormat.Wrap),
        new("Thay đổi", 70, XlsxFormat.Wrap),
    ];

    public static RouteGroupBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/audit").WithTags("Nhật ký thay đổi").RequirePermission(Permission.ViewAudit);
        group.MapGet("", List)
            .WithSummary("Nhật ký thay đổi, mới nhất trước; lọc theo người dùng, loại dữ liệu, mã bản ghi, khoảng ngày, tỉnh, xã")
            .WithDescription("Trả về {\"items\": […], \"nextBefore\": id}; trang sau: thêm before=<nextBefore>. limit từ 1 đến 200 (mặc định 50). Ngày theo giờ Việt Nam, tính cả hai đầu.");
        group.MapGet("/export", Export)
            .WithSummary($"Xuất nhật ký thay đổi ra .xlsx (cùng bộ lọc; tối đa {AuditQueries.MaxExportRows:N0} dòng mới nhất)")
            .Produces(StatusCodes.Status200OK, contentType: XlsxWriter.ContentType);
        return group;
    }

    private static async Task<Results<Ok<AuditPage>, ProblemHttpResult>> List(
        AppDb db, string? user, int? userId, string? entity, string? entityId, string? from, string? to, string? province, string? commune,
        string? before, string? limit, CancellationToken ct)
    {
        var filter = AuditFilter.Parse(user, userId, entity, entityId, from, to, province, commune);
        if (!filter.Succeeded) return filter.Errors.ToProblem();
        var cursor = Cursor(before);
        if (!cursor.Succeeded) return cursor.Errors.ToProblem();
        var size = AuditQueries.DefaultLimit;
        if (!string.IsNullOrWhiteSpace(limit) &&
            (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > AuditQueries.MaxLimit))
            return new Error("invalid_limit", $"limit phải là số từ 1 đến {AuditQueries.MaxLimit}.", "limit").ToProblem();
        return TypedResults.Ok(await AuditQueries.PageAsync(db, filter.Value!, cursor.Value, size, ct));
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Export(
        AppDb db, TimeProvider time, string? user, int? userId, string? entity, string? entityId, string? from, string? to,
        string? province, string? commune, CancellationToken ct)
    {
        var filter = AuditFilter.Parse(user, userId, entity, entityId, from, to, province, commune);
        if (!filter.Succeeded) return filter.Errors.ToProblem();
        // The workbook is written to a temporary file (OpenXml writes synchronously), then streamed out; rows stream from the database.
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        try
        {
            await WriteAsync(db, filter.Value!, file, ct);
            file.Position = 0;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
        var name = $"nhat-ky-{time.Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.xlsx";
        return TypedResults.File(file, XlsxWriter.ContentType, name);
    }

    private static async Task WriteAsync(AppDb db, AuditFilter filter, Stream output, CancellationToken ct)
    {
        var reveal = AuditQueries.RevealsPersonal(db.Access);
        using var xlsx = new XlsxWriter(output);
        using var sheet = xlsx.AddSheet("Nhật ký", Columns);
        var count = 0;
        await foreach (var e in db.Matching(filter).Take(AuditQueries.MaxExportRows + 1).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (++count > AuditQueries.MaxExportRows)
            {
                sheet.WriteRow(XlsxCell.Bold($"Chỉ xuất {VietnameseText.FormatNumber(AuditQueries.MaxExportRows)} dòng mới nhất; hãy thu hẹp bộ lọc (khoảng ngày, xã) để xuất phần còn lại."));
                break;
            }
            var row = AuditRow.From(e, reveal);
            sheet.WriteRow(AuditNames.Time(row.At), row.UserName, row.IpAddress, AuditNames.What(row.Action, row.Operation),
                AuditNames.Entity(row.EntityType), row.EntityId, row.ProvinceCode, XlsxCell.Paragraph(row.Summary),
                XlsxCell.Paragraph(string.Join("\n", AuditNames.Changes(row.Changes))));
        }
    }

    private static Result<long?> Cursor(string? before)
    {
        if (string.IsNullOrWhiteSpace(before)) return Result<long?>.Ok(null);
        return long.TryParse(before, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? Result<long?>.Ok(id)
            : new Error("invalid_cursor", "before phải là mã (số) của một dòng nhật ký, lấy từ nextBefore của trang trước.", "before");
    }
}
