using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.People;
using Grassroots.Features.People.Lists;
using Grassroots.Features.Units;

namespace Grassroots.Features.Training.Coverage;

/// <summary>
/// A coverage question as a query string, with the same names on pages, API and export: <c>province</c> or
/// <c>commune</c> (the place; neither = the whole scope), <c>asOf</c>, <c>position</c> (repeatable; default the unit
/// heads) and <c>programmeId</c> (default any programme).
/// </summary>
public static class CoverageRequest
{
    public static async Task<Result<CoverageQuestion>> ParseAsync(AppDb db, IQueryCollection query, TimeProvider time, CancellationToken ct)
    {
        var errors = new List<Error>();
        var date = VietnamTime.ParseAsOf(query["asOf"], time);
        if (!date.Succeeded) errors.AddRange(date.Errors);
        var positions = new List<Position>();
        foreach (var text in query["position"])
        {
            if (Enum.TryParse<Position>(text, ignoreCase: true, out var position) && Enum.IsDefined(position)) positions.Add(position);
            else errors.Add(new("invalid_position", $"Chức danh \"{text}\" không hợp lệ.", "position"));
        }
        int? programme = null;
        if (!string.IsNullOrWhiteSpace(query["programmeId"]))
        {
            if (int.TryParse(query["programmeId"], out var id) && await CoursesProgrammeExistsAsync(db, id, ct)) programme = id;
            else errors.Add(new("programme_not_found", "Không có chương trình bồi dưỡng này.", "programmeId"));
        }
        if (errors.Count > 0) return Result<CoverageQuestion>.Fail(errors);
        var asOf = date.Value;
        AdminUnit? place = null;
        var (code, level) = !string.IsNullOrWhiteSpace(query["commune"]) ? (query["commune"].ToString(), AdminLevel.Commune)
            : !string.IsNullOrWhiteSpace(query["province"]) ? (query["province"].ToString(), AdminLevel.Province) : (null, AdminLevel.Province);
        if (code is not null && (place = await ListPlace.FindAsync(db, code, level, asOf, ct)) is null)
            return new Error("place_not_found", $"Không có {(level == AdminLevel.Commune ? "xã/phường" : "tỉnh, thành phố")} mã {code.Trim()} vào ngày {VietnameseText.FormatDate(asOf)} trong phạm vi của bạn.",
                level == AdminLevel.Commune ? "commune" : "province", ErrorKind.NotFound);
        return Result<CoverageQuestion>.Ok(new CoverageQuestion(asOf, positions.Count == 0 ? [Position.UnitHead] : [.. positions.Distinct().Order()], programme, place));
    }

    private static Task<bool> CoursesProgrammeExistsAsync(AppDb db, int id, CancellationToken ct) =>
        Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Programmes, p => p.Id == id, ct);

    /// <summary>The question back as query pairs, for links (drilling down, exporting).</summary>
    public static IEnumerable<KeyValuePair<string, string?>> ToQuery(CoverageQuestion q, string? placeKey = null, string? placeCode = null)
    {
        if (placeKey is not null) yield return new(placeKey, placeCode);
        else if (q.Place is { } place) yield return new(place.Level == AdminLevel.Commune ? "commune" : "province", place.Code);
        yield return new("asOf", q.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        foreach (var p in q.Positions) yield return new("position", p.ToString());
        if (q.ProgrammeId is { } programme) yield return new("programmeId", programme.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
