using Grassroots.Common;

namespace Grassroots.Features.People;

public enum Gender { Male = 1, Female = 2 }

/// <summary>
/// The 12-digit national identity number (CCCD): digits 1–3 the province of birth (the 63 province codes of the
/// pre-2025 catalog, zero-padded: 001 Hà Nội … 096 Cà Mau), digit 4 gender and century (0/1 male/female born
/// 1900–1999, 2/3 2000–2099, 4/5 2100–2199, 6/7 2200–2299, 8/9 1800–1899), digits 5–6 the last two digits of the
/// year of birth, then six random digits (Thông tư 59/2021/TT-BCA, Điều 7). It is personal data: shown masked to
/// users without the permission to see personal identifiers.
/// </summary>
public static class NationalId
{
    /// <summary>Province codes of the catalog valid until 2025-06-30, which CCCD numbers carry.</summary>
    private static readonly HashSet<string> ProvinceCodes =
    [
        "01", "02", "04", "06", "08", "10", "11", "12", "14", "15", "17", "19", "20", "22", "24", "25", "26", "27", "30", "31", "33",
        "34", "35", "36", "37", "38", "40", "42", "44", "45", "46", "48", "49", "51", "52", "54", "56", "58", "60", "62", "64", "66",
        "67", "68", "70", "72", "74", "75", "77", "79", "80", "82", "83", "84", "86", "87", "89", "91", "92", "93", "94", "95", "96",
    ];

    /// <summary>Every reason the number is not a valid CCCD for this person (empty when it is), in Vietnamese.</summary>
    public static IReadOnlyList<Error> Check(string? number, Gender? gender, DateOnly? dateOfBirth, string field = "nationalId")
    {
        var errors = new List<Error>();
        var digits = number?.Trim() ?? "";
        if (digits.Length != 12 || !digits.All(char.IsAsciiDigit))
        {
            errors.Add(new("national_id_format", "Số căn cước công dân phải gồm đúng 12 chữ số.", field));
            return errors;
        }
        if (digits[0] != '0' || !ProvinceCodes.Contains(digits[1..3]))
            errors.Add(new("national_id_province", $"Ba số đầu \"{digits[..3]}\" không phải mã tỉnh nơi đăng ký khai sinh hợp lệ.", field));
        var code = digits[3] - '0';
        var centuryStart = code switch { 0 or 1 => 1900, 2 or 3 => 2000, 4 or 5 => 2100, 6 or 7 => 2200, _ => 1800 };
        var codeGender = code % 2 == 0 ? Gender.Male : Gender.Female;
        if (gender is { } g && g != codeGender)
            errors.Add(new("national_id_gender", $"Chữ số thứ tư ({code}) là mã của giới tính {(codeGender == Gender.Male ? "nam" : "nữ")}, không khớp với giới tính đã nhập.", field));
        if (dateOfBirth is { } born)
        {
            var year = centuryStart + int.Parse(digits[4..6], System.Globalization.CultureInfo.InvariantCulture);
            if (year != born.Year)
                errors.Add(new("national_id_birth_year",
                    $"Số căn cước mang năm sinh {year} (chữ số thứ 4 đến 6), không khớp với ngày sinh {VietnameseText.FormatDate(born)}.", field));
        }
        return errors;
    }

    /// <summary>"001099012345" → "0010******45": the province and the last two digits stay, the rest is hidden.</summary>
    public static string Mask(string? number)
    {
        var digits = number?.Trim() ?? "";
        return digits.Length < 6 ? new string('*', digits.Length) : digits[..4] + new string('*', digits.Length - 6) + digits[^2..];
    }
}
