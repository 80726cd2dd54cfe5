using System.Globalization;
using System.Text.RegularExpressions;
using Grassroots.Common;
using Grassroots.Documents;

namespace Grassroots.Features.Units.Import;

public enum UnitField
{
    Id, Version, CommuneCode, CommuneName, Name, Kind, LocalLabel, HouseholdCount, Population, CountsAsOf,
    Classification, EffectiveDate, DecisionNumber, DecisionDate, DecisionIssuer, Note, Status,
}

/// <summary>
/// A column of the unit sheet: the header people see, the field of the use cases' errors that belongs to it,
/// other headers accepted for it, and whether the importer uses it at all.
/// </summary>
public sealed record UnitColumn(UnitField Field, string Header, double Width, XlsxFormat Format, string? ErrorField, bool Imported, string Guide, string Example,
    IReadOnlyList<string>? Choices = null, params string[] Aliases);

/// <summary>Where the header row is (index into the rows), which column holds each field, and what is wrong with it.</summary>
public sealed record UnitHeader(int Index, IReadOnlyDictionary<UnitField, int> Columns, IReadOnlyList<ImportRowError> Errors);

/// <summary>The one layout of the residential-unit spreadsheet, shared by the template, the export and the importer.</summary>
public static partial class UnitSheet
{
    public const string DataSheetName = "Danh sách";
    public const string GuideSheetName = "Hướng dẫn";
    public const string TemplateFileName = "mau-nhap-thon-to-dan-pho.xlsx";

    private const string DateGuide = "Dạng dd/MM/yyyy, ví dụ 01/07/2025 (hoặc ô ngày của Excel).";

    public static readonly IReadOnlyList<UnitColumn> Columns =
    [
        new(UnitField.Id, "Mã đơn vị", 11, XlsxFormat.General, null, true,
            "Để trống khi thêm mới. Dòng lấy từ tệp đã xuất giữ nguyên mã: dòng đó cập nhật đơn vị đã có.", "(trống)"),
        new(UnitField.Version, "Phiên bản", 10, XlsxFormat.General, null, true,
            "Giữ nguyên như trong tệp đã xuất; nếu đơn vị đã bị người khác sửa sau khi xuất, dòng sẽ bị báo lỗi thay vì ghi đè.", "(trống)"),
        new(UnitField.CommuneCode, "Mã xã/phường", 13, XlsxFormat.Text, "communeCode", true,
            "Mã 5 chữ số của xã/phường/đặc khu theo danh mục hành chính (bắt buộc khi thêm mới).", "04831", null, "Mã xã", "Mã xã/phường/đặc khu", "Mã phường"),
        new(UnitField.CommuneName, "Tên xã/phường", 24, XlsxFormat.General, null, false,
            "Chỉ để đọc; không được nhập.", "Xã Đà Bắc", null, "Tên xã", "Xã/phường"),
        new(UnitField.Name, "Tên thôn/tổ dân phố", 28, XlsxFormat.General, "name", true,
            "Tên đầy đủ, không trùng với thôn/tổ dân phố khác trong cùng xã/phường (bắt buộc).", "Thôn Suối Hoa", null, "Tên", "Tên thôn, tổ dân phố", "Tên thôn/tổ"),
        new(UnitField.Kind, "Loại", 13, XlsxFormat.General, "kind", true,
            "\"Thôn\" (ở xã, đặc khu) hoặc \"Tổ dân phố\" (ở phường) (bắt buộc khi thêm mới).", "Thôn", ["Thôn", "Tổ dân phố"]),
        new(UnitField.LocalLabel, "Tên gọi địa phương", 18, XlsxFormat.General, "localLabel", true,
            "Cách gọi ở địa phương: làng, ấp, bản, buôn, xóm, khu phố, khóm… (không bắt buộc).", "bản"),
        new(UnitField.HouseholdCount, "Số hộ", 9, XlsxFormat.General, "householdCount", true,
            "Số hộ gia đình, số nguyên không âm.", "215", null, "Số hộ gia đình"),
        new(UnitField.Population, "Số nhân khẩu", 13, XlsxFormat.General, "population", true,
            "Số nguyên, không ít hơn số hộ.", "870", null, "Nhân khẩu", "Dân số"),
        new(UnitField.CountsAsOf, "Số liệu tính đến ngày", 21, XlsxFormat.Date, "countsAsOf", true,
            DateGuide + " Để trống: tính đến hôm nay.", "01/10/2026", null, "Số liệu đến ngày"),
        new(UnitField.Classification, "Phân loại", 11, XlsxFormat.General, "classification", true,
            "1, 2 hoặc 3 (hoặc Loại 1, Loại 2, Loại 3); để trống nếu chưa phân loại.", "Loại 2", ["Loại 1", "Loại 2", "Loại 3"]),
        new(UnitField.EffectiveDate, "Ngày thành lập", 15, XlsxFormat.Date, "effectiveDate", true,
            DateGuide + " Để trống: lấy ngày xã/phường bắt đầu tồn tại theo danh mục. Không được là ngày trong tương lai.", "01/07/2025"),
        new(UnitField.DecisionNumber, "Số quyết định", 16, XlsxFormat.General, "decision.number", true,
            "Số nghị quyết/quyết định thành lập (không bắt buộc).", "12/NQ-HĐND"),
        new(UnitField.DecisionDate, "Ngày quyết định", 15, XlsxFormat.Date, "decision.date", true, DateGuide, "20/06/2025"),
        new(UnitField.DecisionIssuer, "Cơ quan ban hành", 24, XlsxFormat.General, "decision.issuer", true,
            "Cơ quan ban hành quyết định (không bắt buộc).", "HĐND tỉnh Phú Thọ"),
        new(UnitField.Note, "Ghi chú", 30, XlsxFormat.General, "note", true, "Ghi chú kèm việc thành lập (không bắt buộc).", ""),
        new(UnitField.Status, "Trạng thái", 16, XlsxFormat.General, null, false, "Chỉ để đọc; không được nhập.", "Đang hoạt động"),
    ];

    /// <summary>Without these headers a file is not a unit list.</summary>
    public static readonly IReadOnlyList<UnitField> RequiredFields = [UnitField.CommuneCode, UnitField.Name, UnitField.Kind];

    public static UnitColumn Column(UnitField field) => Columns[(int)field];

    public static IReadOnlyList<XlsxColumn> XlsxColumns { get; } = Columns.Select(c => new XlsxColumn(c.Header, c.Width, c.Format, c.Choices)).ToList();

    /// <summary>Header text compared without case, diacritics, extra spaces, a trailing "*" or a hint in brackets.</summary>
    public static string HeaderKey(string? header)
    {
        var folded = VietnameseText.Fold(BracketHint().Replace(header ?? "", " ").Replace("*", " "));
        return SlashSpaces().Replace(folded, "/").Trim();
    }

    private static readonly Dictionary<string, UnitField> ByHeader = Columns
        .SelectMany(c => c.Aliases.Prepend(c.Header).Select(h => (Key: HeaderKey(h), c.Field)))
        .ToDictionary(x => x.Key, x => x.Field);

    public static UnitField? Match(string? header) => ByHeader.TryGetValue(HeaderKey(header), out var field) ? field : null;

    /// <summary>The column a use-case error is about, as the header the user sees.</summary>
    public static string ColumnFor(Error error)
    {
        if (error.Code == "commune_not_yet_valid") return Column(UnitField.EffectiveDate).Header;
        if (error.Field is null)
            return error.Kind switch
            {
                ErrorKind.Conflict => Column(UnitField.Version).Header,
                ErrorKind.NotFound => Column(UnitField.Id).Header,
                _ => "",
            };
        return Columns.FirstOrDefault(c => c.ErrorField == error.Field)?.Header ?? "";
    }

    /// <summary>The cells of one unit in column order.</summary>
    public static XlsxCell[] Cells(UnitRow unit, DateOnly? establishedOn, Decision? decision, string? note) =>
    [
        unit.Id, unit.Version, unit.CommuneCode, unit.CommuneName, unit.Name, unit.KindName, unit.LocalLabel,
        unit.HouseholdCount, unit.Population, unit.CountsAsOf, unit.ClassificationName, establishedOn,
        decision?.Number, decision?.Date, decision?.Issuer, note, unit.StatusName,
    ];

    /// <summary>The empty template: a "Danh sách" sheet with the headers and a "Hướng dẫn" sheet that the importer skips.</summary>
    public static void WriteTemplate(Stream output)
    {
        using var xlsx = new XlsxWriter(output);
        xlsx.AddSheet(DataSheetName, XlsxColumns).Dispose();
        WriteGuide(xlsx);
    }

    public static void WriteGuide(XlsxWriter xlsx)
    {
        using var sheet = xlsx.AddSheet(GuideSheetName,
            [new("Cột", 24), new("Bắt buộc", 14), new("Cách nhập", 70, XlsxFormat.Wrap), new("Ví dụ", 20)], headerRow: false);
        sheet.WriteRow(XlsxCell.Bold("HƯỚNG DẪN NHẬP DANH SÁCH THÔN, TỔ DÂN PHỐ"));
        sheet.MergeAcross(4);
        string[] notes =
        [
            $"1. Nhập ở trang \"{DataSheetName}\": mỗi thôn/tổ dân phố một dòng, từ dòng 2; giữ nguyên dòng tiêu đề (dòng 1). Trang \"{GuideSheetName}\" này không được nhập.",
            "2. Thêm mới: để trống \"Mã đơn vị\" và \"Phiên bản\". Cập nhật: dùng tệp xuất từ hệ thống, giữ nguyên hai cột đó; chỉ Số hộ, Số nhân khẩu, Số liệu tính đến ngày, Phân loại và Tên gọi địa phương được cập nhật.",
            "3. Đổi tên, chuyển đổi, sáp nhập, chia tách, giải thể: dùng các chức năng trên trang của thôn/tổ dân phố, không làm qua tệp này.",
            "4. Nên bấm \"Chỉ kiểm tra (không ghi)\" trước: hệ thống báo lỗi của mọi dòng cùng lúc. Nếu còn bất kỳ dòng nào lỗi thì không dòng nào được ghi.",
            "5. Có thể lưu thành .xlsx hoặc .csv (UTF-8). Cột không có trong mẫu được bỏ qua.",
        ];
        foreach (var note in notes)
        {
            sheet.WriteRow(15 * Math.Ceiling(note.Length / 110.0), XlsxCell.Paragraph(note));
            sheet.MergeAcross(4);
        }
        sheet.WriteRow();
        sheet.WriteRow(XlsxCell.Bold("Cột"), XlsxCell.Bold("Bắt buộc"), XlsxCell.Bold("Cách nhập"), XlsxCell.Bold("Ví dụ (một dòng thêm mới)"));
        foreach (var c in Columns)
        {
            var required = c.Field switch
            {
                UnitField.Name => "Có",
                UnitField.CommuneCode or UnitField.Kind => "Khi thêm mới",
                _ => c.Imported ? "" : "Bỏ qua",
            };
            sheet.WriteRow(Math.Max(15, 15 * Math.Ceiling(c.Guide.Length / 80.0)), c.Header, required, c.Guide, c.Example);
        }
    }

    /// <summary>Where the header is: the first of the first ten rows that holds every required column, else the first row.</summary>
    public static UnitHeader FindHeader(IReadOnlyList<SheetRow> rows)
    {
        var candidates = Enumerable.Range(0, Math.Min(10, rows.Count)).Select(i => (Index: i, Columns: MapHeader(rows[i]))).ToList();
        var (index, columns) = candidates.FirstOrDefault(c => RequiredFields.All(c.Columns.ContainsKey), candidates[0]);
        var header = rows[index];
        var errors = new List<ImportRowError>();
        foreach (var missing in RequiredFields.Where(f => !columns.ContainsKey(f)))
        {
            var title = Column(missing).Header;
            errors.Add(new(header.Number, title, "column_missing", $"Thiếu cột \"{title}\"."));
        }
        if (columns.ContainsKey(UnitField.Id) && !columns.ContainsKey(UnitField.Version))
            errors.Add(new(header.Number, Column(UnitField.Version).Header, "column_missing",
                "Thiếu cột \"Phiên bản\": tệp có cột \"Mã đơn vị\" thì phải giữ cả cột \"Phiên bản\"."));
        var seen = new HashSet<UnitField>();
        for (var i = 0; i < header.Cells.Count; i++)
            if (Match(header[i].Text) is { } field && !seen.Add(field))
                errors.Add(new(header.Number, Column(field).Header, "column_duplicate",
                    $"Cột \"{Column(field).Header}\" xuất hiện hai lần (cột {XlsxSheetWriter.ColumnName(i)})."));
        return new UnitHeader(index, columns, errors);
    }

    private static Dictionary<UnitField, int> MapHeader(SheetRow header)
    {
        var columns = new Dictionary<UnitField, int>();
        for (var i = 0; i < header.Cells.Count; i++)
            if (Match(header[i].Text) is { } field && Column(field).Imported)
                columns.TryAdd(field, i);
        return columns;
    }

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex BracketHint();

    [GeneratedRegex(@"\s*/\s*")]
    private static partial Regex SlashSpaces();
}

/// <summary>
/// The cells of one data row read by header, each parsed to what the use cases take. A cell that does not parse
/// adds a row error (row, column header, Vietnamese message) and reads as missing.
/// </summary>
internal sealed class UnitLine(SheetRow row, IReadOnlyDictionary<UnitField, int> columns)
{
    public int Row => row.Number;

    public List<ImportRowError> Errors { get; } = [];

    public bool Has(UnitField field) => columns.ContainsKey(field);

    public bool HasError(UnitField field) => Errors.Any(e => e.Column == UnitSheet.Column(field).Header);

    public void Fail(UnitField field, string code, string message) => Errors.Add(new(Row, UnitSheet.Column(field).Header, code, message));

    private SheetCell Cell(UnitField field) => columns.TryGetValue(field, out var i) ? row[i] : default;

    public string? Text(UnitField field)
    {
        var text = VietnameseText.Clean(Cell(field).Text);
        return text.Length == 0 ? null : text;
    }

    /// <summary>A commune code; Excel drops the leading zeros of "00004" in a number cell, so they are put back.</summary>
    public string? CommuneCode()
    {
        var code = Text(UnitField.CommuneCode);
        return code is { Length: < 5 } && code.All(char.IsAsciiDigit) ? code.PadLeft(5, '0') : code;
    }

    public int? Int(UnitField field)
    {
        var cell = Cell(field);
        if (cell.IsBlank) return null;
        var text = cell.Text.Trim();
        if (cell.Number is { } n)
        {
            if (n == Math.Floor(n) && Math.Abs(n) <= int.MaxValue) return (int)n;
        }
        else
        {
            // Text as people type it, with digit grouping: 1.234, 1,234, 1 234.
            var digits = Regex.IsMatch(text, @"^-?\d{1,3}([.,\s\u00A0]\d{3})+$") ? Regex.Replace(text, @"[.,\s\u00A0]", "") : text;
            if (int.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)) return value;
        }
        Fail(field, "not_a_number", $"\"{text}\" không phải là số nguyên; cột \"{UnitSheet.Column(field).Header}\" chỉ nhận số (ví dụ 120).");
        return null;
    }

    public DateOnly? Date(UnitField field)
    {
        var cell = Cell(field);
        if (cell.IsBlank) return null;
        if (cell.Number is { } serial)
        {
            if (serial is >= 1 and < 2958466) return DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(serial)));
        }
        else if (VietnameseText.TryParseDate(cell.Text, out var date)) return date;
        Fail(field, "invalid_date", $"\"{cell.Text.Trim()}\" không phải là ngày hợp lệ; nhập ngày theo dạng dd/MM/yyyy (ví dụ 01/07/2025).");
        return null;
    }

    public UnitKind? Kind()
    {
        var text = Text(UnitField.Kind);
        switch (VietnameseText.Fold(text))
        {
            case "": return null;
            case "thon": return UnitKind.Village;
            case "to dan pho" or "tdp": return UnitKind.ResidentialGroup;
        }
        Fail(UnitField.Kind, "invalid_kind", $"Loại \"{text}\" không hợp lệ; chỉ nhận \"Thôn\" hoặc \"Tổ dân phố\".");
        return null;
    }

    public UnitClass? Classification()
    {
        var text = Text(UnitField.Classification);
        var folded = VietnameseText.Fold(text);
        if (folded.StartsWith("loai", StringComparison.Ordinal)) folded = folded[4..].Trim();
        switch (folded)
        {
            case "": return null;
            case "1" or "i": return UnitClass.Class1;
            case "2" or "ii": return UnitClass.Class2;
            case "3" or "iii": return UnitClass.Class3;
        }
        Fail(UnitField.Classification, "invalid_classification", $"Phân loại \"{text}\" không hợp lệ; chỉ nhận 1, 2, 3 (hoặc Loại 1, Loại 2, Loại 3).");
        return null;
    }
}
