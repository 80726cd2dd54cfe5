using System.Globalization;
using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Documents;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Units.Import;

public sealed record UnitExport(string FileName, string CommuneName, DateOnly AsOf, int Rows);

/// <summary>
/// Writes the units of a commune as they were on a date to .xlsx, in the layout the importer reads back: with
/// "Mã đơn vị" and "Phiên bản", a downloaded list can be edited and imported to update the same units.
/// </summary>
public sealed class ExportUnits(AppDb db, TimeProvider time)
{
    /// <summary>Checks the commune first, so that nothing is written to <paramref name="output"/> for an unknown one.</summary>
    public async Task<Result<UnitExport>> RunAsync(string? communeCode, DateOnly? asOf, Stream output, CancellationToken ct)
    {
        var date = asOf ?? time.Today();
        var code = communeCode?.Trim() ?? "";
        if (code.Length == 0) return new Error("commune_required", "Chưa nhập mã xã/phường.", "commune");
        var commune = await db.FindByCodeAsync(code, date, ct);
        if (commune is not { Level: AdminLevel.Commune })
            return new Error("commune_not_found", $"Không có xã/phường mã {code} vào ngày {VietnameseText.FormatDate(date)}.", "commune", ErrorKind.NotFound);

        var units = await UnitQueries.InCommuneAsync(db, commune, date, null, ct);
        // A commune outside the user's scope is answered like one that does not exist.
        if (units.Count == 0 && !db.Access.ScopeFor(Accounts.Permission.ViewUnits).CoversCommune(commune.ProvinceCode, commune.Id))
            return new Error("commune_not_found", $"Không có xã/phường mã {code} vào ngày {VietnameseText.FormatDate(date)}.", "commune", ErrorKind.NotFound);
        var ids = units.Select(u => u.Id).ToList();
        // How each unit began: its first period and the event that opened it (establishment, or the merge/split that formed it).
        var origins = (await db.ResidentialUnitPeriods.AsNoTracking().Where(p => ids.Contains(p.UnitId))
                .Select(p => new { p.UnitId, p.ValidFrom, p.OpenedBy!.DecisionNumber, p.OpenedBy.DecisionDate, p.OpenedBy.DecisionIssuer, p.OpenedBy.Note })
                .ToListAsync(ct))
            .GroupBy(p => p.UnitId).ToDictionary(g => g.Key, g => g.MinBy(p => p.ValidFrom)!);

        using (var xlsx = new XlsxWriter(output))
        {
            using (var sheet = xlsx.AddSheet(UnitSheet.DataSheetName, UnitSheet.XlsxColumns))
            {
                foreach (var unit in units)
                {
                    var origin = origins.GetValueOrDefault(unit.Id);
                    sheet.WriteRow(UnitSheet.Cells(unit, origin?.ValidFrom,
                        origin is null ? null : new Decision(origin.DecisionNumber, origin.DecisionDate, origin.DecisionIssuer), origin?.Note));
                }
            }
            UnitSheet.WriteGuide(xlsx);
        }
        var (_, fullName) = commune.AsOf(date);
        return Result<UnitExport>.Ok(new UnitExport(FileName(commune.Code, date), fullName, date, units.Count));
    }

    public static string FileName(string communeCode, DateOnly date) =>
        $"thon-to-dan-pho-{communeCode}-{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.xlsx";
}
