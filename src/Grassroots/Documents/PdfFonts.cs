using System.Collections.Concurrent;
using SkiaSharp;

namespace Grassroots.Documents;

/// <summary>
/// The fonts of every PDF Grassroots writes: Liberation Serif (metric-compatible with Times New Roman, the font of
/// official documents), read from the files shipped in <c>data/fonts</c>, so no font package is needed on the server.
/// Each face is embedded whole as a CID TrueType font (Identity-H, with a ToUnicode map), so any Unicode text, however
/// many different letters it has, prints and copies back exactly.
/// </summary>
public static class PdfFonts
{
    /// <summary>The family every layout uses; "Times New Roman" resolves to the same files.</summary>
    public const string Family = "Liberation Serif";

    private static readonly Lock Gate = new();
    private static LiberationSerifFontResolver? _resolver;

    /// <summary>Where the font files are looked for: <c>data/fonts</c> beside the program.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "data", "fonts");

    /// <summary>
    /// Loads the four faces from <see cref="DefaultDirectory"/> once for the process. May be called any number of times
    /// from any thread. Every layout in this folder calls it, so callers outside it need not, but startup may call it to
    /// fail early when the font files are missing.
    /// </summary>
    /// <exception cref="FileNotFoundException">A font file is missing from <see cref="DefaultDirectory"/>.</exception>
    /// <exception cref="InvalidDataException">A font file is not a font.</exception>
    public static void EnsureRegistered() => Resolver();

    /// <summary>The loaded face for a style (loading the fonts first if need be).</summary>
    internal static SKTypeface Typeface(bool bold, bool italic) => Resolver().Typeface(bold, italic);

    private static LiberationSerifFontResolver Resolver()
    {
        if (Volatile.Read(ref _resolver) is { } loaded) return loaded;
        lock (Gate)
        {
            if (_resolver is not null) return _resolver;
            var resolver = new LiberationSerifFontResolver(DefaultDirectory);
            resolver.Load();
            Volatile.Write(ref _resolver, resolver);
            return resolver;
        }
    }
}

/// <summary>
/// Serves the four Liberation Serif faces: names the face for a family and style ("Liberation Serif" and "Times New
/// Roman", any case; any other family gets nothing, so a misspelt family fails loudly instead of falling back), reads
/// the files, and holds them as typefaces for drawing. Typefaces are immutable and shared by every document.
/// </summary>
internal sealed class LiberationSerifFontResolver(string directory)
{
    private static readonly string[] Families = [PdfFonts.Family, "Times New Roman"];
    private static readonly string[] Faces = ["LiberationSerif-Regular", "LiberationSerif-Bold", "LiberationSerif-Italic", "LiberationSerif-BoldItalic"];

    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private SKTypeface[]? _typefaces;

    /// <summary>The face name (the file's name without .ttf) for a family and style, or null for another family.</summary>
    public string? ResolveTypeface(string familyName, bool bold, bool italic) =>
        Families.Contains(familyName.Trim(), StringComparer.OrdinalIgnoreCase) ? Faces[Index(bold, italic)] : null;

    /// <summary>A face's font file, or null for a face that is not one of the four.</summary>
    public byte[]? GetFont(string faceName) =>
        Faces.Contains(faceName, StringComparer.Ordinal) ? _files.GetOrAdd(faceName, face => File.ReadAllBytes(PathOf(face))) : null;

    /// <summary>Throws if a face's file is missing, naming the directory looked in.</summary>
    public void CheckFiles()
    {
        foreach (var face in Faces)
            if (!File.Exists(PathOf(face)))
                throw new FileNotFoundException($"The font file {face}.ttf is missing from {directory} (it ships in the repository's data/fonts).", PathOf(face));
    }

    /// <summary>Checks the files and makes a typeface of each. Not thread-safe: <see cref="PdfFonts"/> calls it once.</summary>
    public void Load()
    {
        CheckFiles();
        _typefaces = [.. Faces.Select(face =>
        {
            using var data = SKData.CreateCopy(GetFont(face)!);
            return SKTypeface.FromData(data) ?? throw new InvalidDataException($"{PathOf(face)} is not a font file Skia can read.");
        })];
    }

    /// <summary>The typeface for a style; <see cref="Load"/> must have run.</summary>
    public SKTypeface Typeface(bool bold, bool italic) =>
        (_typefaces ?? throw new InvalidOperationException("The fonts have not been loaded."))[Index(bold, italic)];

    private static int Index(bool bold, bool italic) => (bold ? 1 : 0) + (italic ? 2 : 0);

    private string PathOf(string face) => Path.Combine(directory, face + ".ttf");
}
