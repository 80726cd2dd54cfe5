using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Xml.Linq;

namespace Grassroots.Tests.Infrastructure;

/// <summary>A word that pdftotext found, with its box in points from the page's top-left corner.</summary>
public sealed record PdfWord(int Page, string Text, double Left, double Top, double Right, double Bottom, double PageWidth, double PageHeight);

/// <summary>
/// Reads generated PDFs back with real tools, as a person's viewer and phone would: poppler-utils (pdftotext,
/// pdffonts, pdfinfo, pdftoppm) and zbar-tools (zbarimg). A missing tool fails the test with the command that installs
/// it (tools/test.sh installs both).
/// </summary>
public static class PdfTools
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The text (<c>pdftotext</c>), pages separated by form feeds: with <c>-layout</c>, lines as they look on the page;
    /// without, in reading order block by block (a paragraph's lines follow each other).
    /// </summary>
    public static string Text(byte[] pdf, bool layout = true) => WithFile(pdf, (file, _) =>
        Run("pdftotext", "poppler-utils", [.. layout ? ["-layout"] : Array.Empty<string>(), "-enc", "UTF-8", file, "-"]));

    /// <summary>The text of each page, in order.</summary>
    public static IReadOnlyList<string> PageTexts(byte[] pdf, bool layout = true) => Text(pdf, layout).Split('\f').SkipLast(1).ToList();

    /// <summary>The font table of <c>pdffonts</c>: name, type, encoding, embedded, subset, unicode map.</summary>
    public static string Fonts(byte[] pdf) => WithFile(pdf, (file, _) => Run("pdffonts", "poppler-utils", file));

    /// <summary>The page count <c>pdfinfo</c> reports.</summary>
    public static int PageCount(byte[] pdf)
    {
        var info = WithFile(pdf, (file, _) => Run("pdfinfo", "poppler-utils", file));
        var line = info.Split('\n').Single(l => l.StartsWith("Pages:", StringComparison.Ordinal));
        return int.Parse(line["Pages:".Length..].Trim(), CultureInfo.InvariantCulture);
    }

    /// <summary>Every word with its position (<c>pdftotext -bbox</c>).</summary>
    public static IReadOnlyList<PdfWord> Words(byte[] pdf) => WithFile(pdf, (file, directory) =>
    {
        var html = Path.Combine(directory, "words.html");
        Run("pdftotext", "poppler-utils", "-bbox", "-enc", "UTF-8", file, html);
        XNamespace ns = "http://www.w3.org/1999/xhtml";
        var words = new List<PdfWord>();
        var number = 0;
        foreach (var page in XDocument.Load(html).Descendants(ns + "page"))
        {
            number++;
            foreach (var word in page.Elements(ns + "word"))
                words.Add(new PdfWord(number, word.Value,
                    Number(word, "xMin"), Number(word, "yMin"), Number(word, "xMax"), Number(word, "yMax"),
                    Number(page, "width"), Number(page, "height")));
        }
        return words;
    });

    /// <summary>
    /// Renders each page at <paramref name="dpi"/> (<c>pdftoppm</c>) and decodes the QR codes on it
    /// (<c>zbarimg --raw -q</c>): one list of decoded texts per page. Pages are rendered as grey PGM, not PNG: the same
    /// pixels, five times faster, as PNG compression is most of the cost.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> QrCodes(byte[] pdf, int dpi = 150) => WithFile(pdf, (file, directory) =>
    {
        Run("pdftoppm", "poppler-utils", "-r", dpi.ToString(CultureInfo.InvariantCulture), "-gray", file, Path.Combine(directory, "page"));
        return Directory.GetFiles(directory, "page-*.pgm")
            .OrderBy(path => int.Parse(Path.GetFileNameWithoutExtension(path)["page-".Length..], CultureInfo.InvariantCulture))
            .Select(image => (IReadOnlyList<string>)Run("zbarimg", "zbar-tools", [4], "--raw", "-q", image)
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
    });

    private static double Number(XElement element, string name) =>
        double.Parse((string?)element.Attribute(name) ?? throw new InvalidOperationException($"No {name} attribute."), CultureInfo.InvariantCulture);

    private static T WithFile<T>(byte[] pdf, Func<string, string, T> read)
    {
        var directory = Directory.CreateTempSubdirectory("grassroots-pdf-").FullName;
        try
        {
            var file = Path.Combine(directory, "document.pdf");
            File.WriteAllBytes(file, pdf);
            return read(file, directory);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string Run(string tool, string package, params string[] arguments) => Run(tool, package, [], arguments);

    /// <summary>Runs a tool and returns its standard output; any exit code but 0 and <paramref name="alsoOk"/> fails.</summary>
    private static string Run(string tool, string package, int[] alsoOk, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                $"{tool} is not installed; the PDF tests need it. Install it with: apt-get install -y {package} (or run tools/test.sh, which does).", e);
        }
        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{tool} took longer than {Timeout.TotalSeconds} s.");
            }
            if (process.ExitCode != 0 && !alsoOk.Contains(process.ExitCode))
                throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} exited with {process.ExitCode}: {error.Result}");
            return output;
        }
    }
}
