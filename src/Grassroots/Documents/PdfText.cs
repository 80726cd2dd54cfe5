using System.Globalization;
using System.Text;

namespace Grassroots.Documents;

/// <summary>How the lines of a paragraph sit within its width.</summary>
internal enum TextAlign { Left, Center, Right }

/// <summary>A piece of text in one font; a paragraph is a list of runs.</summary>
internal readonly record struct TextRun(string Text, PdfFont Font);

/// <summary>
/// Paragraphs for the PDF layouts: runs in several fonts are word-wrapped within a width (a word longer than the width
/// is broken between letters), aligned, and drawn top-down; each call returns where the next line starts, so layouts
/// flow instead of overflowing. Also the date formats of Vietnamese documents.
/// </summary>
internal static class PdfText
{
    /// <summary>Distance from a line's top to its baseline, in em (Liberation Serif's ascent is 0.891 em).</summary>
    private const double Ascent = 0.9;

    /// <summary>
    /// Liberation Serif in one face, always Unicode-encoded (embedded as a CID font with a map back to the text), so
    /// each face is one font in the file whatever its text, and copying or searching the text works in every viewer.
    /// </summary>
    public static PdfFont Font(double size, bool bold = false, bool italic = false) => new(size, bold, italic);

    /// <summary>Draws one paragraph; returns the top of the line after it.</summary>
    public static double Draw(PdfPage page, string text, PdfFont font, double x, double top, double width,
        TextAlign align = TextAlign.Left, double lineSpacing = 1.25) =>
        Draw(page, [new TextRun(text, font)], x, top, width, align, lineSpacing);

    /// <summary>
    /// Draws runs wrapped within <paramref name="width"/> from <paramref name="x"/>, the first line's top at
    /// <paramref name="top"/>; lines after the first start <paramref name="hangingIndent"/> further right (to align
    /// a wrapped value under its first word after a label). Returns the top of the line after the paragraph.
    /// </summary>
    public static double Draw(PdfPage page, IReadOnlyList<TextRun> runs, double x, double top, double width,
        TextAlign align = TextAlign.Left, double lineSpacing = 1.25, double hangingIndent = 0)
    {
        foreach (var line in Wrap(page, runs, width, hangingIndent))
        {
            var offset = align switch
            {
                TextAlign.Center => line.Indent + (width - line.Indent - line.Width) / 2,
                TextAlign.Right => width - line.Width,
                _ => line.Indent,
            };
            foreach (var segment in line.Segments)
                page.DrawText(segment.Text, segment.Font, x + offset + segment.X, top + line.Size * Ascent);
            top += line.Size * lineSpacing;
        }
        return top;
    }

    /// <summary>The height <see cref="Draw(PdfPage, IReadOnlyList{TextRun}, double, double, double, TextAlign, double, double)"/> would use.</summary>
    public static double Measure(PdfPage page, IReadOnlyList<TextRun> runs, double width, double lineSpacing = 1.25, double hangingIndent = 0) =>
        Wrap(page, runs, width, hangingIndent).Sum(line => line.Size * lineSpacing);

    /// <summary>The lines one-font text wraps to within <paramref name="width"/>.</summary>
    public static IReadOnlyList<string> Lines(PdfPage page, string text, PdfFont font, double width) =>
        [.. Wrap(page, [new TextRun(text, font)], width, 0).Select(line => string.Concat(line.Segments.Select(s => s.Text)))];

    /// <summary>
    /// Text that fits in at most <paramref name="maxLines"/> lines: wrapped, and the last line cut with an ellipsis
    /// when there is more.
    /// </summary>
    public static IReadOnlyList<string> Fit(PdfPage page, string text, PdfFont font, double width, int maxLines)
    {
        var lines = Lines(page, text, font, width);
        if (lines.Count <= maxLines) return lines;
        var last = lines[maxLines - 1];
        while (last.Length > 0 && Width(page, last + "…", font) > width) last = last[..^1].TrimEnd();
        return [.. lines.Take(maxLines - 1), last + "…"];
    }

    public static double Width(PdfPage page, string text, PdfFont font) => page.MeasureWidth(text, font);

    /// <summary>A horizontal rule centred on <paramref name="centreX"/>.</summary>
    public static void Rule(PdfPage page, double centreX, double y, double length, double thickness = 0.75) =>
        page.DrawLine(centreX - length / 2, y, centreX + length / 2, y, thickness);

    /// <summary>A calendar date as 21/11/2026.</summary>
    public static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>
    /// The place-and-date line of an official document (Nghị định 30/2020): "Phú Thọ, ngày 05 tháng 3 năm 2026" —
    /// days below 10 and the months 1 and 2 take a leading zero, other months do not.
    /// </summary>
    public static string PlaceAndDate(string place, DateOnly date) => string.Create(CultureInfo.InvariantCulture,
        $"{place}, ngày {date.Day:00} tháng {(date.Month <= 2 ? date.Month.ToString("00", CultureInfo.InvariantCulture) : date.Month.ToString(CultureInfo.InvariantCulture))} năm {date.Year}");

    /// <summary>Upper case the Vietnamese way (ư → Ư, đ → Đ, tone marks kept).</summary>
    public static string Upper(string text) => text.ToUpper(CultureInfo.GetCultureInfo("vi-VN"));

    private sealed record Segment(double X, string Text, PdfFont Font);

    private sealed record Line(List<Segment> Segments, double Width, double Indent, double Size);

    /// <summary>A word: pieces in possibly different fonts with no space between them.</summary>
    private sealed record Word(List<TextRun> Pieces);

    private static List<Line> Wrap(PdfPage page, IReadOnlyList<TextRun> runs, double width, double hangingIndent)
    {
        var lines = new List<Line>();
        var segments = new List<Segment>();
        double used = 0, indent = 0;

        void Flush()
        {
            var size = segments.Count > 0 ? segments.Max(s => s.Font.Size) : runs.Select(r => r.Font.Size).DefaultIfEmpty(0).Max();
            lines.Add(new Line(segments, used, indent, size));
            segments = [];
            used = 0;
            indent = Math.Min(hangingIndent, width / 2);
        }

        void Append(string text, PdfFont font, bool spaceBefore)
        {
            if (segments.Count > 0 && segments[^1].Font == font)
            {
                var last = segments[^1];
                segments[^1] = last with { Text = last.Text + (spaceBefore ? " " : "") + text };
                used = last.X + Width(page, segments[^1].Text, font);
            }
            else
            {
                var x = used + (spaceBefore ? Width(page, " ", font) : 0);
                segments.Add(new Segment(x, text, font));
                used = x + Width(page, text, font);
            }
        }

        foreach (var word in Words(runs))
        {
            var wordWidth = word.Pieces.Sum(p => Width(page, p.Text, p.Font));
            var space = segments.Count > 0 ? Width(page, " ", word.Pieces[0].Font) : 0;
            if (segments.Count > 0 && used + space + wordWidth > width - indent) Flush();
            if (wordWidth <= width - indent)
            {
                for (var i = 0; i < word.Pieces.Count; i++)
                    Append(word.Pieces[i].Text, word.Pieces[i].Font, spaceBefore: i == 0 && segments.Count > 0);
                continue;
            }
            // Longer than a whole line (a URL, a code): break it between letters.
            foreach (var piece in word.Pieces)
            {
                var letters = StringInfo.GetTextElementEnumerator(piece.Text);
                while (letters.MoveNext())
                {
                    var letter = letters.GetTextElement();
                    if (segments.Count > 0 && used + Width(page, letter, piece.Font) > width - indent) Flush();
                    Append(letter, piece.Font, spaceBefore: false);
                }
            }
        }
        if (segments.Count > 0 || lines.Count == 0) Flush();
        return lines;
    }

    private static List<Word> Words(IReadOnlyList<TextRun> runs)
    {
        var words = new List<Word>();
        var spaceBefore = true;
        foreach (var run in runs)
        {
            var parts = Normalise(run.Text).Split(' ');
            for (var i = 0; i < parts.Length; i++)
            {
                if (i > 0) spaceBefore = true;
                if (parts[i].Length == 0) continue;
                if (spaceBefore || words.Count == 0) words.Add(new Word([]));
                words[^1].Pieces.Add(new TextRun(parts[i], run.Font));
                spaceBefore = false;
            }
        }
        return words;
    }

    /// <summary>
    /// Every kind of white space (tab, line break, no-break space) as a plain space, and letters composed (NFC): a
    /// base letter typed with combining tone marks becomes the font's precomposed letter, measured and drawn as one.
    /// </summary>
    private static string Normalise(string text)
    {
        text = PdfPage.Compose(text);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text) builder.Append(char.IsWhiteSpace(c) ? ' ' : c);
        return builder.ToString();
    }
}
