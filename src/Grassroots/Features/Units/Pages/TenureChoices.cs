using Grassroots.Data;
using Grassroots.Features.People;

namespace Grassroots.Features.Units.Pages;

/// <summary>
/// One open tenure of a unit being merged or split, and what the user chose for it: -1 to end it (the default),
/// otherwise where it continues (0 for the merged unit; the row of the part for a split).
/// </summary>
public sealed class TenureChoiceForm
{
    public int TenureId { get; set; }
    public string? Label { get; set; }
    public int Target { get; set; } = -1;

    /// <summary>The tenures held today in the given units, each with the default choice (end).</summary>
    public static async Task<List<TenureChoiceForm>> LoadAsync(AppDb db, IEnumerable<int> unitIds, DateOnly today, CancellationToken ct)
    {
        var list = new List<TenureChoiceForm>();
        foreach (var unitId in unitIds.Distinct())
            foreach (var t in (await LeaderQueries.OfUnitAsync(db, unitId, today, ct)).Where(t => t.EndDate is null))
                list.Add(new TenureChoiceForm { TenureId = t.TenureId, Label = $"{t.PositionName} {t.UnitName}: {t.FullName} (từ {Common.VietnameseText.FormatDate(t.StartDate)})" });
        return list;
    }
}
