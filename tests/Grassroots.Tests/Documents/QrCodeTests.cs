using System.Xml.Linq;
using Grassroots.Documents;

namespace Grassroots.Tests.Documents;

public sealed class QrCodeTests
{
    private const string Url = "https://grassroots.example.vn/xac-minh/K7QX-2M4P";

    [Fact]
    public void A_short_url_is_version_4_with_33_modules_a_side()
    {
        // 48 bytes in byte mode: more than version 3-M holds (42), within version 4-M (62).
        var code = QrCode.Encode(Url);

        Assert.Equal(Url, code.Text);
        Assert.Equal(4, code.Version);
        Assert.Equal(33, code.Size);
    }

    [Fact]
    public void The_matrix_starts_at_the_symbol_with_finder_patterns_in_three_corners()
    {
        var code = QrCode.Encode(Url);

        foreach (var (top, left) in new[] { (0, 0), (0, code.Size - 7), (code.Size - 7, 0) })
            for (var i = 0; i < 7; i++)
            {
                Assert.True(code.IsDark(top, left + i));
                Assert.True(code.IsDark(top + 6, left + i));
                Assert.True(code.IsDark(top + i, left));
                Assert.True(code.IsDark(top + i, left + 6));
                Assert.False(code.IsDark(top + 1, left + 1 + Math.Min(i, 4)));
            }
        for (var i = 0; i < 8; i++)
        {
            Assert.False(code.IsDark(7, i)); // the light separator around the top-left finder
            Assert.False(code.IsDark(i, 7));
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => code.IsDark(code.Size, 0));
    }

    [Fact]
    public void The_svg_is_well_formed_square_with_a_quiet_zone_and_nothing_a_strict_csp_blocks()
    {
        var code = QrCode.Encode(Url);

        var svg = XDocument.Parse(code.ToSvg(moduleSize: 5, title: "Mã xác minh <K7QX>")).Root!;

        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", svg.Name);
        var side = code.Size + 2 * QrCode.QuietZone;
        Assert.Equal($"0 0 {side} {side}", (string?)svg.Attribute("viewBox"));
        Assert.Equal((string?)svg.Attribute("width"), (string?)svg.Attribute("height"));
        Assert.Equal((side * 5).ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)svg.Attribute("width"));
        Assert.Equal("Mã xác minh <K7QX>", svg.Element(ns + "title")?.Value);
        Assert.DoesNotContain(svg.DescendantsAndSelf(), e => e.Name.LocalName is "script" or "style" or "foreignObject");
        Assert.DoesNotContain(svg.DescendantsAndSelf().Attributes(), a => a.Name.LocalName == "style" || a.Name.LocalName.StartsWith("on", StringComparison.Ordinal));
        var path = (string?)svg.Element(ns + "path")?.Attribute("d");
        Assert.StartsWith($"M{QrCode.QuietZone} {QrCode.QuietZone}h7v1h-7z", path);
    }

    [Fact]
    public void Text_too_long_for_any_version_is_an_argument_error()
    {
        Assert.Throws<ArgumentException>(() => QrCode.Encode(new string('x', 3000)));
        Assert.Throws<ArgumentException>(() => QrCode.Encode(""));
    }
}
