using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Grassroots.Features.Units;

public sealed record UnitList(DateOnly AsOf, AdminUnitRow Commune, int Total, IReadOnlyList<UnitRow> Items);
public sealed record UnitWriteResult(UnitRow Unit, IReadOnlyList<RuleWarning> Warnings);
public sealed record UnitsWriteResult(IReadOnlyList<UnitRow> Units, IReadOnlyList<RuleWarning> Warnings);
public sealed record UnitHistory(UnitRow Unit, IReadOnlyList<UnitPeriodRow> Periods, IReadOnlyList<UnitHistoryEntry> Events);

public sealed record EstablishUnitRequest(
    string? CommuneCode, string? Name, UnitKind Kind, string? LocalLabel, DateOnly? EffectiveDate,
    int? HouseholdCount, int? Population, DateOnly? CountsAsOf, UnitClass? Classification, DecisionInput? Decision, string? Note);
public sealed record UpdateUnitRequest(int Version, int? HouseholdCount, int? Population, DateOnly? CountsAsOf, UnitClass? Classification, string? LocalLabel);
public sealed record ChangeRequest(int Version, DateOnly? EffectiveDate, DecisionInput? Decision, string? Note);
public sealed record RenameUnitRequest(int Version, DateOnly? EffectiveDate, string? NewName, DecisionInput? Decision, string? Note);
public sealed record ConvertUnitRequest(int Version, DateOnly? EffectiveDate, string? NewName, string? NewLocalLabel, DecisionInput? Decision, string? Note);
public sealed record MoveUnitRequest(int Version, DateOnly? EffectiveDate, string? TargetCommuneCode, string? NewName, UnitKind? NewKind, DecisionInput? Decision, string? Note);
public sealed record SplitUnitRequest(int Version, DateOnly? EffectiveDate, IReadOnlyList<SplitPart>? Parts, decimal? ApprovalPercent, DecisionInput? Decision, string? Note,
    IReadOnlyList<People.TenureTransfer>? Tenures = null);
public sealed record MergeUnitsRequest(
    IReadOnlyList<MergeSource>? Sources, DateOnly? EffectiveDate, bool AdjacencyConfirmed, int? IntoUnitId, string? NewName,
    UnitKind? NewKind, string? NewLocalLabel, int? HouseholdCount, int? Population, DecisionInput? Decision, string? Note,
    IReadOnlyList<People.TenureTransfer>? Tenures = null);

/// <summary>Residential units: list and read as of a date, establish, update, and record every dated change.</summary>
public static class UnitsApi
{
    public static RouteGroupBuilder MapUnitsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/residential-units").WithTags("Thôn, tổ dân phố").RequirePermission(Permission.ViewUnits);
        group.MapGet("/", List).WithSummary("Danh sách thôn, tổ dân phố của một xã/phường tại một ngày");
        group.MapGet("/{id:int}", Get).WithSummary("Một thôn/tổ dân phố tại một ngày");
        group.MapGet("/{id:int}/history", History).WithSummary("Lịch sử thay đổi");
        group.MapPost("/", Establish).RequirePermission(Permission.EditUnits).WithSummary("Thành lập");
        group.MapPut("/{id:int}", Update).RequirePermission(Permission.EditUnits).WithSummary("Cập nhật số hộ, nhân khẩu, phân loại, tên gọi địa phương");
        group.MapDelete("/{id:int}", Delete).RequirePermission(Permission.EditUnits).WithSummary("Xóa đơn vị nhập nhầm (chỉ khi chưa có lịch sử)");
        group.MapPost("/{id:int}/rename", Rename).RequirePermission(Permission.EditUnits).WithSummary("Đổi tên");
        group.MapPost("/{id:int}/convert", Convert).RequirePermission(Permission.EditUnits).WithSummary("Chuyển đổi thôn ↔ tổ dân phố");
        group.MapPost("/{id:int}/move", Move).RequirePermission(Permission.EditUnits).WithSummary("Chuyển sang xã/phường khác");
        group.MapPost("/{id:int}/dissolve", Dissolve).RequirePermission(Permission.EditUnits).WithSummary("Giải thể");
        group.MapPost("/{id:int}/split", Split).RequirePermission(Permission.EditUnits).WithSummary("Chia tách");
        group.MapPost("/merge", Merge).RequirePermission(Permission.EditUnits).WithSummary("Sáp nhập");
        return group;
    }

    private static Error DateRequired() => new("effective_date_required", "Chưa nhập ngày hiệu lực.", "effectiveDate");

    private static async Task<Results<Ok<UnitList>, ProblemHttpResult>> List(AppDb db, CurrentAccess access, TimeProvider time, string? commune, string? asOf, string? q, CancellationToken ct)
    {
        var date = VietnamTime.ParseAsOf(asOf, time);
        if (!date.Succeeded) return date.Errors.ToProblem();
        if (string.IsNullOrWhiteSpace(commune))
            return new Error("commune_required", "Cần tham số commune (mã xã/phường).", "commune").ToProblem();
        if (await db.FindCommuneAsync(commune.Trim(), date.Value, ct) is not { } place)
            return new Error("commune_not_found", $"Không có xã/phường mã {commune} vào ngày {VietnameseText.FormatDate(date.Value)}.", "commune", ErrorKind.NotFound).ToProblem();
        var rows = await UnitQueries.InCommuneAsync(db, place, date.Value, q, ct);
        // A commune outside the user's scope is answered like one that does not exist (the catalog API stays public).
        if (rows.Count == 0 && !access.ScopeFor(Permission.ViewUnits).CoversCommune(place.ProvinceCode, place.Id))
            return new Error("commune_not_found", $"Không có xã/phường mã {commune} vào ngày {VietnameseText.FormatDate(date.Value)}.", "commune", ErrorKind.NotFound).ToProblem();
        return TypedResults.Ok(new UnitList(date.Value, AdminUnitQueries.ToRow(place, place.Parent?.Code, place.Parent?.FullName, date.Value), rows.Count, rows));
    }

    private static async Task<Results<Ok<UnitRow>, ProblemHttpResult>> Get(AppDb db, TimeProvider time, int id, string? asOf, CancellationToken ct)
    {
        DateOnly? date = null;
        if (!string.IsNullOrWhiteSpace(asOf))
        {
            var parsed = VietnamTime.ParseAsOf(asOf, time);
            if (!parsed.Succeeded) return parsed.Errors.ToProblem();
            date = parsed.Value;
        }
        var row = await UnitQueries.GetAsync(db, id, date, ct);
        return row is null ? Error.NotFound("thôn/tổ dân phố (vào ngày đó)").ToProblem() : TypedResults.Ok(row);
    }

    private static async Task<Results<Ok<UnitHistory>, ProblemHttpResult>> History(AppDb db, int id, CancellationToken ct)
    {
        var row = await UnitQueries.GetAsync(db, id, null, ct);
        if (row is null) return Error.NotFound("thôn/tổ dân phố").ToProblem();
        return TypedResults.Ok(new UnitHistory(row, await UnitQueries.PeriodsAsync(db, id, ct), await UnitQueries.HistoryAsync(db, id, ct)));
    }

    private static async Task<Results<Created<UnitWriteResult>, ProblemHttpResult>> Establish(EstablishUnitRequest body, EstablishUnit useCase, AppDb db, CancellationToken ct)
    {
        if (body.EffectiveDate is not { } date) return DateRequired().ToProblem();
        var result = await useCase.RunAsync(new EstablishUnitInput(body.CommuneCode ?? "", body.Name ?? "", body.Kind, body.LocalLabel, date,
            body.HouseholdCount, body.Population, body.CountsAsOf, body.Classification, body.Decision, body.Note), ct);
        if (!result.Succeeded) return result.Errors.ToProblem();
        var row = (await UnitQueries.GetAsync(db, result.Value!.Id, null, ct))!;
        return TypedResults.Created($"/api/v1/residential-units/{row.Id}", new UnitWriteResult(row, result.Warnings));
    }

    private static async Task<Results<Ok<UnitWriteResult>, ProblemHttpResult>> Update(int id, UpdateUnitRequest body, UpdateUnit useCase, AppDb db, CancellationToken ct) =>
        await Written(db, await useCase.RunAsync(new UpdateUnitInput(id, body.Version, body.HouseholdCount, body.Population, body.CountsAsOf, body.Classification, body.LocalLabel), ct), ct);

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(int id, int? version, DeleteUnit useCase, CancellationToken ct)
    {
        if (version is null) return new Error("version_required", "Cần tham số version (phiên bản đang sửa).", "version").ToProblem();
        var result = await useCase.RunAsync(id, version.Value, ct);
        return result.Succeeded ? TypedResults.NoContent() : result.Errors.ToProblem();
    }

    private static async Task<Results<Ok<UnitWriteResult>, ProblemHttpResult>> Rename(int id, RenameUnitRequest body, RenameUnit useCase, AppDb db, CancellationToken ct) =>
        body.EffectiveDate is not { } date ? DateRequired().ToProblem()
            : await Written(db, await useCase.RunAsync(new RenameUnitInput(new(id, body.Version, date, body.Decision, body.Note), body.NewName ?? ""), ct), ct);

    private static async Task<Results<Ok<UnitWriteResult>, ProblemHttpResult>> Convert(int id, ConvertUnitRequest body, ConvertUnit useCase, AppDb db, CancellationToken ct) =>
        body.EffectiveDate is not { } date ? DateRequired().ToProblem()
            : await Written(db, await useCase.RunAsync(new ConvertUnitInput(new(id, body.Version, date, body.Decision, body.Note), body.NewName, body.NewLocalLabel), ct), ct);

    private static async Task<Results<Ok<UnitWriteResult>, ProblemHttpResult>> Move(int id, MoveUnitRequest body, MoveUnit useCase, AppDb db, CancellationToken ct) =>
        body.EffectiveDate is not { } date ? DateRequired().ToProblem()
            : await Written(db, await useCase.RunAsync(new MoveUnitInput(new(id, body.Version, date, body.Decision, body.Note), body.TargetCommuneCode ?? "", body.NewName, body.NewKind), ct), ct);

    private static async Task<Results<Ok<UnitWriteResult>, ProblemHttpResult>> Dissolve(int id, ChangeRequest body, DissolveUnit useCase, AppDb db, CancellationToken ct) =>
        body.EffectiveDate is not { } date ? DateRequired().ToProblem()
            : await Written(db, await useCase.RunAsync(new UnitChangeInput(id, body.Version, date, body.Decision, body.Note), ct), ct);

    private static async Task<Results<Ok<UnitsWriteResult>, ProblemHttpResult>> Split(int id, SplitUnitRequest body, SplitUnit useCase, AppDb db, CancellationToken ct)
    {
        if (body.EffectiveDate is not { } date) return DateRequired().ToProblem();
        var result = await useCase.RunAsync(new SplitUnitInput(new(id, body.Version, date, body.Decision, body.Note), body.Parts ?? [], body.ApprovalPercent, body.Tenures), ct);
        if (!result.Succeeded) return result.Errors.ToProblem();
        var rows = new List<UnitRow>();
        foreach (var unit in result.Value!) rows.Add((await UnitQueries.GetAsync(db, unit.Id, null, ct))!);
        return TypedResults.Ok(new UnitsWriteResult(rows, result.Warnings));
    }

    private static async Task<Results<Ok<UnitWriteResult>, ProblemHttpResult>> Merge(MergeUnitsRequest body, MergeUnits useCase, AppDb db, CancellationToken ct) =>
        body.EffectiveDate is not { } date ? DateRequired().ToProblem()
            : await Written(db, await useCase.RunAsync(new MergeUnitsInput(body.Sources ?? [], date, body.AdjacencyConfirmed, body.IntoUnitId, body.NewName,
                body.NewKind, body.NewLocalLabel, body.HouseholdCount, body.Population, body.Decision, body.Note, body.Tenures), ct), ct);

    private static async Task<Results<Ok<UnitWriteResult>, ProblemHttpResult>> Written(AppDb db, Result<ResidentialUnit> result, CancellationToken ct)
    {
        if (!result.Succeeded) return result.Errors.ToProblem();
        var row = (await UnitQueries.GetAsync(db, result.Value!.Id, null, ct))!;
        return TypedResults.Ok(new UnitWriteResult(row, result.Warnings));
    }
}
