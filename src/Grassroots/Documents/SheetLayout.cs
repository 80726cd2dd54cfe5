using System.Globalization;
using System.Text.RegularExpressions;
using Grassroots.Common;

namespace Grassroots.Documents;

/// <summary>
/// A column of an import/export sheet: the header people see, the field of the use cases' errors that belongs to it,
/// whether the importer reads it, how to fill it in (the guide sheet), and other headers accepted for it.
/// </summary>
public sealed record SheetColumn<TField>(TField Field, string Header, double Width, XlsxFormat Format, string? ErrorField, bool Imported, string Guide,
    string Example, IReadOnlyList<string>? Choices = null, params string[] Aliases) where TField : struct, Enum;

/// <summary>Where the header row is (index into the rows looked at), which column holds each field, and what is wrong with it.</summary>
public sealed record SheetHeader<TField>(int Index, IReadOnlyDictionary<TField, int> Columns, IReadOnlyList<ImportRowError> Errors) where TField : struct, Enum;

/// <summary>
/// The layout of one kind of spreadsheet, shared by its template, its export and its importer: the columns in order
/// (one per value of <typeparamref name="TField"/>, in enum order) and which of them a file must have.
/// </summary>
public sealed partial class SheetLayout<TField> where TField : struct, Enum
{
    private readonly Dictionary<string, TField> _byHeader;

    public SheetLayout(IReadOnlyList<SheetColumn<TField>> columns, IReadOnlyList<TField> required)
    {
        for (var i = 0; i < columns.Count; i++)
            if (Convert.ToInt32(columns[i].Field, CultureInfo.InvariantCulture) != i)
                throw new ArgumentException($"Column {i} ({columns[i].Header}) is out of the field order.", nameof(columns));
        Columns = columns;
        Required = required;
        XlsxColumns = [.. columns.Select(c => new XlsxColumn(c.Header, c.Width, c.Format, c.Choices))];
        _byHeader = columns.SelectMany(c => c.Aliases.Prepend(c.Header).Select(h => (Key: HeaderKey(h), c.Field))).ToDictionary(x => x.Key, x => x.Field);
    }

    public IReadOnlyList<SheetColumn<TField>> Columns { get; }
    /// <summary>Without these headers a file is not this kind of list.</summary>
    public IReadOnlyList<TField> Required { get; }
    public IReadOnlyList<XlsxColumn> XlsxColumns { get; }

    public SheetColumn<TField> Column(TField field) => Columns[Convert.ToInt32(field, CultureInfo.InvariantCulture)];

    /// <summary>Header text compared without case, diacritics, extra spaces, a trailing "*" or a hint in brackets.</summary>
    public static string HeaderKey(string? header)
    {
        var folded = VietnameseText.Fold(BracketHint().Replace(header ?? "", " ").Replace("*", " "));
        return SlashSpaces().Replace(folded, "/").Trim();
    }

    public TField? Match(string? header) => _byHeader.TryGetValue(HeaderKey(header), out var field) ? field : null;

    /// <summary>The column a use-case error is about (by its field), as the header the user sees; empty when none.</summary>
    public string HeaderFor(string? errorField) =>
        errorField is null ? "" : Columns.FirstOrDefault(c => c.ErrorField == errorField)?.Header ?? "";

    /// <summary>Where the header is: the first of the first rows that holds every required column, else the first row.</summary>
    public SheetHeader<TField> FindHeader(IReadOnlyList<SheetRow> firstRows)
    {
        var candidates = firstRows.Select((row, i) => (Index: i, Columns: MapHeader(row))).ToList();
        var (index, columns) = candidates.FirstOrDefault(c => Required.All(c.Columns.ContainsKey), candidates[0]);
        var header = firstRows[index];
        var errors = new List<ImportRowError>();
        foreach (var missing in Required.Where(f => !columns.ContainsKey(f)))
        {
            var title = Column(missing).Header;
            errors.Add(new(header.Number, title, "column_missing", $"Thiếu cột \"{title}\"."));
        }
        var seen = new HashSet<TField>();
        for (var i = 0; i < header.Cells.Count; i++)
            if (Match(header[i].Text) is { } field && !seen.Add(field))
                errors.Add(new(header.Number, Column(field).Header, "column_duplicate",
                    $"Cột \"{Column(field).Header}\" xuất hiện hai lần (cột {XlsxSheetWriter.ColumnName(i)})."));
        return new SheetHeader<TField>(index, columns, errors);
    }

    /// <summary>The file-level error for a header that does not fit, with a hint for CSV saved with semicolons.</summary>
    public static Error HeaderError(SheetRow header, IReadOnlyList<ImportRowError> errors)
    {
        var hint = header.Cells.Count == 1 && header[0].Text.Contains(';')
            ? " Tệp CSV phải phân cách các cột bằng dấu phẩy (,), không phải dấu chấm phẩy (;)." : "";
        return new("header_invalid",
            $"Dòng tiêu đề (dòng {header.Number}) không đúng mẫu: {string.Join(" ", errors.Select(e => e.Message))}{hint} Hãy dùng tệp mẫu tải từ hệ thống.");
    }

    private Dictionary<TField, int> MapHeader(SheetRow header)
    {
        var columns = new Dictionary<TField, int>();
        for (var i = 0; i < header.Cells.Count; i++)
            if (Match(header[i].Text) is { } field && Column(field).Imported)
                columns.TryAdd(field, i);
        return columns;
    }

    /// <summary>The guide sheet: numbered notes, then each column with whether it is required, how to fill it and an example.</summary>
    public void WriteGuide(XlsxWriter xlsx, string sheetName, string title, IReadOnlyList<string> notes, Func<SheetColumn<TField>, string> required, string exampleHeader)
    {
        using var sheet = xlsx.AddSheet(sheetName,
            [new("Cột", 24), new("Bắt buộc", 14), new("Cách nhập", 70, XlsxFormat.Wrap), new("Ví dụ", 20)], headerRow: false);
        sheet.WriteRow(XlsxCell.Bold(title));
        sheet.MergeAcross(4);
        foreach (var note in notes)
        {
            sheet.WriteRow(15 * Math.Ceiling(note.Length / 110.0), XlsxCell.Paragraph(note));
            sheet.MergeAcross(4);
        }
        sheet.WriteRow();
        sheet.WriteRow(XlsxCell.Bold("Cột"), XlsxCell.Bold("Bắt buộc"), XlsxCell.Bold("Cách nhập"), XlsxCell.Bold(exampleHeader));
        foreach (var c in Columns)
            sheet.WriteRow(Math.Max(15, 15 * Math.Ceiling(c.Guide.Length / 80.0)), c.Header, required(c), c.Guide, c.Example);
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
public partial class SheetLine<TField>(SheetLayout<TField> layout, SheetRow row, IReadOnlyDictionary<TField, int> columns) where TField : struct, Enum
{
    public int Row => row.Number;

    public List<ImportRowError> Errors { get; } = [];

    public SheetLayout<TField> Layout => layout;

    public bool Has(TField field) => columns.ContainsKey(field);

    /// <summary>The file has the column and the row a value in it.</summary>
    public bool IsGiven(TField field) => columns.TryGetValue(field, out var i) && !row[i].IsBlank;

    public string Header(TField field) => layout.Column(field).Header;

    public bool HasError(TField field) => Errors.Any(e => e.Column == Header(field));

    public void Fail(TField field, string code, string message) => Errors.Add(new(Row, Header(field), code, message));

    /// <summary>Adds a use case's error under the column it names (once per column: a cell already reported is not reported twice).</summary>
    public void Add(Error error, string column)
    {
        if (column.Length == 0 || !Errors.Any(e => e.Column == column))
            Errors.Add(new(Row, column, error.Code, error.Message));
    }

    protected SheetCell Cell(TField field) => columns.TryGetValue(field, out var i) ? row[i] : default;

    public string? Text(TField field)
    {
        var text = VietnameseText.Clean(Cell(field).Text);
        return text.Length == 0 ? null : text;
    }

    /// <summary>
    /// A code of digits; Excel drops the leading zeros of "00004" in a number cell, so they are put back — also in text
    /// (a CSV saved from such a sheet) unless <paramref name="onlyNumbers"/>, for codes where a short one is a typo to report.
    /// </summary>
    public string? Code(TField field, int length, bool onlyNumbers = false)
    {
        var code = Text(field);
        var dropped = !onlyNumbers || Cell(field).Number is not null;
        return dropped && code is not null && code.Length < length && code.All(char.IsAsciiDigit) ? code.PadLeft(length, '0') : code;
    }

    public int? Int(TField field)
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
            var digits = GroupedDigits().IsMatch(text) ? DigitGrouping().Replace(text, "") : text;
            if (int.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)) return value;
        }
        Fail(field, "not_a_number", $"\"{text}\" không phải là số nguyên; cột \"{Header(field)}\" chỉ nhận số (ví dụ 120).");
        return null;
    }

    public DateOnly? Date(TField field)
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

    /// <summary>Có/Không (also x, 1/0, yes/no, true/false); null when blank or not one of those (with an error).</summary>
    public bool? YesNo(TField field)
    {
        var text = Text(field);
        switch (VietnameseText.Fold(text))
        {
            case "": return null;
            case "co" or "x" or "1" or "yes" or "true" or "c" or "dung": return true;
            case "khong" or "0" or "no" or "false" or "k" or "sai": return false;
        }
        Fail(field, "invalid_yes_no", $"\"{text}\" không hợp lệ; cột \"{Header(field)}\" chỉ nhận \"Có\" hoặc \"Không\".");
        return null;
    }

    [GeneratedRegex(@"^-?\d{1,3}([.,\s\u00A0]\d{3})+$")]
    private static partial Regex GroupedDigits();

    [GeneratedRegex(@"[.,\s\u00A0]")]
    private static partial Regex DigitGrouping();
}
