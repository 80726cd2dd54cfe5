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

    /// <summary>Opens a part's XML for reading forward only (plain XmlReader: the SDK's typed reader is several times slower).</summary>
    private static XmlReader Xml(OpenXmlPart part) =>
        XmlReader.Create(part.GetStream(FileMode.Open, FileAccess.Read), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, CloseInput = true });

    private static IEnumerable<SheetRow> ReadRows(WorksheetPart part, IReadOnlyList<string> strings)
    {
        using var xml = Xml(part);
        var rowNumber = 0;
        List<SheetCell>? cells = null;
        int column = -1;
        string? type = null;
        StringBuilder value = new(), inline = new();
        bool inValue = false, inText = false, inPhonetic = false;

        void EndCell()
        {
            if (cells is null || column >= MaxColumns) return;
            var cell = ToCell(type, inValue || value.Length > 0 ? value.ToString() : null, inline.ToString(), strings);
            if (cell.Text.Length == 0) return;
            while (cells.Count <= column) cells.Add(new SheetCell(""));
            cells[column] = cell;
        }

        SheetRow? EndRow()
        {
            if (cells is null) return null;
            var row = new SheetRow(rowNumber, cells);
            cells = null;
            return row.IsBlank ? null : row;
        }

        while (xml.Read())
        {
            switch (xml.NodeType)
            {
                case XmlNodeType.Element:
                    switch (xml.LocalName)
                    {
                        case "row":
                            rowNumber = int.TryParse(xml.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : rowNumber + 1;
                            cells = [];
                            column = -1;
                            if (xml.IsEmptyElement) EndRow();
                            break;
                        case "c" when cells is not null:
                            column = ColumnIndex(xml.GetAttribute("r")) ?? column + 1;
                            type = xml.GetAttribute("t");
                            value.Clear();
                            inline.Clear();
                            if (xml.IsEmptyElement) EndCell();
                            break;
                        case "v" when cells is not null:
                            inValue = !xml.IsEmptyElement;
                            break;
                        case "t" when cells is not null && !inPhonetic:
                            inText = !xml.IsEmptyElement;
                            break;
                        case "rPh":
                            inPhonetic = !xml.IsEmptyElement;
                            break;
                    }
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace:
                    if (inValue) value.Append(xml.Value);
                    else if (inText) inline.Append(xml.Value);
                    break;
                case XmlNodeType.EndElement:
                    switch (xml.LocalName)
                    {
                        case "v": inValue = false; break;
                        case "t": inText = false; break;
                        case "rPh": inPhonetic = false; break;
                        case "c": EndCell(); break;
                        case "row":
                            if (EndRow() is { } row) yield return row;
                            break;
                    }
                    break;
            }
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
        using var xml = Xml(part);
        var current = new StringBuilder();
        bool inItem = false, inText = false, inPhonetic = false;
        while (xml.Read())
        {
            switch (xml.NodeType)
            {
                case XmlNodeType.Element when xml.LocalName == "si":
                    current.Clear();
                    if (xml.IsEmptyElement) strings.Add("");
                    else inItem = true;
                    break;
                case XmlNodeType.Element when xml.LocalName == "rPh":
                    inPhonetic = !xml.IsEmptyElement;
                    break;
                case XmlNodeType.Element when xml.LocalName == "t":
                    inText = inItem && !inPhonetic && !xml.IsEmptyElement;
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace when inText:
                    current.Append(xml.Value);
                    break;
                case XmlNodeType.EndElement when xml.LocalName == "t":
                    inText = false;
                    break;
                case XmlNodeType.EndElement when xml.LocalName == "rPh":
                    inPhonetic = false;
                    break;
                case XmlNodeType.EndElement when xml.LocalName == "si":
                    strings.Add(current.ToString());
                    inItem = false;
                    break;
            }
        }
        return strings;
    }

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
