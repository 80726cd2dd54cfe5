using System.Globalization;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Grassroots.Documents;

/// <summary>
/// One cell as read: its text, and for a numeric cell of a workbook also its number (so that a date cell, which
/// Excel stores as a serial number, can be told from a text that merely looks like one).
/// </summary>
public readonly record struct SheetCell(string Text, double? Number = null)
{
    public bool IsBlank => string.IsNullOrWhiteSpace(Text);
}

/// <summary>A row of a sheet with its number as the spreadsheet program shows it (1-based).</summary>
public sealed record SheetRow(int Number, IReadOnlyList<SheetCell> Cells)
{
    public SheetCell this[int column] => column < Cells.Count ? Cells[column] : default;
    public bool IsBlank => Cells.All(c => c.IsBlank);
}

/// <summary>
/// Reads the cells of one worksheet of an .xlsx file, streaming (a row at a time) so that a small file that
/// unpacks to a huge sheet cannot exhaust memory: shared and inline strings, numbers, booleans, formula results.
/// </summary>
public static class XlsxReader
{
    /// <summary>Columns beyond this are ignored.</summary>
    public const int MaxColumns = 200;

    /// <summary>"PK\x03\x04": the local file header that every .xlsx (a ZIP package) starts with.</summary>
    public static bool HasZipSignature(ReadOnlySpan<byte> content) =>
        content.Length >= 4 && content[0] == 0x50 && content[1] == 0x4B && content[2] == 0x03 && content[3] == 0x04;

    /// <summary>The OLE2 compound file signature of Excel 97–2003 (.xls) files and of password-protected workbooks.</summary>
    public static bool HasOle2Signature(ReadOnlySpan<byte> content) =>
        content.Length >= 8 && content[..8].SequenceEqual(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 });

    /// <summary>
    /// The non-blank rows of the first worksheet whose name <paramref name="useSheet"/> accepts, stopping after
    /// <paramref name="maxRows"/> + 1 rows (so that the caller can tell "too many"). False when the content does not
    /// open as a spreadsheet (not a ZIP, another kind of Office document, a damaged package).
    /// </summary>
    public static bool TryRead(Stream content, Func<string, bool> useSheet, int maxRows, out List<SheetRow> rows)
    {
        try
        {
            rows = [.. ReadRows(content, useSheet).Take(maxRows + 1)];
            return true;
        }
        catch (Exception e) when (IsDamage(e))
        {
            rows = [];
            return false;
        }
    }

    /// <summary>What opening or reading a package that is not a (sound) workbook throws.</summary>
    public static bool IsDamage(Exception e) => e is OpenXmlPackageException or InvalidDataException or FormatException or XmlException
        or IOException or InvalidOperationException or ArgumentException or NotSupportedException or KeyNotFoundException;

    /// <summary>
    /// The non-blank rows of the first worksheet whose name <paramref name="useSheet"/> accepts, read one at a time
    /// (none when there is no such sheet). Throws what <see cref="IsDamage"/> recognises for content that is not a workbook.
    /// </summary>
    public static IEnumerable<SheetRow> ReadRows(Stream content, Func<string, bool> useSheet)
    {
        using var document = SpreadsheetDocument.Open(content, isEditable: false);
        var workbook = document.WorkbookPart;
        if (workbook?.Workbook?.Sheets is not { } sheets) throw new InvalidDataException("The package holds no workbook.");
        var sheet = sheets.Elements<Sheet>()
            .Where(s => s.Id?.Value is { } id && workbook.TryGetPartById(id, out var p) && p is WorksheetPart)
            .FirstOrDefault(s => useSheet(s.Name?.Value ?? ""));
        if (sheet is null) yield break;
        var strings = SharedStrings(workbook.SharedStringTablePart);
        foreach (var row in ReadRows((WorksheetPart)workbook.GetPartById(sheet.Id!.Value!), strings))
            yield return row;
    }

    private static IEnumerable<SheetRow> ReadRows(WorksheetPart part, IReadOnlyList<string> strings)
    {
        using var reader = OpenXmlReader.Create(part);
        var rowNumber = 0;
        List<SheetCell>? cells = null;
        int column = -1;
        string? type = null, value = null;
        StringBuilder? inline = null;
        var inPhonetic = false;
        while (reader.Read())
        {
            var element = reader.ElementType;
            if (element == typeof(Row))
            {
                if (reader.IsStartElement)
                {
                    rowNumber = int.TryParse(Attribute(reader, "r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : rowNumber + 1;
                    cells = [];
                    column = -1;
                }
                else if (cells is not null)
                {
                    var row = new SheetRow(rowNumber, cells);
                    cells = null;
                    if (!row.IsBlank) yield return row;
                }
            }
            else if (element == typeof(Cell) && cells is not null)
            {
                if (reader.IsStartElement)
                {
                    column = ColumnIndex(Attribute(reader, "r")) ?? column + 1;
                    type = Attribute(reader, "t");
                    value = null;
                    inline = null;
                }
                else if (column < MaxColumns)
                {
                    var cell = ToCell(type, value, inline?.ToString(), strings);
                    if (cell.Text.Length > 0)
                    {
                        while (cells.Count <= column) cells.Add(new SheetCell(""));
                        cells[column] = cell;
                    }
                }
            }
            else if (element == typeof(CellValue) && reader.IsStartElement)
                value = reader.GetText();
            else if (element == typeof(PhoneticRun))
                inPhonetic = reader.IsStartElement;
            else if (element == typeof(Text) && reader.IsStartElement && cells is not null && !inPhonetic)
                (inline ??= new StringBuilder()).Append(reader.GetText());
        }
    }

    private static SheetCell ToCell(string? type, string? value, string? inline, IReadOnlyList<string> strings)
    {
        switch (type)
        {
            case "s":
                return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < strings.Count ? new(strings[i]) : new("");
            case "inlineStr":
                return new(inline ?? "");
            case "str" or "e":
                return new(value ?? "");
            case "b":
                return new(value == "1" ? "TRUE" : value == "0" ? "FALSE" : value ?? "");
            case "d":
                return DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                    ? new(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.ToOADate())
                    : new(value ?? "");
            default:
                if (value is null) return new("");
                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return new(value);
                var text = Math.Abs(number) < 1e15 && number == Math.Floor(number)
                    ? ((long)number).ToString(CultureInfo.InvariantCulture)
                    : number.ToString("R", CultureInfo.InvariantCulture);
                return new(text, number);
        }
    }

    private static List<string> SharedStrings(SharedStringTablePart? part)
    {
        var strings = new List<string>();
        if (part is null) return strings;
        using var reader = OpenXmlReader.Create(part);
        StringBuilder? current = null;
        var inPhonetic = false;
        while (reader.Read())
        {
            var element = reader.ElementType;
            if (element == typeof(SharedStringItem))
            {
                if (reader.IsStartElement) current = new StringBuilder();
                else if (current is not null)
                {
                    strings.Add(current.ToString());
                    current = null;
                }
            }
            else if (element == typeof(PhoneticRun))
                inPhonetic = reader.IsStartElement;
            else if (element == typeof(Text) && reader.IsStartElement && current is not null && !inPhonetic)
                current.Append(reader.GetText());
        }
        return strings;
    }

    private static string? Attribute(OpenXmlReader reader, string name) =>
        reader.Attributes.FirstOrDefault(a => a.LocalName == name && string.IsNullOrEmpty(a.NamespaceUri)).Value;

    /// <summary>"C7" → 2; null when there is no usable reference.</summary>
    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference)) return null;
        var index = 0;
        var letters = 0;
        foreach (var c in reference)
        {
            if (c is >= 'A' and <= 'Z') index = index * 26 + (c - 'A' + 1);
            else if (c is >= 'a' and <= 'z') index = index * 26 + (c - 'a' + 1);
            else break;
            if (++letters > 3) return null;
        }
        return letters == 0 ? null : index - 1;
    }
}
