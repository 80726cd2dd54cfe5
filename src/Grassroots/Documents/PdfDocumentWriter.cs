using System.Buffers;
using System.Text;
using SkiaSharp;

namespace Grassroots.Documents;

/// <summary>Liberation Serif in one face at one size, in points.</summary>
internal sealed record PdfFont(double Size, bool Bold = false, bool Italic = false);

/// <summary>
/// A PDF being written: pages of any size in points, drawn top-down with the origin at the top-left corner, and the
/// text metrics the layouts need. The only place besides <see cref="PdfFonts"/> that calls SkiaSharp (its PDF backend,
/// Skia's SkPDF), so the layouts depend on nothing but this and <see cref="PdfPage"/>. The file is built in memory and
/// only <see cref="Save"/> writes to the caller's stream, so a layout that throws half-way leaves it untouched.
/// Not thread-safe: one document belongs to one call.
/// </summary>
internal sealed class PdfDocumentWriter : IDisposable
{
    private readonly MemoryStream _buffer = new();
    private readonly SKManagedWStream _stream;
    private readonly SKDocument _document;
    private readonly Dictionary<PdfFont, SKFont> _fonts = [];
    private readonly SKPaint _black = new() { Color = SKColors.Black, Style = SKPaintStyle.Fill, IsAntialias = true };
    private readonly SKPaint _white = new() { Color = SKColors.White, Style = SKPaintStyle.Fill, IsAntialias = true };
    private readonly SKPaint _stroke = new() { Color = SKColors.Black, Style = SKPaintStyle.Stroke, IsAntialias = true };
    private bool _pageOpen, _closed;

    /// <summary>A new document with the fonts loaded, titled <paramref name="title"/> and made by Grassroots.</summary>
    public PdfDocumentWriter(string title)
    {
        PdfFonts.EnsureRegistered();
        var metadata = SKDocumentPdfMetadata.Default;
        metadata.Title = title;
        metadata.Creator = "Grassroots";
        metadata.Creation = DateTime.Now;
        _stream = new SKManagedWStream(_buffer);
        _document = SKDocument.CreatePdf(_stream, metadata)
            ?? throw new InvalidOperationException("SkiaSharp could not create a PDF document.");
    }

    public int PageCount { get; private set; }

    /// <summary>Starts a page <paramref name="width"/> × <paramref name="height"/> points; the previous page is finished.</summary>
    public PdfPage AddPage(double width, double height)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        EndPage();
        var canvas = _document.BeginPage((float)width, (float)height);
        _pageOpen = true;
        PageCount++;
        return new PdfPage(this, canvas, width, height);
    }

    /// <summary>Finishes the document and writes it to <paramref name="output"/>, which stays open.</summary>
    public void Save(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (PageCount == 0) throw new InvalidOperationException("A PDF needs at least one page.");
        EndPage();
        _document.Close();
        _closed = true;
        _stream.Flush();
        _buffer.Position = 0;
        _buffer.CopyTo(output);
    }

    public void Dispose()
    {
        if (!_closed) _document.Abort();
        _closed = true;
        _document.Dispose();
        _stream.Dispose();
        _buffer.Dispose();
        foreach (var font in _fonts.Values) font.Dispose();
        _black.Dispose();
        _white.Dispose();
        _stroke.Dispose();
    }

    private void EndPage()
    {
        if (!_pageOpen) return;
        _document.EndPage();
        _pageOpen = false;
    }

    /// <summary>
    /// The Skia font for a <see cref="PdfFont"/>, with unhinted linear metrics: widths are the font's own advances
    /// scaled to the size, as the PDF viewer will place the glyphs.
    /// </summary>
    internal SKFont Font(PdfFont font)
    {
        if (_fonts.TryGetValue(font, out var skia)) return skia;
        skia = new SKFont(PdfFonts.Typeface(font.Bold, font.Italic), (float)font.Size)
        {
            Hinting = SKFontHinting.None,
            LinearMetrics = true,
            Subpixel = true,
        };
        _fonts.Add(font, skia);
        return skia;
    }

    internal SKPaint Black => _black;
    internal SKPaint White => _white;

    internal SKPaint Stroke(double thickness)
    {
        _stroke.StrokeWidth = (float)thickness;
        return _stroke;
    }
}

/// <summary>
/// One page of a <see cref="PdfDocumentWriter"/>, in points from its top-left corner; usable until the next page is
/// added. Text is drawn in black on its baseline; Unicode text is composed (NFC) first, so letters typed as a base
/// letter and combining marks print as the font's precomposed Vietnamese letters.
/// </summary>
internal sealed class PdfPage
{
    private readonly PdfDocumentWriter _document;
    private readonly SKCanvas _canvas;

    internal PdfPage(PdfDocumentWriter document, SKCanvas canvas, double width, double height)
    {
        _document = document;
        _canvas = canvas;
        Width = width;
        Height = height;
    }

    public double Width { get; }

    public double Height { get; }

    /// <summary>How wide <paramref name="text"/> is in <paramref name="font"/>, in points.</summary>
    public double MeasureWidth(string text, PdfFont font)
    {
        text = Compose(text);
        if (text.Length == 0) return 0;
        var skia = _document.Font(font);
        var count = skia.CountGlyphs(text);
        var rented = count > 256 ? ArrayPool<ushort>.Shared.Rent(count) : null;
        try
        {
            var glyphs = rented is null ? stackalloc ushort[count] : rented.AsSpan(0, count);
            skia.GetGlyphs(text, glyphs);
            return skia.MeasureText(glyphs);
        }
        finally
        {
            if (rented is not null) ArrayPool<ushort>.Shared.Return(rented);
        }
    }

    /// <summary>Draws one line of text starting at <paramref name="x"/> on the baseline <paramref name="baseline"/>.</summary>
    public void DrawText(string text, PdfFont font, double x, double baseline)
    {
        text = Compose(text);
        if (text.Length == 0) return;
        _canvas.DrawText(text, (float)x, (float)baseline, _document.Font(font), _document.Black);
    }

    /// <summary>A straight line <paramref name="thickness"/> points wide with square-cut ends.</summary>
    public void DrawLine(double x1, double y1, double x2, double y2, double thickness) =>
        _canvas.DrawLine((float)x1, (float)y1, (float)x2, (float)y2, _document.Stroke(thickness));

    /// <summary>The outline of a rectangle, the stroke centred on its edges.</summary>
    public void StrokeRectangle(double x, double y, double width, double height, double thickness) =>
        _canvas.DrawRect((float)x, (float)y, (float)width, (float)height, _document.Stroke(thickness));

    /// <summary>A white rectangle (to clear the ground under a QR code).</summary>
    public void FillWhite(double x, double y, double width, double height) =>
        _canvas.DrawRect((float)x, (float)y, (float)width, (float)height, _document.White);

    /// <summary>Black rectangles filled as one path.</summary>
    public void FillBlack(IEnumerable<(double X, double Y, double Width, double Height)> rectangles)
    {
        using var path = new SKPath { FillType = SKPathFillType.Winding };
        foreach (var (x, y, width, height) in rectangles)
            path.AddRect(SKRect.Create((float)x, (float)y, (float)width, (float)height));
        _canvas.DrawPath(path, _document.Black);
    }

    /// <summary>The text in Unicode composed form; text that cannot be normalised (a lone surrogate) is left as it is.</summary>
    internal static string Compose(string text)
    {
        try
        {
            return text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            return text;
        }
    }
}
