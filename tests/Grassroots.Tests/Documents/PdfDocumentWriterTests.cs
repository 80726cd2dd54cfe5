using System.Text;
using Grassroots.Documents;
using Grassroots.Tests.Infrastructure;

namespace Grassroots.Tests.Documents;

/// <summary>The PDF layer under the layouts: text in every Vietnamese letter, composed marks, and honest widths.</summary>
public sealed class PdfDocumentWriterTests
{
    private static readonly PdfFont[] Faces = [new(11), new(11, Bold: true), new(11, Italic: true), new(11, Bold: true, Italic: true)];

    /// <summary>Every Vietnamese letter in both cases with all five tone marks, ASCII, Latin-1 and Latin Extended-A.</summary>
    private static string Repertoire()
    {
        var text = new StringBuilder();
        for (var c = '!'; c <= '~'; c++) text.Append(c);
        foreach (var vowel in "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY")
            foreach (var mark in new[] { "", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323" })
                text.Append((vowel + mark).Normalize(NormalizationForm.FormC));
        text.Append("đĐ–—‘’“”…€№");
        for (var c = '\u00C0'; c < '\u0180'; c++) text.Append(c);
        return text.ToString();
    }

    private static byte[] Pdf(Action<PdfPage> draw, double width = 595, double height = 842)
    {
        using var document = new PdfDocumentWriter("Thử");
        draw(document.AddPage(width, height));
        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    [Fact]
    public void Hundreds_of_distinct_letters_in_every_face_come_back_exactly()
    {
        var repertoire = Repertoire();
        Assert.True(repertoire.Distinct().Count() > 300, "The text must have more distinct characters than a one-byte font encoding holds.");
        var lines = repertoire.Chunk(40).Select(chunk => new string(chunk)).ToList();

        var pdf = Pdf(page =>
        {
            var top = 30.0;
            foreach (var face in Faces)
                foreach (var line in lines)
                    page.DrawText(line, face, 30, top += 14);
        });

        var text = string.Concat(PdfTools.Text(pdf, layout: false).Where(c => !char.IsWhiteSpace(c)));
        Assert.Equal(string.Concat(Enumerable.Repeat(repertoire, Faces.Length)), text);
        var fonts = PdfTools.Fonts(pdf);
        Assert.Equal(4, fonts.Split('\n').Count(row => row.Contains("LiberationSerif", StringComparison.Ordinal)));
    }

    [Fact]
    public void Letters_typed_with_combining_marks_print_as_the_composed_letters()
    {
        const string composed = "Nguyễn Thị Ngọc Ánh, Độc lập - Tự do - Hạnh phúc";
        var decomposed = composed.Normalize(NormalizationForm.FormD);
        Assert.NotEqual(composed, decomposed);

        var pdf = Pdf(page =>
        {
            Assert.Equal(page.MeasureWidth(composed, Faces[0]), page.MeasureWidth(decomposed, Faces[0]));
            PdfText.Draw(page, decomposed, Faces[0], 30, 30, 500);
        });

        Assert.Contains(composed, PdfTools.Text(pdf));
    }

    [Theory]
    [InlineData("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, true)]
    [InlineData("Nguyễn Thị Ngọc Ánh", 14, false)]
    [InlineData("Độc lập - Tự do - Hạnh phúc", 14, true)]
    public void Measured_widths_are_where_a_viewer_puts_the_glyphs(string text, double size, bool bold)
    {
        var font = new PdfFont(size, bold);
        double measured = 0;

        var words = PdfTools.Words(Pdf(page =>
        {
            measured = page.MeasureWidth(text, font);
            page.DrawText(text, font, 100, 100);
        }));

        Assert.Equal(100, words[0].Left, 0.5);
        Assert.Equal(100 + measured, words[^1].Right, 0.5);
        Assert.Equal(text.Split(' '), words.Select(word => word.Text));
        // Times New Roman's metrics: the national heading in 13 pt bold is 271.2 pt wide.
        if (bold && size == 13) Assert.Equal(271.2, measured, 0.1);
    }

    [Fact]
    public void Documents_written_on_many_threads_at_once_are_each_whole()
    {
        var pdfs = new byte[8][];

        Parallel.For(0, pdfs.Length, i => pdfs[i] = Pdf(page =>
        {
            for (var line = 0; line < 40; line++)
                PdfText.Draw(page, $"Nguyễn Thị Ngọc Ánh {i}-{line}", Faces[(i + line) % Faces.Length], 30, 30 + 19 * line, 500);
        }));

        Assert.All(pdfs, (pdf, i) =>
        {
            var text = PdfTools.Text(pdf);
            for (var line = 0; line < 40; line++) Assert.Contains($"Nguyễn Thị Ngọc Ánh {i}-{line}", text);
        });
    }

    [Fact]
    public void Pages_have_the_size_asked_for()
    {
        using var document = new PdfDocumentWriter("Thử");
        document.AddPage(297 / 25.4 * 72, 210 / 25.4 * 72).DrawText("1", new PdfFont(12), 10, 20);
        document.AddPage(210 / 25.4 * 72, 297 / 25.4 * 72).DrawText("2", new PdfFont(12), 10, 20);
        using var output = new MemoryStream();
        document.Save(output);

        var words = PdfTools.Words(output.ToArray());
        Assert.Equal(2, PdfTools.PageCount(output.ToArray()));
        Assert.Equal((842, 595), (Math.Round(words[0].PageWidth), Math.Round(words[0].PageHeight)));
        Assert.Equal((595, 842), (Math.Round(words[1].PageWidth), Math.Round(words[1].PageHeight)));
        Assert.Equal(["1", "2"], words.Select(word => word.Text));
    }
}
