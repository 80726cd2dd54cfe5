using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Documents;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Units.Import;

/// <summary>
/// Imports the unit list from .xlsx or .csv: a row with "Mã đơn vị" updates that unit (UpdateUnit, version-checked),
/// a row without establishes a new one (EstablishUnit). All rows run in order inside one transaction, so later rows see
/// earlier ones; it commits only when no row has an error and this is not a dry run.
/// </summary>
public sealed class ImportUnits(AppDb db, EstablishUnit establish, UpdateUnit update, TimeProvider time, IConfiguration configuration)
{
    public const long DefaultMaxBytes = 5 * 1024 * 1024;
    public const int MaxRows = 20_000;
    /// <summary>The length of unit_events.note; EstablishUnit does not check it.</summary>
    private const int MaxNoteLength = 1000;

    public long MaxBytes => configuration.GetValue<long?>("Grassroots:Import:MaxBytes") ?? DefaultMaxBytes;

    public async Task<ImportReport> RunAsync(Stream file, bool dryRun, CancellationToken ct)
    {
        var opened = await SheetFile.OpenAsync(file, MaxBytes, name => VietnameseText.Fold(name) != VietnameseText.Fold(UnitSheet.GuideSheetName), ct);
        if (!opened.Succeeded) return ImportReport.Failed(dryRun, opened.Errors[0]);
        using var sheet = opened.Value!;
        try
        {
            return await RunAsync(sheet.Rows(), dryRun, ct);
        }
        catch (SheetFileException e)
        {
            db.ChangeTracker.Clear();
            return ImportReport.Failed(dryRun, e.Error);
        }
    }

    private async Task<ImportReport> RunAsync(IEnumerable<SheetRow> rows, bool dryRun, CancellationToken ct)
    {
        using var reader = rows.GetEnumerator();
        var first = new List<SheetRow>();
        while (first.Count < 10 && reader.MoveNext()) first.Add(reader.Current);
        if (first.Count == 0) return ImportReport.Failed(dryRun, new("file_empty", "Tệp trống: không có dữ liệu nào để nhập."));

        var header = UnitSheet.FindHeader(first);
        if (header.Errors.Count > 0)
            return ImportReport.Failed(dryRun, SheetLayout<UnitField>.HeaderError(first[header.Index], header.Errors), header.Errors);
        IEnumerable<SheetRow> Data()
        {
            foreach (var row in first.Skip(header.Index + 1)) yield return row;
            while (reader.MoveNext()) yield return reader.Current;
        }

        var errors = new List<ImportRowError>();
        var warnings = new List<ImportRowWarning>();
        var names = new Dictionary<(string Commune, string Name), int>();
        var ids = new Dictionary<int, int>();
        int rowCount = 0, created = 0, updated = 0;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Operation = "import";
        foreach (var row in Data())
        {
            if (++rowCount > MaxRows)
            {
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return ImportReport.Failed(dryRun, new("file_too_many_rows", $"Tệp có hơn {VietnameseText.FormatNumber(MaxRows)} dòng dữ liệu; hãy chia thành nhiều tệp."));
            }
            var line = new UnitLine(row, header.Columns);
            var isNew = line.Text(UnitField.Id) is null;
            var result = isNew ? await EstablishAsync(line, names, ct) : await UpdateAsync(line, names, ids, ct);
            // Nothing half-made of a failed row may ride along with a later row's save.
            db.ChangeTracker.Clear();
            // A cell already reported (unparsable, duplicate in the file) is not reported twice.
            foreach (var error in result?.Errors ?? []) line.Add(error, UnitSheet.ColumnFor(error));
            errors.AddRange(line.Errors);
            if (line.Errors.Count > 0) continue;
            warnings.AddRange(result!.Warnings.Select(w => new ImportRowWarning(row.Number, $"{w.Message} ({w.Rule} — {w.Source})")));
            if (isNew) created++;
            else updated++;
        }
        if (rowCount == 0)
        {
            await transaction.RollbackAsync(ct);
            return ImportReport.Failed(dryRun, new("file_empty", "Tệp chỉ có dòng tiêu đề, chưa có dòng dữ liệu nào."));
        }
        var apply = !dryRun && errors.Count == 0;
        if (apply) await transaction.CommitAsync(ct);
        else await transaction.RollbackAsync(ct);
        return new ImportReport(dryRun, apply, rowCount, created, updated, errors, errors.Count == 0 ? warnings : []);
    }

    private async Task<Result<ResidentialUnit>?> EstablishAsync(UnitLine line, Dictionary<(string, string), int> names, CancellationToken ct)
    {
        var commune = line.CommuneCode();
        var name = line.Text(UnitField.Name);
        var kind = line.Kind();
        if (kind is null && !line.HasError(UnitField.Kind))
            line.Fail(UnitField.Kind, "kind_required", "Chưa nhập loại: \"Thôn\" hoặc \"Tổ dân phố\".");
        if (commune is not null && name is not null)
        {
            if (names.TryGetValue((commune, VietnameseText.NameKey(name)), out var earlier))
                line.Fail(UnitField.Name, "name_duplicate_in_file",
                    $"Tên \"{name}\" trùng với dòng {earlier} trong tệp; tên thôn, tổ dân phố trong một xã/phường không được trùng nhau.");
            else names[(commune, VietnameseText.NameKey(name))] = line.Row;
        }
        var effective = line.Date(UnitField.EffectiveDate);
        if (effective is { } given && commune is not null && await CommuneAsync(commune, ct) is { ValidFrom: { } begins } current && given < begins)
        {
            // The file lists today's communes: a date before the commune existed would file the unit under the old unit
            // that bore the code then, so it is refused (history before the reform is recorded with Chuyển xã/phường).
            line.Fail(UnitField.EffectiveDate, "commune_not_yet_valid",
                $"{current.FullName} (mã {commune}) chỉ có từ ngày {VietnameseText.FormatDate(begins)}; ngày thành lập {VietnameseText.FormatDate(given)} là trước khi xã/phường này tồn tại. Để trống để lấy ngày {VietnameseText.FormatDate(begins)}.");
            effective = begins; // the row's other checks then run against today's commune
        }
        if (effective is null && !line.HasError(UnitField.EffectiveDate) && commune is not null)
        {
            var place = await CommuneAsync(commune, ct);
            if (place?.ValidFrom is { } from) effective = from;
            else if (place is not null)
                line.Fail(UnitField.EffectiveDate, "effective_date_required",
                    $"Chưa nhập ngày thành lập, và danh mục không ghi ngày {place.FullName} bắt đầu tồn tại để tự điền; hãy nhập ngày thành lập.");
        }
        var decisionNumber = line.Text(UnitField.DecisionNumber);
        var decisionDate = line.Date(UnitField.DecisionDate);
        var decisionIssuer = line.Text(UnitField.DecisionIssuer);
        var decision = decisionNumber is null && decisionDate is null && decisionIssuer is null ? null : new DecisionInput(decisionNumber, decisionDate, decisionIssuer);
        var note = line.Text(UnitField.Note);
        if (note is { Length: > MaxNoteLength })
        {
            line.Fail(UnitField.Note, "note_too_long", $"Ghi chú dài quá {VietnameseText.FormatNumber(MaxNoteLength)} ký tự.");
            note = null;
        }
        var input = new EstablishUnitInput(commune ?? "", name ?? "", kind ?? 0, line.Text(UnitField.LocalLabel), effective ?? time.Today(),
            line.Int(UnitField.HouseholdCount), line.Int(UnitField.Population), line.Date(UnitField.CountsAsOf), line.Classification(), decision, note);
        // Every other check still runs, so that one pass shows all of a row's errors; the row's own errors keep the file from being applied.
        var result = await establish.RunAsync(input, ct);
        return kind is null ? Result<ResidentialUnit>.Fail(result.Errors.Where(e => e.Code != "invalid_kind").ToList()) : result;
    }

    private async Task<Result<ResidentialUnit>?> UpdateAsync(UnitLine line, Dictionary<(string, string), int> names, Dictionary<int, int> ids, CancellationToken ct)
    {
        var id = line.Int(UnitField.Id);
        if (id is null) return null;
        if (id <= 0)
        {
            line.Fail(UnitField.Id, "invalid_id", $"Mã đơn vị \"{id}\" không hợp lệ; để trống khi thêm mới, hoặc giữ nguyên mã trong tệp đã xuất.");
            return null;
        }
        if (ids.TryGetValue(id.Value, out var earlier))
        {
            line.Fail(UnitField.Id, "id_duplicate_in_file", $"Mã đơn vị {id} đã có ở dòng {earlier}; mỗi thôn/tổ dân phố chỉ được có một dòng.");
            return null;
        }
        ids[id.Value] = line.Row;
        var current = await UnitQueries.GetAsync(db, id.Value, null, ct);
        if (current is null)
        {
            line.Fail(UnitField.Id, "not_found", $"Không có thôn/tổ dân phố nào mã {id}; để trống cột \"Mã đơn vị\" nếu muốn thêm mới.");
            return null;
        }
        names.TryAdd((current.CommuneCode, VietnameseText.NameKey(current.Name)), line.Row);
        var version = line.Int(UnitField.Version);
        if (version is null)
        {
            if (!line.HasError(UnitField.Version))
                line.Fail(UnitField.Version, "version_required", "Thiếu phiên bản: dòng có mã đơn vị phải giữ nguyên cột \"Phiên bản\" như trong tệp đã xuất.");
            return null;
        }
        if (version == current.Version) CheckUnchanged(line, current);

        var input = new UpdateUnitInput(id.Value, version.Value,
            Keep(line, UnitField.HouseholdCount, line.Int, current.HouseholdCount),
            Keep(line, UnitField.Population, line.Int, current.Population),
            // Without a date UpdateUnit keeps the old one, or takes today when the counts change.
            line.Has(UnitField.CountsAsOf) ? line.Date(UnitField.CountsAsOf) : null,
            line.Has(UnitField.Classification) ? line.Classification() : current.Classification,
            line.Has(UnitField.LocalLabel) ? line.Text(UnitField.LocalLabel) : current.LocalLabel);
        return await update.RunAsync(input, ct);
    }

    /// <summary>A column left out of the file keeps the unit's value; one that does not parse too (its error stops the import anyway).</summary>
    private static T? Keep<T>(UnitLine line, UnitField field, Func<UnitField, T?> read, T? current) where T : struct
    {
        if (!line.Has(field)) return current;
        var value = read(field);
        return line.HasError(field) ? current : value;
    }

    /// <summary>Name, kind and commune change only by dated event, never by a spreadsheet edit: an edit there is an error, not silently dropped.</summary>
    private static void CheckUnchanged(UnitLine line, UnitRow current)
    {
        if (line.Text(UnitField.Name) is { } name && VietnameseText.NameKey(name) != VietnameseText.NameKey(current.Name))
            line.Fail(UnitField.Name, "name_changed",
                $"Tên trong tệp (\"{name}\") khác tên hiện tại (\"{current.Name}\"). Nhập từ tệp không đổi tên; hãy dùng chức năng Đổi tên trên trang của thôn/tổ dân phố.");
        if (line.CommuneCode() is { } commune && commune != current.CommuneCode)
            line.Fail(UnitField.CommuneCode, "commune_changed",
                $"Mã xã/phường trong tệp ({commune}) khác mã hiện tại ({current.CommuneCode}). Nhập từ tệp không chuyển thôn/tổ dân phố sang xã/phường khác; hãy dùng chức năng Chuyển.");
        if (line.Kind() is { } kind && kind != current.Kind)
            line.Fail(UnitField.Kind, "kind_changed",
                $"Loại trong tệp ({ResidentialUnit.KindName(kind)}) khác loại hiện tại ({current.KindName}). Nhập từ tệp không chuyển đổi loại; hãy dùng chức năng Chuyển đổi.");
    }

    /// <summary>The commune now bearing the code (or, for a code no longer in use, the last one that did).</summary>
    private async Task<AdminUnit?> CommuneAsync(string code, CancellationToken ct)
    {
        var candidates = await db.AdminUnits.AsNoTracking().Where(u => u.Level == AdminLevel.Commune && u.Code == code).ToListAsync(ct);
        var today = time.Today();
        return candidates.FirstOrDefault(c => c.IsValidOn(today)) ?? candidates.OrderByDescending(c => c.ValidFrom).FirstOrDefault();
    }

    public static Error TooLarge(long maxBytes) => SheetFile.TooLarge(maxBytes);

    public static string FormatSize(long bytes) => SheetFile.FormatSize(bytes);
}
