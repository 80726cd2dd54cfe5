using System.Globalization;
using System.Text;

namespace Grassroots.Common;

/// <summary>The one place that decides how Vietnamese text is compared, searched and sorted.</summary>
public static class VietnameseText
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>Vietnamese collation: a ă â b c d đ e ê …, tones after base letters.</summary>
    public static readonly StringComparer Comparer = StringComparer.Create(Culture, ignoreCase: false);

    /// <summary>
    /// Search form: lower case, diacritics removed, đ folded to d, runs of white space collapsed.
    /// "Phường Ba Đình" → "phuong ba dinh". Stored in *SearchName columns and applied to user queries.
    /// </summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
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
    public static string Clean(string? text) =>
        string.IsNullOrWhiteSpace(text) ? "" :
        string.Join(' ', text.Normalize(NormalizationForm.FormC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

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
