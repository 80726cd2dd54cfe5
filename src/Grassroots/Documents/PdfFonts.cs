using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace Grassroots.Documents;

/// <summary>
/// The fonts of every PDF Grassroots writes: Liberation Serif (metric-compatible with Times New Roman, the font of
/// official documents), read from the files shipped in <c>data/fonts</c>, so no font package is needed on the server.
/// </summary>
public static class PdfFonts
{
    /// <summary>The family name to use in <c>XFont</c>; "Times New Roman" resolves to the same files.</summary>
    public const string Family = "Liberation Serif";

    private static readonly Lock Gate = new();
    private static LiberationSerifFontResolver? _resolver;

    /// <summary>Where the font files are looked for: <c>data/fonts</c> beside the program.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "data", "fonts");

    /// <summary>
    /// Installs the font resolver for the process. PDFsharp allows this once, before the first font is used; this
    /// method may be called any number of times from any thread. Every layout in this folder calls it, so callers
    /// outside it need not, but startup may call it to fail early when the font files are missing.
    /// </summary>
    /// <exception cref="FileNotFoundException">A font file is missing from <see cref="DefaultDirectory"/>.</exception>
    /// <exception cref="InvalidOperationException">Another font resolver was installed first.</exception>
    public static void EnsureRegistered()
    {
        if (Volatile.Read(ref _resolver) is not null) return;
        lock (Gate)
        {
            if (_resolver is not null) return;
            var resolver = new LiberationSerifFontResolver(DefaultDirectory);
            resolver.CheckFiles();
            if (GlobalFontSettings.FontResolver is { } other)
                throw new InvalidOperationException($"PDFsharp already has a font resolver ({other.GetType().FullName}); only {nameof(PdfFonts)} may install one.");
            GlobalFontSettings.FontResolver = resolver;
            Volatile.Write(ref _resolver, resolver);
        }
    }
}

/// <summary>
/// Serves the four Liberation Serif faces to PDFsharp. Requests for "Liberation Serif" and "Times New Roman" (any
/// case) get them; any other family gets nothing, so a misspelt family fails loudly instead of falling back.
/// </summary>
internal sealed class LiberationSerifFontResolver(string directory) : IFontResolver
{
    private static readonly string[] Families = [PdfFonts.Family, "Times New Roman"];
    private static readonly string[] Faces = ["LiberationSerif-Regular", "LiberationSerif-Bold", "LiberationSerif-Italic", "LiberationSerif-BoldItalic"];

    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
    {
        if (!Families.Contains(familyName.Trim(), StringComparer.OrdinalIgnoreCase)) return null;
        return new FontResolverInfo(Faces[(bold ? 1 : 0) + (italic ? 2 : 0)]);
    }

    public byte[]? GetFont(string faceName) =>
        Faces.Contains(faceName, StringComparer.Ordinal) ? _files.GetOrAdd(faceName, face => File.ReadAllBytes(PathOf(face))) : null;

    /// <summary>Throws if a face's file is missing, naming the directory looked in.</summary>
    public void CheckFiles()
    {
        foreach (var face in Faces)
            if (!File.Exists(PathOf(face)))
                throw new FileNotFoundException($"The font file {face}.ttf is missing from {directory} (it ships in the repository's data/fonts).", PathOf(face));
    }

    private string PathOf(string face) => Path.Combine(directory, face + ".ttf");
}
