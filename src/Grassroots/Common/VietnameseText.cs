using System.Globalization;
using System.Text;

namespace Grassroots.Common;

/// <summary>The one place that decides how Vietnamese text is compared, searched and sorted.</summary>
public static class VietnameseText
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>Vietnamese collation: a ă â b c d đ e ê …, tones after base letters.</summary>
    public static readonly StringComparer Comparer = StringComparer.Create(Culture, ignoreCase: false);

    /// <summary>The name with its first letter in lower case, as it reads inside a sentence: "Xã Lý Bôn" → "xã Lý Bôn".</summary>
    public static string LowerFirst(string name) => name.Length == 0 ? name : char.ToLower(name[0], Culture) + name[1..];

    /// <summary>
    /// Search form: lower case, diacritics removed, đ folded to d, runs of white space collapsed.
    /// "Phường Ba Đình" → "phuong ba dinh". Stored in *SearchName columns and applied to user queries.
    /// </summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        if (Ascii.IsValid(text)) return Clean(text).ToLowerInvariant(); // nothing to fold (the common case in imports)
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var lastWasSpace = true;
        foreach (var ch in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark) continue;
            var c = ch switch { 'đ' or 'Đ' => 'd', '\u2019' => '\'', _ => char.ToLowerInvariant(ch) };
            if (char.IsWhiteSpace(c))
            {
                if (!lastWasSpace) sb.Append(' ');
                lastWasSpace = true;
                continue;
            }
            sb.Append(c);
            lastWasSpace = false;
        }
        return sb.ToString().TrimEnd();
    }

    /// <summary>
    /// Identity of a name for uniqueness checks: trimmed, white space collapsed, NFC, lower case,
    /// diacritics kept ("Thôn Đông" and "thôn  đông" are the same name; "Thôn Dong" is another).
    /// </summary>
    public static string NameKey(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        return string.Join(' ', text.Normalize(NormalizationForm.FormC)
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLower(Culture);
    }

    /// <summary>Trims and collapses white space, NFC. What we store as a display name.</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        if (IsTidy(text) && text.IsNormalized(NormalizationForm.FormC)) return text;
        return string.Join(' ', text.Normalize(NormalizationForm.FormC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>No white space at the ends, and none between words but single spaces.</summary>
    private static bool IsTidy(string text)
    {
        if (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])) return false;
        for (var i = 1; i < text.Length; i++)
            if (char.IsWhiteSpace(text[i]) && (text[i] != ' ' || text[i - 1] == ' ')) return false;
        return true;
    }

    /// <summary>Base letters in Vietnamese alphabetical order (with f j w z for names of other origins).</summary>
    private const string Alphabet = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz";

    /// <summary>Key characters: ordinal order equals alphabet order; below them '!' ends a word's letters and ' ' a word.</summary>
    private const string KeyChars = "123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /// <summary>Version of <see cref="PersonSortKey"/>: stored keys of an older version are recomputed at start.</summary>
    public const string PersonSortKeyVersion = "2";

    /// <summary>
    /// Sort key of a person's name, the Vietnamese way: by given name (the last word), then the middle names, then the
    /// family name. Each word compares by its letters in Vietnamese order (a ă â b c d đ e ê …), then by its tones (none,
    /// huyền, hỏi, ngã, sắc, nặng), before the next word counts: all the Anh, then all the Ánh, each by middle name.
    /// The key compares correctly byte by byte, so both databases sort by it alike (ordinal collation) and can index it.
    /// "Nguyễn Văn An" → key of "An Văn Nguyễn".
    /// </summary>
    public static string PersonSortKey(string? fullName)
    {
        var words = Clean(fullName).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return "";
        IEnumerable<string> ordered = words.Length == 1 ? words : [words[^1], .. words[1..^1], words[0]];
        var key = new StringBuilder();
        var letters = new StringBuilder();
        var tones = new StringBuilder();
        foreach (var word in ordered)
        {
            letters.Clear();
            tones.Clear();
            foreach (var ch in word.ToLower(Culture).Normalize(NormalizationForm.FormD))
            {
                var afterLetter = letters.Length > 0;
                if (afterLetter) switch (ch)
                {
                    case '\u0300': tones[^1] = '1'; continue; // huyền
                    case '\u0309': tones[^1] = '2'; continue; // hỏi
                    case '\u0303': tones[^1] = '3'; continue; // ngã
                    case '\u0301': tones[^1] = '4'; continue; // sắc
                    case '\u0323': tones[^1] = '5'; continue; // nặng
                }
                var letter = ch;
                if (ch is '\u0300' or '\u0309' or '\u0303' or '\u0301' or '\u0323') continue;
                if (afterLetter && ch is '\u0306' or '\u0302' or '\u031B') // breve, circumflex, horn: part of the letter
                {
                    var previous = Alphabet[KeyChars.IndexOf(letters[^1])];
                    letter = (previous, ch) switch
                    {
                        ('a', '\u0306') => 'ă', ('a', '\u0302') => 'â', ('e', '\u0302') => 'ê', ('o', '\u0302') => 'ô',
                        ('o', '\u031B') => 'ơ', ('u', '\u031B') => 'ư', _ => previous,
                    };
                    letters[^1] = KeyChars[Alphabet.IndexOf(letter)];
                    continue;
                }
                var index = Alphabet.IndexOf(letter);
                if (index < 0) continue; // digits, punctuation and other marks do not take part
                letters.Append(KeyChars[index]);
                tones.Append('0');
            }
            if (letters.Length == 0) continue;
            if (key.Length > 0) key.Append(' ');
            key.Append(letters).Append('!').Append(tones);
        }
        return key.ToString();
    }

    public static string FormatDate(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string FormatDate(DateOnly? date) => date is { } d ? FormatDate(d) : "";

    public static string FormatNumber(long value) => value.ToString("N0", Culture);

    /// <summary>Parses dd/MM/yyyy (also d/M/yyyy) and ISO yyyy-MM-dd.</summary>
    public static bool TryParseDate(string? text, out DateOnly date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        string[] formats = ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd", "dd-MM-yyyy", "d-M-yyyy"];
        return DateOnly.TryParseExact(text.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }
}
