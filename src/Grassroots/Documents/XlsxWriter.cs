using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

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

    internal void Write(XmlWriter xml, string reference, XlsxFormat columnFormat, uint? headerStyle)
    {
        xml.WriteStartElement("c", XlsxPackage.Main);
        xml.WriteAttributeString("r", reference);
        var style = headerStyle ?? (_kind switch
        {
            CellKind.Number => null,
            CellKind.Date => XlsxStyles.Date,
            _ => _style ?? columnFormat switch { XlsxFormat.Text => XlsxStyles.Text, XlsxFormat.Wrap => XlsxStyles.Wrap, _ => (uint?)null },
        });
        if (style is { } s) xml.WriteAttributeString("s", s.ToString(CultureInfo.InvariantCulture));
        if (_kind is CellKind.Number or CellKind.Date)
            xml.WriteElementString("v", XlsxPackage.Main, _number.ToString("R", CultureInfo.InvariantCulture));
        else
        {
            xml.WriteAttributeString("t", "inlineStr");
            xml.WriteStartElement("is", XlsxPackage.Main);
            xml.WriteStartElement("t", XlsxPackage.Main);
            xml.WriteAttributeString("xml", "space", null, "preserve");
            xml.WriteString(XlsxStyles.XmlSafe(_text!));
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }
}

/// <summary>
/// Writes an .xlsx workbook that Excel and LibreOffice open: inline strings, a styles part (bold header, dd/mm/yyyy dates,
/// text columns), a frozen header row and set column widths. The package is a zip written forward: each sheet's XML is
/// compressed into the output as its rows are written, so neither the rows nor the file are held in memory, whatever
/// their number. Add sheets one after the other; dispose to finish the file (the output stream stays open).
/// </summary>
public sealed class XlsxWriter : IDisposable
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private readonly ZipArchive _zip;
    private readonly List<string> _sheets = [];
    private XlsxSheetWriter? _open;
    private bool _disposed;

    public XlsxWriter(Stream output) => _zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8);

    /// <summary>Starts a sheet; the previous one must have been disposed. With a header row, row 1 holds the headers and stays frozen.</summary>
    public XlsxSheetWriter AddSheet(string name, IReadOnlyList<XlsxColumn> columns, bool headerRow = true)
    {
        if (_open is { IsOpen: true }) throw new InvalidOperationException("Finish the previous sheet before adding another.");
        _sheets.Add(SheetName(name));
        var entry = _zip.CreateEntry($"xl/worksheets/sheet{_sheets.Count}.xml", CompressionLevel.Optimal);
        _open = new XlsxSheetWriter(entry.Open(), columns, headerRow, selected: _sheets.Count == 1);
        return _open;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _open?.Dispose();
        if (_sheets.Count == 0) AddSheet("Sheet1", [], headerRow: false).Dispose();
        Part("xl/styles.xml", x => x.WriteNode(XmlReader.Create(new StringReader(XlsxStyles.Xml)), defattr: true));
        Part("xl/workbook.xml", x =>
        {
            x.WriteStartElement("workbook", XlsxPackage.Main);
            x.WriteAttributeString("xmlns", "r", null, XlsxPackage.Relationships);
            x.WriteStartElement("bookViews", XlsxPackage.Main);
            x.WriteElementString("workbookView", XlsxPackage.Main, null);
            x.WriteEndElement();
            x.WriteStartElement("sheets", XlsxPackage.Main);
            for (var i = 0; i < _sheets.Count; i++)
            {
                x.WriteStartElement("sheet", XlsxPackage.Main);
                x.WriteAttributeString("name", _sheets[i]);
                x.WriteAttributeString("sheetId", (i + 1).ToString(CultureInfo.InvariantCulture));
                x.WriteAttributeString("id", XlsxPackage.Relationships, "rId" + (i + 1).ToString(CultureInfo.InvariantCulture));
                x.WriteEndElement();
            }
            x.WriteEndElement();
            x.WriteEndElement();
        });
        Part("xl/_rels/workbook.xml.rels", Relationships(
            [.. _sheets.Select((_, i) => ("rId" + (i + 1).ToString(CultureInfo.InvariantCulture), XlsxPackage.WorksheetType, $"worksheets/sheet{i + 1}.xml")),
             ("rId" + (_sheets.Count + 1).ToString(CultureInfo.InvariantCulture), XlsxPackage.StylesType, "styles.xml")]));
        Part("_rels/.rels", Relationships([("rId1", XlsxPackage.OfficeDocumentType, "xl/workbook.xml")]));
        Part("[Content_Types].xml", x =>
        {
            x.WriteStartElement("Types", "http://schemas.openxmlformats.org/package/2006/content-types");
            void Default(string extension, string type)
            {
                x.WriteStartElement("Default", "http://schemas.openxmlformats.org/package/2006/content-types");
                x.WriteAttributeString("Extension", extension);
                x.WriteAttributeString("ContentType", type);
                x.WriteEndElement();
            }
            void Override(string part, string type)
            {
                x.WriteStartElement("Override", "http://schemas.openxmlformats.org/package/2006/content-types");
                x.WriteAttributeString("PartName", part);
                x.WriteAttributeString("ContentType", type);
                x.WriteEndElement();
            }
            Default("rels", "application/vnd.openxmlformats-package.relationships+xml");
            Default("xml", "application/xml");
            Override("/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml");
            Override("/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml");
            for (var i = 0; i < _sheets.Count; i++)
                Override($"/xl/worksheets/sheet{i + 1}.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml");
            x.WriteEndElement();
        });
        _zip.Dispose();
    }

    /// <summary>One small XML part, written into its zip entry.</summary>
    private void Part(string name, Action<XmlWriter> write)
    {
        using var stream = _zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        using var x = XmlWriter.Create(stream, XlsxPackage.XmlSettings);
        x.WriteStartDocument(standalone: true);
        write(x);
        x.WriteEndDocument();
    }

    private static Action<XmlWriter> Relationships(IEnumerable<(string Id, string Type, string Target)> relationships) => x =>
    {
        const string ns = "http://schemas.openxmlformats.org/package/2006/relationships";
        x.WriteStartElement("Relationships", ns);
        foreach (var (id, type, target) in relationships)
        {
            x.WriteStartElement("Relationship", ns);
            x.WriteAttributeString("Id", id);
            x.WriteAttributeString("Type", type);
            x.WriteAttributeString("Target", target);
            x.WriteEndElement();
        }
        x.WriteEndElement();
    };

    /// <summary>Sheet names: at most 31 characters, none of : \ / ? * [ ].</summary>
    private static string SheetName(string name)
    {
        var clean = new string(name.Where(c => c is not (':' or '\\' or '/' or '?' or '*' or '[' or ']')).ToArray()).Trim();
        if (clean.Length == 0) clean = "Sheet";
        return clean.Length > 31 ? clean[..31] : clean;
    }
}

/// <summary>The namespaces and relationship types of the package.</summary>
internal static class XlsxPackage
{
    public const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    public const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    public const string OfficeDocumentType = Relationships + "/officeDocument";
    public const string WorksheetType = Relationships + "/worksheet";
    public const string StylesType = Relationships + "/styles";
    /// <summary>UTF-8 without a byte-order mark, as Excel writes its parts.</summary>
    public static readonly XmlWriterSettings XmlSettings = new() { Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false) };
}

/// <summary>Streams the rows of one worksheet into its part.</summary>
public sealed class XlsxSheetWriter : IDisposable
{
    private const int MaxRows = 1_048_576;
    private readonly Stream _part;
    private readonly XmlWriter _xml;
    private readonly IReadOnlyList<XlsxColumn> _columns;
    private readonly bool _headerRow;
    private uint _row;
    private readonly List<string> _merges = [];

    internal XlsxSheetWriter(Stream part, IReadOnlyList<XlsxColumn> columns, bool headerRow, bool selected)
    {
        _part = part;
        _columns = columns;
        _headerRow = headerRow;
        _xml = XmlWriter.Create(part, XlsxPackage.XmlSettings);
        _xml.WriteStartDocument(standalone: true);
        _xml.WriteStartElement("worksheet", XlsxPackage.Main);
        _xml.WriteAttributeString("xmlns", "r", null, XlsxPackage.Relationships);
        // Printed landscape, as wide as one page: lists like these are printed and sent up the chain.
        _xml.WriteStartElement("sheetPr", XlsxPackage.Main);
        Element("pageSetUpPr", ("fitToPage", "1"));
        _xml.WriteEndElement();
        _xml.WriteStartElement("sheetViews", XlsxPackage.Main);
        _xml.WriteStartElement("sheetView", XlsxPackage.Main);
        if (selected) _xml.WriteAttributeString("tabSelected", "1");
        _xml.WriteAttributeString("workbookViewId", "0");
        if (headerRow)
        {
            Element("pane", ("ySplit", "1"), ("topLeftCell", "A2"), ("activePane", "bottomLeft"), ("state", "frozen"));
            Element("selection", ("pane", "bottomLeft"), ("activeCell", "A2"), ("sqref", "A2"));
        }
        _xml.WriteEndElement();
        _xml.WriteEndElement();
        Element("sheetFormatPr", ("defaultRowHeight", "15"));
        if (columns.Count > 0)
        {
            _xml.WriteStartElement("cols", XlsxPackage.Main);
            for (var i = 0; i < columns.Count; i++)
            {
                var n = (i + 1).ToString(CultureInfo.InvariantCulture);
                _xml.WriteStartElement("col", XlsxPackage.Main);
                _xml.WriteAttributeString("min", n);
                _xml.WriteAttributeString("max", n);
                _xml.WriteAttributeString("width", columns[i].Width.ToString(CultureInfo.InvariantCulture));
                if (StyleOf(columns[i].Format) is { } style) _xml.WriteAttributeString("style", style.ToString(CultureInfo.InvariantCulture));
                _xml.WriteAttributeString("customWidth", "1");
                _xml.WriteEndElement();
            }
            _xml.WriteEndElement();
        }
        _xml.WriteStartElement("sheetData", XlsxPackage.Main);
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
        var row = _row.ToString(CultureInfo.InvariantCulture);
        _xml.WriteStartElement("row", XlsxPackage.Main);
        _xml.WriteAttributeString("r", row);
        if (height is { } h)
        {
            _xml.WriteAttributeString("ht", h.ToString(CultureInfo.InvariantCulture));
            _xml.WriteAttributeString("customHeight", "1");
        }
        for (var i = 0; i < cells.Length; i++)
        {
            if (cells[i].IsEmpty) continue;
            var format = i < _columns.Count ? _columns[i].Format : XlsxFormat.General;
            cells[i].Write(_xml, ColumnName(i) + row, header ? XlsxFormat.General : format, header ? XlsxStyles.Header : null);
        }
        _xml.WriteEndElement();
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
        _xml.WriteEndElement(); // sheetData
        if (_merges.Count > 0)
        {
            _xml.WriteStartElement("mergeCells", XlsxPackage.Main);
            _xml.WriteAttributeString("count", _merges.Count.ToString(CultureInfo.InvariantCulture));
            foreach (var m in _merges) Element("mergeCell", ("ref", m));
            _xml.WriteEndElement();
        }
        var lists = _columns.Select((c, i) => (Column: ColumnName(i), c.Choices)).Where(c => c.Choices is { Count: > 0 }).ToList();
        if (lists.Count > 0)
        {
            _xml.WriteStartElement("dataValidations", XlsxPackage.Main);
            _xml.WriteAttributeString("count", lists.Count.ToString(CultureInfo.InvariantCulture));
            foreach (var (column, choices) in lists)
            {
                _xml.WriteStartElement("dataValidation", XlsxPackage.Main);
                _xml.WriteAttributeString("type", "list");
                _xml.WriteAttributeString("errorStyle", "warning");
                _xml.WriteAttributeString("allowBlank", "1");
                _xml.WriteAttributeString("showErrorMessage", "1");
                _xml.WriteAttributeString("errorTitle", "Giá trị không có trong danh sách");
                _xml.WriteAttributeString("error", "Chọn một trong: " + string.Join(", ", choices!) + ".");
                _xml.WriteAttributeString("sqref", $"{column}{(_headerRow ? 2 : 1)}:{column}{MaxRows}");
                _xml.WriteElementString("formula1", XlsxPackage.Main, "\"" + string.Join(",", choices!) + "\"");
                _xml.WriteEndElement();
            }
            _xml.WriteEndElement();
        }
        Element("pageMargins", ("left", "0.5"), ("right", "0.5"), ("top", "0.6"), ("bottom", "0.6"), ("header", "0.3"), ("footer", "0.3"));
        Element("pageSetup", ("paperSize", "9"), ("orientation", "landscape"), ("fitToWidth", "1"), ("fitToHeight", "0"));
        _xml.WriteEndElement(); // worksheet
        _xml.WriteEndDocument();
        _xml.Dispose();
        _part.Dispose();
    }

    private void Element(string name, params (string Name, string Value)[] attributes)
    {
        _xml.WriteStartElement(name, XlsxPackage.Main);
        foreach (var (attribute, value) in attributes) _xml.WriteAttributeString(attribute, value);
        _xml.WriteEndElement();
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

    public const string Xml = """
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
        <numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>
        <fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>
        <fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills>
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
        <cellXfs count="6">
        <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
        <xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1"><alignment vertical="center"/></xf>
        <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
        <xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
        <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment wrapText="1" vertical="top"/></xf>
        <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>
        </cellXfs>
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
        </styleSheet>
        """;

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
