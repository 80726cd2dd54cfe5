using System.Text;

namespace Grassroots.Common;

/// <summary>RFC 4180 CSV reading: quoted fields, doubled quotes, CR LF or LF, an optional UTF-8 BOM.</summary>
public static class Csv
{
    public static List<string[]> Parse(string text) => [.. Read(new StringReader(text))];

    /// <summary>The records of CSV text one at a time, so that a large file is never held whole.</summary>
    public static IEnumerable<string[]> Read(TextReader reader)
    {
        var row = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        var fieldStarted = false;
        var first = true;
        int next;
        while ((next = reader.Read()) >= 0)
        {
            var c = (char)next;
            if (first)
            {
                first = false;
                if (c == '\uFEFF') continue;
            }
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        field.Append('"');
                        reader.Read();
                    }
                    else inQuotes = false;
                }
                else field.Append(c);
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0:
                    inQuotes = true;
                    fieldStarted = true;
                    break;
                case ',':
                    row.Add(field.ToString());
                    field.Clear();
                    fieldStarted = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    row.Add(field.ToString());
                    field.Clear();
                    yield return [.. row];
                    row.Clear();
                    fieldStarted = false;
                    break;
                default:
                    field.Append(c);
                    fieldStarted = true;
                    break;
            }
        }
        if (fieldStarted || field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            yield return [.. row];
        }
    }

    /// <summary>Rows as dictionaries keyed by the header row.</summary>
    public static List<Dictionary<string, string>> ParseWithHeader(string text)
    {
        var rows = Parse(text);
        if (rows.Count == 0) return [];
        var header = rows[0];
        return rows.Skip(1).Where(r => r.Length > 1 || r[0].Length > 0).Select(r =>
        {
            var d = new Dictionary<string, string>(header.Length);
            for (var c = 0; c < header.Length; c++) d[header[c]] = c < r.Length ? r[c] : "";
            return d;
        }).ToList();
    }

    public static string Escape(string? value)
    {
        value ??= "";
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
