using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Units;

public sealed record AdminUnitList(DateOnly AsOf, int Total, IReadOnlyList<AdminUnitRow> Items);

public sealed record LineageLink(AdminUnitRow Unit, AdminLineageKind Kind, DateOnly Date, bool PredecessorSplit, string? Note);

public sealed record AdminUnitLineageView(AdminUnitRow Unit, IReadOnlyList<LineageLink> Predecessors, IReadOnlyList<LineageLink> Successors);

/// <summary>The public, read-only catalog API.</summary>
public static class AdminUnitsApi
{
    public static RouteGroupBuilder MapAdminUnitsApi(this IEndpointRouteBuilder app)
    {
        // The catalog is public data.
        var group = app.MapGroup("/api/v1/admin-units").WithTags("Danh mục đơn vị hành chính").AllowAnonymous().RequireRateLimiting(RateLimits.Public);
        group.MapGet("/", List).WithSummary("Danh sách đơn vị hành chính tại một ngày (mặc định hôm nay)");
        group.MapGet("/{code}", Get).WithSummary("Một đơn vị hành chính theo mã, tại một ngày");
        group.MapGet("/{code}/lineage", Lineage).WithSummary("Đơn vị tiền thân và kế thừa (sắp xếp năm 2025)");
        return group;
    }

    private static async Task<Results<Ok<AdminUnitList>, ProblemHttpResult>> List(
        AppDb db, TimeProvider time, string? level, string? parent, string? q, string? asOf, CancellationToken ct)
    {
        var date = VietnamTime.ParseAsOf(asOf, time);
        if (!date.Succeeded) return date.Errors.ToProblem();
        AdminLevel? lvl = null;
        if (!string.IsNullOrWhiteSpace(level))
        {
            if (!Enum.TryParse<AdminLevel>(level, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
                return new Error("invalid_level", $"Cấp \"{level}\" không hợp lệ: dùng province, district hoặc commune.", "level").ToProblem();
            lvl = parsed;
        }
        AdminUnit? parentUnit = null;
        if (!string.IsNullOrWhiteSpace(parent))
        {
            parentUnit = await db.FindByCodeAsync(parent.Trim(), date.Value, ct);
            if (parentUnit is null)
                return new Error("parent_not_found", $"Không có đơn vị hành chính mã {parent} vào ngày {VietnameseText.FormatDate(date.Value)}.", "parent", ErrorKind.NotFound).ToProblem();
        }
        var rows = await AdminUnitQueries.ListAsync(db, lvl, parentUnit, q, date.Value, ct);
        return TypedResults.Ok(new AdminUnitList(date.Value, rows.Count, rows));
    }

    private static async Task<Results<Ok<AdminUnitRow>, ProblemHttpResult>> Get(AppDb db, TimeProvider time, string code, string? asOf, CancellationToken ct)
    {
        var date = VietnamTime.ParseAsOf(asOf, time);
        if (!date.Succeeded) return date.Errors.ToProblem();
        var unit = await db.FindByCodeAsync(code, date.Value, ct);
        if (unit is null) return NotFound(code, date.Value).ToProblem();
        return TypedResults.Ok(AdminUnitQueries.ToRow(unit, unit.Parent?.Code, unit.Parent?.FullName, date.Value));
    }

    private static async Task<Results<Ok<AdminUnitLineageView>, ProblemHttpResult>> Lineage(AppDb db, TimeProvider time, string code, string? asOf, CancellationToken ct)
    {
        var date = VietnamTime.ParseAsOf(asOf, time);
        if (!date.Succeeded) return date.Errors.ToProblem();
        var unit = await db.FindByCodeAsync(code, date.Value, ct);
        if (unit is null) return NotFound(code, date.Value).ToProblem();
        var links = await db.AdminUnitLineages.AsNoTracking()
            .Where(l => l.SuccessorId == unit.Id || l.PredecessorId == unit.Id)
            .Include(l => l.Predecessor).ThenInclude(p => p!.TypeChanges).Include(l => l.Predecessor).ThenInclude(p => p!.Parent)
            .Include(l => l.Successor).ThenInclude(s => s!.TypeChanges).Include(l => l.Successor).ThenInclude(s => s!.Parent)
            .AsSplitQuery()
            .ToListAsync(ct);

        LineageLink Link(AdminUnitLineage l, AdminUnit? other) => new(
            other is null
                ? new AdminUnitRow("", l.Note ?? "", l.Note ?? "", AdminLevel.Commune, AdminUnitType.Commune, "", unit.ProvinceCode, null, null, null, null, null)
                : AdminUnitQueries.ToRow(other, other.Parent?.Code, other.Parent?.FullName, other.ValidTo ?? date.Value),
            l.Kind, l.EffectiveDate, l.PredecessorSplit, l.Note);

        var predecessors = links.Where(l => l.SuccessorId == unit.Id).Select(l => Link(l, l.Predecessor))
            .OrderBy(l => l.Unit.Code, StringComparer.Ordinal).ToList();
        var successors = links.Where(l => l.PredecessorId == unit.Id).Select(l => Link(l, l.Successor))
            .OrderBy(l => l.Unit.Code, StringComparer.Ordinal).ToList();
        return TypedResults.Ok(new AdminUnitLineageView(
            AdminUnitQueries.ToRow(unit, unit.Parent?.Code, unit.Parent?.FullName, date.Value), predecessors, successors));
    }

    private static Error NotFound(string code, DateOnly date) =>
        new("admin_unit_not_found", $"Không có đơn vị hành chính mã {code} vào ngày {VietnameseText.FormatDate(date)}.", Kind: ErrorKind.NotFound);
}
