using Grassroots.Documents;

namespace Grassroots.Tests.Documents;

public sealed class PdfFontsTests
{
    private readonly LiberationSerifFontResolver _resolver = new(PdfFonts.DefaultDirectory);

    [Theory]
    [InlineData("Liberation Serif", false, false, "LiberationSerif-Regular")]
    [InlineData("Liberation Serif", true, false, "LiberationSerif-Bold")]
    [InlineData("liberation serif", false, true, "LiberationSerif-Italic")]
    [InlineData("Times New Roman", true, true, "LiberationSerif-BoldItalic")]
    public void Liberation_Serif_and_Times_New_Roman_resolve_to_the_shipped_files(string family, bool bold, bool italic, string face)
    {
        Assert.Equal(face, _resolver.ResolveTypeface(family, bold, italic));
        var file = _resolver.GetFont(face);
        Assert.NotNull(file);
        Assert.Equal(new byte[] { 0, 1, 0, 0 }, file[..4]); // a TrueType font
    }

    [Fact]
    public void Other_families_are_not_served()
    {
        Assert.Null(_resolver.ResolveTypeface("Arial", false, false));
        Assert.Null(_resolver.GetFont("Arial"));
    }

    [Fact]
    public void Registering_is_idempotent_and_safe_from_many_threads()
    {
        Parallel.For(0, 16, _ => PdfFonts.EnsureRegistered());

        PdfFonts.EnsureRegistered();
    }

    [Fact]
    public void A_missing_font_directory_is_reported_with_its_path()
    {
        var error = Assert.Throws<FileNotFoundException>(() => new LiberationSerifFontResolver("/nonexistent/fonts").CheckFiles());

        Assert.Contains("/nonexistent/fonts", error.Message);
    }

    [Theory]
    [InlineData(2026, 11, 20, "Phú Thọ, ngày 20 tháng 11 năm 2026")]
    [InlineData(2026, 3, 5, "Phú Thọ, ngày 05 tháng 3 năm 2026")]
    [InlineData(2027, 2, 1, "Phú Thọ, ngày 01 tháng 02 năm 2027")]
    [InlineData(2027, 1, 31, "Phú Thọ, ngày 31 tháng 01 năm 2027")]
    public void The_place_and_date_line_follows_decree_30(int year, int month, int day, string expected) =>
        Assert.Equal(expected, PdfText.PlaceAndDate("Phú Thọ", new DateOnly(year, month, day)));
}
