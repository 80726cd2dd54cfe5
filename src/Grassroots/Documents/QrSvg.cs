using System.Globalization;
using System.Text;
using QRCoder;

namespace Grassroots.Documents;

/// <summary>
/// A QR code as an SVG element to put in a page (error correction M, with the 4-module quiet zone readers need). Dark
/// modules next to each other in a row are one path segment. A stopgap behind one method until Documents/QrCode.cs (its
/// matrix drawn as SVG and into PDFs) is merged; callers only use <see cref="Render"/>.
/// </summary>
public static class QrSvg
{
    /// <summary>The SVG markup for <paramref name="text"/>; it scales to its box (viewBox in modules).</summary>
    /// <exception cref="ArgumentException">The text is empty or too long for a QR code.</exception>
    public static string Render(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        using var data = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var size = matrix.Count;
        var path = new StringBuilder();
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                if (!matrix[y][x]) continue;
                var run = 1;
                while (x + run < size && matrix[y][x + run]) run++;
                path.Append(CultureInfo.InvariantCulture, $"M{x} {y}h{run}v1h-{run}z");
                x += run - 1;
            }
        }
        return string.Create(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"Mã QR\">" +
            $"<rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>");
    }
}
