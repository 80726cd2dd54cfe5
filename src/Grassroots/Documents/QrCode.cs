using System.Globalization;
using System.Security;
using System.Text;
using QRCoder;

namespace Grassroots.Documents;

/// <summary>
/// A QR code (error correction level M, about 15 % of the symbol may be damaged) as its square matrix of modules,
/// without the quiet zone; drawn as SVG for web pages or into a PDF page. Dark modules next to each other in a row are
/// drawn as one rectangle, so a code costs a few hundred shapes, not a thousand.
/// </summary>
public sealed class QrCode
{
    /// <summary>The light margin every reader needs around the symbol, in modules (ISO/IEC 18004).</summary>
    public const int QuietZone = 4;

    private readonly bool[] _dark;

    private QrCode(string text, int version, int size, bool[] dark)
    {
        Text = text;
        Version = version;
        Size = size;
        _dark = dark;
    }

    /// <summary>The text encoded.</summary>
    public string Text { get; }

    /// <summary>The symbol version, 1 to 40; the smallest that holds the text.</summary>
    public int Version { get; }

    /// <summary>Modules per side without the quiet zone: 17 + 4 × <see cref="Version"/>.</summary>
    public int Size { get; }

    /// <summary>Whether the module at this row and column (0-based, quiet zone excluded) is dark.</summary>
    public bool IsDark(int row, int column)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Size);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, Size);
        return _dark[row * Size + column];
    }

    /// <summary>Encodes text (a URL, a code) with error correction M.</summary>
    /// <exception cref="ArgumentException">The text is empty or too long for any QR version.</exception>
    public static QrCode Encode(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        QRCodeData data;
        try
        {
            data = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M);
        }
        catch (QRCoder.Exceptions.DataTooLongException e)
        {
            throw new ArgumentException($"The text ({text.Length} characters) is too long for a QR code.", nameof(text), e);
        }
        using (data)
        {
            var size = 17 + 4 * data.Version;
            var padding = (data.ModuleMatrix.Count - size) / 2;
            var dark = new bool[size * size];
            for (var row = 0; row < size; row++)
                for (var column = 0; column < size; column++)
                    dark[row * size + column] = data.ModuleMatrix[row + padding][column + padding];
            return new QrCode(text, data.Version, size, dark);
        }
    }

    /// <summary>
    /// The code as a standalone SVG element for a web page: black on white, quiet zone included, crisp edges, no script
    /// and no style attribute (a strict Content-Security-Policy accepts it). It is
    /// <paramref name="moduleSize"/> px per module; CSS may scale it. With a title, screen readers announce it.
    /// </summary>
    public string ToSvg(int moduleSize = 4, string? title = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(moduleSize, 1);
        var side = Size + 2 * QuietZone;
        var svg = new StringBuilder(64 + Size * Size);
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {side} {side}\" width=\"{side * moduleSize}\" height=\"{side * moduleSize}\" shape-rendering=\"crispEdges\"");
        if (string.IsNullOrWhiteSpace(title)) svg.Append(" aria-hidden=\"true\">");
        else svg.Append(" role=\"img\"><title>").Append(SecurityElement.Escape(title)).Append("</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/><path fill=\"#000\" d=\"");
        foreach (var (row, start, length) in DarkRuns())
            svg.Append(CultureInfo.InvariantCulture, $"M{start + QuietZone} {row + QuietZone}h{length}v1h-{length}z");
        return svg.Append("\"/></svg>").ToString();
    }

    /// <summary>
    /// Draws the code on a PDF page: a white square of <paramref name="size"/> points with its top-left corner at
    /// (<paramref name="x"/>, <paramref name="y"/>), quiet zone included, and the dark modules filled as one path.
    /// </summary>
    internal void Draw(PdfPage page, double x, double y, double size)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        var module = size / (Size + 2 * QuietZone);
        page.FillWhite(x, y, size, size);
        page.FillBlack(DarkRuns().Select(run =>
            (x + (run.Start + QuietZone) * module, y + (run.Row + QuietZone) * module, run.Length * module, module)));
    }

    /// <summary>Each row's runs of dark modules: row, first column, length.</summary>
    private IEnumerable<(int Row, int Start, int Length)> DarkRuns()
    {
        for (var row = 0; row < Size; row++)
        {
            var column = 0;
            while (column < Size)
            {
                if (!_dark[row * Size + column]) { column++; continue; }
                var start = column;
                while (column < Size && _dark[row * Size + column]) column++;
                yield return (row, start, column - start);
            }
        }
    }
}
