using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Features.Units;
using Grassroots.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.People;

public sealed record LeaderList(DateOnly AsOf, string PlaceCode, string PlaceName, int Total, IReadOnlyList<LeaderRow> Items);
public sealed record TenureWriteResult(LeaderRow Tenure, IReadOnlyList<RuleWarning> Warnings);

/// <summary>A tenure in a write. <see cref="Person"/> creates the person in the same transaction when <see cref="PersonId"/> is not given.</summary>
public sealed record TenureRequest(
    int? Version, int? UnitId, int? PersonId, PersonRequest? Person, Position? Position, string? Title, TenureMode? Mode, string? TermLabel,
    DateOnly? StartDate, DateOnly? PlannedEndDate, TenureDecision? StartDecision, string? Note, DateOnly? EndDate, EndReason? EndReason, TenureDecision? EndDecision);

public sealed record EndTenureRequest(int? Version, DateOnly? EndDate, EndReason? EndReason, TenureDecision? Decision, string? Note);

/// <summary>Tenures: who holds which position where, as of a date; record, correct, end, delete; the review lists.</summary>
public static class TenuresApi
{
    public static RouteGroupBuilder MapTenuresApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/tenures").WithTags("Chức danh, nhiệm kỳ").RequirePermission(Permission.ViewPeople);
        group.MapGet("/", List).WithSummary("Người giữ chức danh tại một ngày trong một xã/phường hoặc tỉnh, có bộ lọc");
        group.MapGet("/{id:int}", Get).WithSummary("Một nhiệm kỳ");
        group.MapGet("/review", Review).WithSummary("Cần xem xét: nhiệm kỳ vi phạm quy định (cảnh báo)");
        group.MapGet("/ending", Ending).WithSummary("Nhiệm kỳ sắp hết trong N tháng tới");
        group.MapGet("/acting", Acting).WithSummary("Trưởng thôn, tổ trưởng lâm thời");
        group.MapPost("/", Create).RequirePermission(Permission.EditPeople).WithSummary("Ghi nhận người giữ chức danh");
        group.MapPut("/{id:int}", Update).RequirePermission(Permission.EditPeople).WithSummary("Sửa nhiệm kỳ");
        group.MapPost("/{id:int}/end", End).RequirePermission(Permission.EditPeople).WithSummary("Kết thúc nhiệm kỳ (thôi giữ chức danh)");
        group.MapDelete("/{id:int}", Delete).RequirePermission(Permission.EditPeople).WithSummary("Xóa nhiệm kỳ nhập nhầm");
        app.MapGet("/api/v1/residential-units/{id:int}/tenures", OfUnit).WithTags("Chức danh, nhiệm kỳ").RequirePermission(Permission.ViewPeople)
            .WithSummary("Ban lãnh đạo hiện tại và lịch sử của một thôn/tổ dân phố");
        return group;
    }

    /// <summary>The commune or province named by <c>commune</c>/<c>province</c> (one of them required unless optional), or an error.</summary>
    private static async Task<Result<AdminUnit?>> PlaceAsync(AppDb db, string? commune, string? province, DateOnly date, bool optional, CancellationToken ct)
    {
        var code = !string.IsNullOrWhiteSpace(commune) ? commune.Trim() : province?.Trim();
        if (string.IsNullOrEmpty(code))
            return optional ? Result<AdminUnit?>.Ok(null) : new Error("place_required", "Cần tham số commune (mã xã/phường) hoặc province (mã tỉnh).", "commune");
        var place = await db.FindByCodeAsync(code, date, ct);
        var wanted = string.IsNullOrWhiteSpace(commune) ? AdminLevel.Province : AdminLevel.Commune;
        var scope = db.Access.ScopeFor(Permission.ViewPeople);
        // A place outside the user's scope is answered like one that does not exist.
        if (place is null || place.Level != wanted || !(wanted == AdminLevel.Province ? scope.All || scope.Provinces.Contains(place.ProvinceCode) : scope.CoversCommune(place.ProvinceCode, place.Id)))
            return new Error("place_not_found", $"Không có {(wanted == AdminLevel.Province ? "tỉnh" : "xã/phường")} mã {code} vào ngày {VietnameseText.FormatDate(date)} trong phạm vi của bạn.",
                wanted == AdminLevel.Province ? "province" : "commune", ErrorKind.NotFound);
        return Result<AdminUnit?>.Ok(place);
    }

    private static async Task<Results<Ok<LeaderList>, ProblemHttpResult>> List(HttpRequest request, AppDb db, TimeProvider time, string? commune, string? province, string? asOf, CancellationToken ct)
    {
        var date = VietnamTime.ParseAsOf(asOf, time);
        if (!date.Succeeded) return date.Errors.ToProblem();
        var place = await PlaceAsync(db, commune, province, date.Value, optional: false, ct);
        if (!place.Succeeded) return place.Errors.ToProblem();
        var rows = await LeaderQueries.HeldOnAsync(db, place.Value!, date.Value, LeaderFilter.FromQuery(request.Query), ct);
        return TypedResults.Ok(new LeaderList(date.Value, place.Value!.Code, place.Value.AsOf(date.Value).FullName, rows.Count, rows));
    }

    private static async Task<Results<Ok<LeaderRow>, ProblemHttpResult>> Get(AppDb db, TimeProvider time, int id, CancellationToken ct) =>
        await LeaderQueries.TenureAsync(db, id, time.Today(), ct) is { } row ? TypedResults.Ok(row) : Error.NotFound("nhiệm kỳ này").ToProblem();

    private static async Task<Results<Ok<List<LeaderRow>>, ProblemHttpResult>> OfUnit(AppDb db, TimeProvider time, int id, CancellationToken ct)
    {
        if (!await db.ResidentialUnits.AnyAsync(u => u.Id == id, ct)) return Error.NotFound("thôn/tổ dân phố").ToProblem();
        return TypedResults.Ok(await LeaderQueries.OfUnitAsync(db, id, time.Today(), ct));
    }

    private static async Task<Results<Ok<List<LeaderRow>>, ProblemHttpResult>> Review(AppDb db, TimeProvider time, string? commune, string? province, string? rule, CancellationToken ct)
    {
        var place = await PlaceAsync(db, commune, province, time.Today(), optional: true, ct);
        if (!place.Succeeded) return place.Errors.ToProblem();
        return TypedResults.Ok(await LeaderQueries.ReviewAsync(db, place.Value, time.Today(), string.IsNullOrWhiteSpace(rule) ? null : rule.Trim(), ct));
    }

    private static async Task<Results<Ok<List<LeaderRow>>, ProblemHttpResult>> Ending(AppDb db, TimeProvider time, string? commune, string? province, int? months, CancellationToken ct)
    {
        if (months is < 1 or > 60) return new Error("invalid_months", "Số tháng phải từ 1 đến 60.", "months").ToProblem();
        var place = await PlaceAsync(db, commune, province, time.Today(), optional: true, ct);
        if (!place.Succeeded) return place.Errors.ToProblem();
        return TypedResults.Ok(await LeaderQueries.EndingWithinAsync(db, place.Value, time.Today(), months ?? 6, ct));
    }

    private static async Task<Results<Ok<List<LeaderRow>>, ProblemHttpResult>> Acting(AppDb db, TimeProvider time, string? commune, string? province, CancellationToken ct)
    {
        var place = await PlaceAsync(db, commune, province, time.Today(), optional: true, ct);
        if (!place.Succeeded) return place.Errors.ToProblem();
        return TypedResults.Ok(await LeaderQueries.ActingHeadsAsync(db, place.Value, time.Today(), ct));
    }

    /// <summary>The required parts of a tenure request, or the errors naming the missing fields.</summary>
    private static Result<TenureInput> ToInput(TenureRequest body, int? unitId = null)
    {
        var errors = new List<Error>();
        if ((unitId ?? body.UnitId) is null) errors.Add(new("unit_required", "Chưa chọn thôn/tổ dân phố.", "unitId"));
        if (body.Position is null) errors.Add(new("position_required", "Chưa chọn chức danh.", "position"));
        if (body.Mode is null) errors.Add(new("mode_required", "Chưa chọn hình thức (bầu, công nhận, lâm thời, kéo dài, kiêm nhiệm).", "mode"));
        if (body.StartDate is null) errors.Add(new("start_date_required", "Chưa nhập ngày bắt đầu.", "startDate"));
        if (errors.Count > 0) return Result<TenureInput>.Fail(errors);
        return Result<TenureInput>.Ok(new TenureInput((unitId ?? body.UnitId)!.Value, body.PersonId, body.Person?.ToInput(), body.Position!.Value, body.Title, body.Mode!.Value,
            body.TermLabel, body.StartDate!.Value, body.PlannedEndDate, body.StartDecision, body.Note, body.EndDate, body.EndReason, body.EndDecision));
    }

    private static async Task<Results<Created<TenureWriteResult>, ProblemHttpResult>> Create(TenureRequest body, RecordTenure useCase, AppDb db, TimeProvider time, CancellationToken ct)
    {
        var input = ToInput(body);
        if (!input.Succeeded) return input.Errors.ToProblem();
        var result = await useCase.CreateAsync(input.Value!, ct);
        if (!result.Succeeded) return await PeopleApi.ProblemAsync(db, result.Errors, body.Person?.NationalId, ct);
        var row = (await LeaderQueries.TenureAsync(db, result.Value!.Id, time.Today(), ct))!;
        return TypedResults.Created($"/api/v1/tenures/{row.TenureId}", new TenureWriteResult(row, result.Warnings));
    }

    private static async Task<Results<Ok<TenureWriteResult>, ProblemHttpResult>> Update(int id, TenureRequest body, RecordTenure useCase, AppDb db, TimeProvider time, CancellationToken ct)
    {
        if (body.Version is not { } version) return new Error("version_required", "Cần trường version (phiên bản đang sửa).", "version").ToProblem();
        var current = await db.Tenures.AsNoTracking().Where(t => t.Id == id).Select(t => (int?)t.UnitId).FirstOrDefaultAsync(ct);
        if (current is null) return Error.NotFound("nhiệm kỳ này").ToProblem();
        var input = ToInput(body, body.UnitId ?? current);
        if (!input.Succeeded) return input.Errors.ToProblem();
        return await Written(db, time, await useCase.UpdateAsync(id, version, input.Value!, ct), ct);
    }

    private static async Task<Results<Ok<TenureWriteResult>, ProblemHttpResult>> End(int id, EndTenureRequest body, RecordTenure useCase, AppDb db, TimeProvider time, CancellationToken ct)
    {
        if (body.Version is not { } version) return new Error("version_required", "Cần trường version (phiên bản đang sửa).", "version").ToProblem();
        if (body.EndDate is not { } end) return new Error("end_date_required", "Chưa nhập ngày thôi giữ chức danh.", "endDate").ToProblem();
        return await Written(db, time, await useCase.EndAsync(new EndTenureInput(id, version, end, body.EndReason, body.Decision, body.Note), ct), ct);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(int id, int? version, RecordTenure useCase, CancellationToken ct)
    {
        if (version is null) return new Error("version_required", "Cần tham số version (phiên bản đang sửa).", "version").ToProblem();
        var result = await useCase.DeleteAsync(id, version.Value, ct);
        return result.Succeeded ? TypedResults.NoContent() : result.Errors.ToProblem();
    }

    private static async Task<Results<Ok<TenureWriteResult>, ProblemHttpResult>> Written(AppDb db, TimeProvider time, Result<Tenure> result, CancellationToken ct)
    {
        if (!result.Succeeded) return result.Errors.ToProblem();
        var row = (await LeaderQueries.TenureAsync(db, result.Value!.Id, time.Today(), ct))!;
        return TypedResults.Ok(new TenureWriteResult(row, result.Warnings));
    }
}
