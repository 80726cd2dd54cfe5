using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Grassroots.Documents;

/// <summary>How the cells of a column are shown.</summary>
public enum XlsxFormat { General, Text, Date, Wrap }

/// <summary>
/// A column of a sheet: header, width in characters, format, and optionally the values offered in a drop-down
/// (a list validation that warns but still accepts other text).
/// </summary>
public sealed record XlsxColumn(string Header, double Width, XlsxFormat Format = XlsxFormat.General, IReadOnlyList<string>? Choices = null);

/// <summary>One cell value: text, a number, a date, or nothing.</summary>
public readonly struct XlsxCell
{
    private enum CellKind : byte { Empty, Text, Number, Date }

    private readonly CellKind _kind;
    private readonly string? _text;
    private readonly double _number;
    private readonly uint? _style;

    private XlsxCell(CellKind kind, string? text, double number, uint? style = null)
    {
        _kind = kind;
        _text = text;
        _number = number;
        _style = style;
    }

    public static XlsxCell Empty => default;
    public static XlsxCell Bold(string? text) => string.IsNullOrEmpty(text) ? default : new(CellKind.Text, text, 0, XlsxStyles.Bold);
    /// <summary>Text that wraps within its cell (or merged cells).</summary>
    public static XlsxCell Paragraph(string? text) => string.IsNullOrEmpty(text) ? default : new(CellKind.Text, text, 0, XlsxStyles.Wrap);

    public static implicit operator XlsxCell(string? text) => string.IsNullOrEmpty(text) ? default : new(CellKind.Text, text, 0);
    public static implicit operator XlsxCell(int? number) => number is { } n ? new(CellKind.Number, null, n) : default;
    public static implicit operator XlsxCell(long? number) => number is { } n ? new(CellKind.Number, null, n) : default;
    public static implicit operator XlsxCell(DateOnly? date) =>
        date is { } d ? new(CellKind.Date, null, d.ToDateTime(TimeOnly.MinValue).ToOADate()) : default;

    internal bool IsEmpty => _kind == CellKind.Empty;

    internal Cell ToCell(string reference, XlsxFormat columnFormat) => _kind switch
    {
        CellKind.Number => new Cell { CellReference = reference, CellValue = new CellValue(_number.ToString("R", CultureInfo.InvariantCulture)) },
        CellKind.Date => new Cell { CellReference = reference, StyleIndex = XlsxStyles.Date, CellValue = new CellValue(_number.ToString("R", CultureInfo.InvariantCulture)) },
        _ => new Cell
        {
            CellReference = reference,
            DataType = CellValues.InlineString,
            StyleIndex = _style ?? columnFormat switch { XlsxFormat.Text => XlsxStyles.Text, XlsxFormat.Wrap => XlsxStyles.Wrap, _ => null },
            InlineString = new InlineString(new Text(XlsxStyles.XmlSafe(_text!)) { Space = SpaceProcessingModeValues.Preserve }),
        },
    };
}

/// <summary>
/// Writes an .xlsx workbook that Excel and LibreOffice open: inline strings, a styles part (bold header, dd/mm/yyyy dates,
/// text columns), a frozen header row and set column widths. Rows are streamed with <see cref="OpenXmlWriter"/>, so the
/// size of a sheet is not bounded by memory. Add sheets one after the other; dispose to finish the file.
/// </summary>
public sealed class XlsxWriter : IDisposable
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private readonly SpreadsheetDocument _document;
    private readonly WorkbookPart _workbook;
    private readonly List<(string Name, string RelationshipId)> _sheets = [];
    private XlsxSheetWriter? _open;
    private bool _disposed;

    public XlsxWriter(Stream output)
    {
        _document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        _workbook = _document.AddWorkbookPart();
        _workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = XlsxStyles.Create();
    }

    /// <summary>Starts a sheet; the previous one must have been disposed. With a header row, row 1 holds the headers and stays frozen.</summary>
    public XlsxSheetWriter AddSheet(string name, IReadOnlyList<XlsxColumn> columns, bool headerRow = true)
    {
        if (_open is { IsOpen: true }) throw new InvalidOperationException("Finish the previous sheet before adding another.");
        var part = _workbook.AddNewPart<WorksheetPart>();
        _sheets.Add((SheetName(name), _workbook.GetIdOfPart(part)));
        _open = new XlsxSheetWriter(part, columns, headerRow, selected: _sheets.Count == 1);
        return _open;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _open?.Dispose();
        if (_sheets.Count == 0) AddSheet("Sheet1", [], headerRow: false).Dispose();
        var sheets = new Sheets();
        uint id = 1;
        foreach (var (name, relationshipId) in _sheets)
            sheets.Append(new Sheet { Name = name, SheetId = id++, Id = relationshipId });
        _workbook.Workbook = new Workbook(new BookViews(new WorkbookView()), sheets);
        _workbook.Workbook.Save();
        _document.Dispose();
    }

    /// <summary>Sheet names: at most 31 characters, none of : \ / ? * [ ].</summary>
    private static string SheetName(string name)
    {
        var clean = new string(name.Where(c => c is not (':' or '\\' or '/' or '?' or '*' or '[' or ']')).ToArray()).Trim();
        if (clean.Length == 0) clean = "Sheet";
        return clean.Length > 31 ? clean[..31] : clean;
    }
}

/// <summary>Streams the rows of one worksheet.</summary>
public sealed class XlsxSheetWriter : IDisposable
{
    private const int MaxRows = 1_048_576;
    private readonly OpenXmlWriter _writer;
    private readonly IReadOnlyList<XlsxColumn> _columns;
    private readonly bool _headerRow;
    private uint _row;
    private readonly List<string> _merges = [];

    internal XlsxSheetWriter(WorksheetPart part, IReadOnlyList<XlsxColumn> columns, bool headerRow, bool selected)
    {
        _columns = columns;
        _headerRow = headerRow;
        _writer = OpenXmlWriter.Create(part, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        _writer.WriteStartDocument();
        _writer.WriteStartElement(new Worksheet());
        // Printed landscape, as wide as one page: lists like these are printed and sent up the chain.
        _writer.WriteElement(new SheetProperties(new PageSetupProperties { FitToPage = true }));
        var view = new SheetView { WorkbookViewId = 0U, TabSelected = selected };
        if (headerRow)
        {
            view.Append(new Pane { VerticalSplit = 1D, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen });
            view.Append(new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } });
        }
        _writer.WriteElement(new SheetViews(view));
        _writer.WriteElement(new SheetFormatProperties { DefaultRowHeight = 15D });
        if (columns.Count > 0)
        {
            var cols = new Columns();
            for (var i = 0; i < columns.Count; i++)
            {
                var col = new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = columns[i].Width, CustomWidth = true };
                if (StyleOf(columns[i].Format) is { } style) col.Style = style;
                cols.Append(col);
            }
            _writer.WriteElement(cols);
        }
        _writer.WriteStartElement(new SheetData());
        IsOpen = true;
        if (headerRow) WriteRow(columns.Select(c => XlsxCell.Bold(c.Header)).ToArray(), header: true);
    }

    internal bool IsOpen { get; private set; }

    public int RowCount => (int)_row;

    public void WriteRow(params XlsxCell[] cells) => WriteRow(cells, header: false);

    /// <summary>A row with a set height (in points), for wrapped text that Excel does not size on opening.</summary>
    public void WriteRow(double height, params XlsxCell[] cells) => WriteRow(cells, header: false, height);

    private void WriteRow(XlsxCell[] cells, bool header, double? height = null)
    {
        if (!IsOpen) throw new InvalidOperationException("The sheet is finished.");
        if (_row >= MaxRows) throw new InvalidOperationException($"A sheet holds at most {MaxRows} rows.");
        _row++;
        var attributes = new List<OpenXmlAttribute> { new("r", "", _row.ToString(CultureInfo.InvariantCulture)) };
        if (height is { } h)
        {
            attributes.Add(new("ht", "", h.ToString(CultureInfo.InvariantCulture)));
            attributes.Add(new("customHeight", "", "1"));
        }
        _writer.WriteStartElement(new Row(), attributes);
        for (var i = 0; i < cells.Length; i++)
        {
            if (cells[i].IsEmpty) continue;
            var format = i < _columns.Count ? _columns[i].Format : XlsxFormat.General;
            var cell = cells[i].ToCell(ColumnName(i) + _row.ToString(CultureInfo.InvariantCulture), header ? XlsxFormat.General : format);
            if (header) cell.StyleIndex = XlsxStyles.Header;
            _writer.WriteElement(cell);
        }
        _writer.WriteEndElement();
    }

    /// <summary>Merges the first <paramref name="columns"/> cells of the row last written (a paragraph across a table's width).</summary>
    public void MergeAcross(int columns)
    {
        if (columns > 1) _merges.Add($"A{_row}:{ColumnName(columns - 1)}{_row}");
    }

    public void Dispose()
    {
        if (!IsOpen) return;
        IsOpen = false;
        _writer.WriteEndElement(); // sheetData
        if (_merges.Count > 0)
            _writer.WriteElement(new MergeCells(_merges.Select(m => new MergeCell { Reference = m })) { Count = (uint)_merges.Count });
        var validations = new DataValidations();
        for (var i = 0; i < _columns.Count; i++)
        {
            if (_columns[i].Choices is not { Count: > 0 } choices) continue;
            var column = ColumnName(i);
            validations.Append(new DataValidation(new Formula1("\"" + string.Join(",", choices) + "\""))
            {
                Type = DataValidationValues.List, AllowBlank = true, ShowErrorMessage = true, ErrorStyle = DataValidationErrorStyleValues.Warning,
                ErrorTitle = "Giá trị không có trong danh sách", Error = "Chọn một trong: " + string.Join(", ", choices) + ".",
                SequenceOfReferences = new ListValue<StringValue> { InnerText = $"{column}{(_headerRow ? 2 : 1)}:{column}{MaxRows}" },
            });
        }
        if (validations.HasChildren)
        {
            validations.Count = (uint)validations.ChildElements.Count;
            _writer.WriteElement(validations);
        }
        _writer.WriteElement(new PageMargins { Left = 0.5D, Right = 0.5D, Top = 0.6D, Bottom = 0.6D, Header = 0.3D, Footer = 0.3D });
        _writer.WriteElement(new PageSetup { PaperSize = 9U, Orientation = OrientationValues.Landscape, FitToWidth = 1U, FitToHeight = 0U });
        _writer.WriteEndElement(); // worksheet
        _writer.Close();
    }

    /// <summary>0 → A, 25 → Z, 26 → AA.</summary>
    public static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
            name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }

    private static uint? StyleOf(XlsxFormat format) => format switch
    {
        XlsxFormat.Text => XlsxStyles.Text,
        XlsxFormat.Date => XlsxStyles.Date,
        XlsxFormat.Wrap => XlsxStyles.Wrap,
        _ => null,
    };
}

/// <summary>The fixed styles part: indexes into cellXfs.</summary>
internal static class XlsxStyles
{
    public const uint Header = 1, Date = 2, Text = 3, Wrap = 4, Bold = 5;
    private const uint DateFormatId = 164, TextFormatId = 49;

    public static Stylesheet Create() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = DateFormatId, FormatCode = "dd/mm/yyyy" }) { Count = 1 },
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }, new FontFamilyNumbering { Val = 2 }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" }, new FontFamilyNumbering { Val = 2 })) { Count = 2 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFDDEBF7" }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid })) { Count = 3 },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Center }) { NumberFormatId = 0, FontId = 1, FillId = 2, BorderId = 0, FormatId = 0, ApplyFont = true, ApplyFill = true, ApplyAlignment = true },
            new CellFormat { NumberFormatId = DateFormatId, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = TextFormatId, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyAlignment = true },
            new CellFormat { NumberFormatId = 0, FontId = 1, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true }) { Count = 6 },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });

    /// <summary>Drops characters that XML 1.0 cannot carry and cuts to Excel's 32,767 characters per cell.</summary>
    public static string XmlSafe(string text)
    {
        if (text.Length > 32_767) text = text[..32_767];
        foreach (var c in text)
            if (!XmlChar(c)) return new string(text.Where(XmlChar).ToArray());
        return text;
    }

    private static bool XmlChar(char c) => c is '\t' or '\n' or '\r' || (c >= 0x20 && c != '\uFFFE' && c != '\uFFFF');
}
