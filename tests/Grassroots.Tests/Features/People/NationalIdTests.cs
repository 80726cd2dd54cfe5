using Grassroots.Features.People;

namespace Grassroots.Tests.Features.People;

public sealed class NationalIdTests
{
    private static List<string> Codes(string number, Gender? gender, DateOnly? born) =>
        NationalId.Check(number, gender, born).Select(e => e.Code).ToList();

    [Theory]
    [InlineData("001085012345", Gender.Male, 1985)]   // Hà Nội, male, 1900s
    [InlineData("025185012345", Gender.Female, 1985)] // Phú Thọ, female, 1900s
    [InlineData("096303012345", Gender.Female, 2003)] // Cà Mau, female, 2000s
    [InlineData("042202012345", Gender.Male, 2002)]   // Hà Tĩnh, male, 2000s
    public void A_consistent_number_passes(string number, Gender gender, int year) =>
        Assert.Empty(Codes(number, gender, new DateOnly(year, 6, 1)));

    [Theory]
    [InlineData("00108501234", "national_id_format")]
    [InlineData("0010850123456", "national_id_format")]
    [InlineData("00108501234a", "national_id_format")]
    [InlineData("", "national_id_format")]
    [InlineData("003085012345", "national_id_province")] // 03 is not a province code
    [InlineData("101085012345", "national_id_province")]
    public void Malformed_or_unknown_province_is_refused(string number, string code) =>
        Assert.Equal([code], Codes(number, Gender.Male, new DateOnly(1985, 1, 1)));

    [Fact]
    public void Gender_and_century_digit_must_match_gender_and_year()
    {
        Assert.Equal(["national_id_gender"], Codes("001185012345", Gender.Male, new DateOnly(1985, 1, 1)));
        Assert.Equal(["national_id_birth_year"], Codes("001085012345", Gender.Male, new DateOnly(1986, 1, 1)));
        Assert.Equal(["national_id_birth_year"], Codes("001285012345", Gender.Male, new DateOnly(1985, 1, 1))); // 2 means born 2000–2099
        Assert.Equal(["national_id_gender", "national_id_birth_year"], Codes("001385012345", Gender.Male, new DateOnly(1985, 1, 1)));
        Assert.Empty(Codes("001085012345", null, null)); // nothing to compare with
    }

    [Fact]
    public void Masking_keeps_the_province_and_the_last_two_digits() =>
        Assert.Equal("0010******45", NationalId.Mask("001085012345"));
}
