using System.Text;
using Grassroots.Documents;

namespace Grassroots.Tests.Infrastructure;

/// <summary>Files for the import tests: a workbook from values, CSV text as bytes.</summary>
public static class SheetFiles
{
    /// <summary>A workbook with one sheet: strings as text cells, numbers as number cells, dates as Excel date cells.</summary>
    public static byte[] Xlsx(string sheetName, IReadOnlyList<string> headers, params object?[][] rows)
    {
        using var output = new MemoryStream();
        using (var xlsx = new XlsxWriter(output))
        using (var sheet = xlsx.AddSheet(sheetName, headers.Select(h => new XlsxColumn(h, 15)).ToList()))
            foreach (var row in rows)
                sheet.WriteRow(row.Select(Cell).ToArray());
        return output.ToArray();
    }

    private static XlsxCell Cell(object? value) => value switch
    {
        null => XlsxCell.Empty,
        int n => n,
        DateOnly d => d,
        string s => s,
        _ => throw new ArgumentException($"Unexpected cell value {value}"),
    };

    /// <summary>CSV lines in UTF-8 (CR LF), with or without the byte-order mark Excel writes.</summary>
    public static byte[] Csv(bool bom, params string[] lines)
    {
        var text = string.Join("\r\n", lines) + "\r\n";
        return (bom ? new byte[] { 0xEF, 0xBB, 0xBF } : []).Concat(new UTF8Encoding(false).GetBytes(text)).ToArray();
    }
}

/// <summary>An exported sheet read back, edited by header as a person would, and written again.</summary>
public sealed class EditableSheet(string sheetName, List<string> headers, List<string[]> rows)
{
    public List<string> Headers { get; } = headers;
    public List<string[]> Rows { get; } = rows;

    /// <summary>Dates come back as Excel serial numbers; written back as such they stay date cells to the importer.</summary>
    public static EditableSheet Read(string sheetName, byte[] xlsx)
    {
        Assert.True(XlsxReader.TryRead(new MemoryStream(xlsx), name => name == sheetName, 100_000, out var rows));
        var headers = rows[0].Cells.Select(c => c.Text).ToList();
        return new(sheetName, headers, [.. rows.Skip(1).Select(r => Enumerable.Range(0, headers.Count).Select(i => r[i].Text).ToArray())]);
    }

    /// <summary>The row whose first cell is this id.</summary>
    public int RowOf(int id) => Rows.FindIndex(r => r[0] == id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public string Get(int row, string header) => Rows[row][Headers.IndexOf(header)];

    public void Set(int row, string header, string value) => Rows[row][Headers.IndexOf(header)] = value;

    public void Add(params (string Header, string Value)[] cells)
    {
        var row = new string[Headers.Count];
        Array.Fill(row, "");
        foreach (var (header, value) in cells) row[Headers.IndexOf(header)] = value;
        Rows.Add(row);
    }

    /// <summary>Whole numbers (ids, Excel date serials) go back as number cells, the rest as text.</summary>
    public byte[] ToXlsx() => SheetFiles.Xlsx(sheetName, Headers, [.. Rows.Select(r => r.Select(v => (object?)(int.TryParse(v, out var n) ? n : v)).ToArray())]);
}
