using Grassroots.Documents;
using Grassroots.Tests.Infrastructure;

namespace Grassroots.Tests.Documents;

/// <summary>Certificates of completion, read back with poppler and zbar as a viewer and a phone would.</summary>
public sealed class CertificatePdfTests
{
    private static CertificateOfCompletion Certificate(string fullName = "Nguyễn Thị Ánh Tuyết", string code = "K7QX-2M4P") => new(
        new IssuingBody("UBND tỉnh Phú Thọ", "Trường Chính trị tỉnh"),
        fullName,
        new DateOnly(1979, 3, 5),
        "Khu dân cư Đồng Xuân",
        "xã Thanh Ba",
        "Bồi dưỡng kiến thức, kỹ năng cho Bí thư chi bộ, Trưởng thôn, Tổ trưởng tổ dân phố",
        "Chương trình bồi dưỡng cán bộ cơ sở năm 2026",
        new DateOnly(2026, 11, 9),
        new DateOnly(2026, 11, 13),
        "Giỏi",
        "Phú Thọ",
        new DateOnly(2026, 11, 20),
        new Signatory("KT. Hiệu trưởng", "Phó Hiệu trưởng", "Đặng Quốc Hưng"),
        "127/GCN-TCT",
        code,
        $"https://grassroots.example.vn/xac-minh/{code}",
        "Bà");

    private static byte[] Pdf(params CertificateOfCompletion[] certificates)
    {
        using var output = new MemoryStream();
        CertificatePdf.WriteMany(output, certificates);
        return output.ToArray();
    }

    [Fact]
    public void Text_has_the_heading_motto_title_particulars_and_signature_in_Vietnamese()
    {
        var text = PdfTools.Text(Pdf(Certificate()));

        foreach (var expected in new[]
        {
            "UBND TỈNH PHÚ THỌ", "TRƯỜNG CHÍNH TRỊ TỈNH",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "GIẤY CHỨNG NHẬN",
            "Chứng nhận: Bà Nguyễn Thị Ánh Tuyết", "Sinh ngày: 05/03/1979", "Đơn vị: Khu dân cư Đồng Xuân, xã Thanh Ba",
            "Đã hoàn thành lớp: Bồi dưỡng kiến thức, kỹ năng cho Bí thư chi bộ",
            "Chương trình: Chương trình bồi dưỡng cán bộ cơ sở năm 2026",
            "Thời gian: từ ngày 09/11/2026 đến ngày 13/11/2026", "Xếp loại: Giỏi",
            "Phú Thọ, ngày 20 tháng 11 năm 2026", "KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG", "Đặng Quốc Hưng",
            "Số: 127/GCN-TCT", "Mã xác minh: K7QX-2M4P", "Quét mã để xác minh tại",
        })
            Assert.Contains(expected, text);
    }

    [Fact]
    public void Liberation_Serif_is_embedded_with_a_unicode_map()
    {
        var fonts = PdfTools.Fonts(Pdf(Certificate()));

        var rows = fonts.Split('\n').Where(line => line.Contains("LiberationSerif", StringComparison.Ordinal) || line.Contains("Liberation Serif", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(rows);
        // Embedded (whole or as a subset) and with a unicode map, as a two-byte CID font: any number of distinct letters.
        Assert.All(rows, row => Assert.Matches(@"CID TrueType\s+Identity-H\s+yes\s+(?:yes|no)\s+yes\b", row));
        Assert.Contains(rows, row => row.Contains("Bold", StringComparison.Ordinal));
        Assert.Contains(rows, row => row.Contains("Italic", StringComparison.Ordinal));
    }

    [Fact]
    public void The_QR_code_decodes_to_the_verification_url()
    {
        var codes = PdfTools.QrCodes(Pdf(Certificate()));

        Assert.Equal(["https://grassroots.example.vn/xac-minh/K7QX-2M4P"], Assert.Single(codes));
    }

    [Fact]
    public void A_class_prints_as_one_page_per_certificate_each_with_its_own_code()
    {
        var names = new[] { "Hoàng Văn Sơn", "Lò Thị Mai", "Nguyễn Đức Thắng", "Bùi Thị Hường", "Đinh Công Tráng" };
        var pdf = Pdf([.. names.Select((name, i) => Certificate(name, $"CODE-{i}"))]);

        Assert.Equal(5, PdfTools.PageCount(pdf));
        var pages = PdfTools.PageTexts(pdf);
        Assert.All(names, (name, i) => Assert.Contains(name, pages[i]));
        Assert.Equal(names.Select((_, i) => $"https://grassroots.example.vn/xac-minh/CODE-{i}"), PdfTools.QrCodes(pdf).Select(Assert.Single));
    }

    [Fact]
    public void Long_names_and_titles_wrap_inside_the_frame()
    {
        var pdf = Pdf(Certificate("Công Tằng Tôn Nữ Thị Phương Thảo Nguyễn Hoàng Bảo Châu Lê Thị Ngọc Diễm Hương") with
        {
            CourseTitle = string.Join(' ', Enumerable.Repeat("Bồi dưỡng nghiệp vụ công tác dân vận, hòa giải ở cơ sở và xây dựng đời sống văn hóa", 3)),
            Programme = "Chương trình bồi dưỡng theo Quyết định số 1234/QĐ-UBND ngày 15 tháng 01 năm 2026 của Ủy ban nhân dân tỉnh",
        });

        var words = PdfTools.Words(pdf);
        Assert.All(words, word =>
        {
            Assert.InRange(word.Left, 24, word.PageWidth - 24);
            Assert.InRange(word.Right, 24, word.PageWidth - 24);
            Assert.InRange(word.Bottom, 24, word.PageHeight - 24);
        });
        Assert.Contains(words, word => word.Text == "Diễm");
        Assert.Equal(1, PdfTools.PageCount(pdf));
        Assert.Equal("https://grassroots.example.vn/xac-minh/K7QX-2M4P", Assert.Single(Assert.Single(PdfTools.QrCodes(pdf))));
    }

    [Fact]
    public void Birth_date_and_grade_are_left_out_when_unknown_and_the_honorific_defaults_to_both()
    {
        var text = PdfTools.Text(Pdf(Certificate() with { BirthDate = null, Grade = null, Honorific = null, Signer = new Signatory(null, "Hiệu trưởng", "Trần Văn Bình") }));

        Assert.DoesNotContain("Sinh ngày", text);
        Assert.DoesNotContain("Xếp loại", text);
        Assert.DoesNotContain("KT.", text);
        Assert.Contains("Chứng nhận: Ông/Bà Nguyễn Thị Ánh Tuyết", text);
        Assert.Contains("HIỆU TRƯỞNG", text);
    }

    [Fact]
    public void No_certificates_is_an_error_not_an_empty_file()
    {
        using var output = new MemoryStream();

        Assert.Throws<ArgumentException>(() => CertificatePdf.WriteMany(output, []));
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public void A_batch_that_fails_half_way_writes_nothing()
    {
        using var output = new MemoryStream();

        Assert.Throws<InvalidOperationException>(() => CertificatePdf.WriteMany(output, Failing()));
        Assert.Equal(0, output.Length);

        static IEnumerable<CertificateOfCompletion> Failing()
        {
            yield return Certificate();
            throw new InvalidOperationException("The database went away.");
        }
    }
}
