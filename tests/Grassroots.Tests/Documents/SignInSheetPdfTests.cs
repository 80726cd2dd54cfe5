using System.Globalization;
using Grassroots.Documents;
using Grassroots.Tests.Infrastructure;

namespace Grassroots.Tests.Documents;

/// <summary>Sign-in sheets, read back with poppler and zbar: text, fonts, pages, and each page's own QR code.</summary>
public sealed class SignInSheetPdfTests
{
    private static readonly string[] GivenNames = ["Hùng", "Lan", "Dũng", "Hương", "Tuấn", "Ngọc", "Đức", "Thủy", "Quý"];

    private static SignInSheet Sheet(int people) => new(
        new IssuingBody("UBND tỉnh Phú Thọ", "Trường Chính trị tỉnh"),
        "Bồi dưỡng kiến thức, kỹ năng cho Trưởng thôn, Tổ trưởng tổ dân phố",
        "K12-2026",
        new DateOnly(2026, 11, 23),
        new TimeOnly(7, 30),
        new TimeOnly(11, 0),
        "Kỹ năng hòa giải ở cơ sở",
        "Hội trường UBND xã Thanh Ba",
        [.. Enumerable.Range(1, people).Select(i => new SignInRow(
            $"Nguyễn Văn {GivenNames[i % GivenNames.Length]} {i:00}", i % 2 == 0 ? "Trưởng thôn" : "Bí thư chi bộ",
            $"Thôn Đồng Xuân {i}", "xã Thanh Ba"))]);

    private static string Code(int page, int pages) =>
        string.Create(CultureInfo.InvariantCulture, $"https://grassroots.example.vn/diem-danh/1842?trang={page}&tong={pages}");

    private static byte[] Pdf(SignInSheet sheet, int rowsPerPage = SignInSheetPdf.DefaultRowsPerPage)
    {
        using var output = new MemoryStream();
        SignInSheetPdf.Write(output, sheet, Code, rowsPerPage);
        return output.ToArray();
    }

    [Fact]
    public void Forty_five_people_at_twenty_a_page_take_three_pages_each_with_its_own_code()
    {
        var pdf = Pdf(Sheet(45));

        Assert.Equal(3, SignInSheetPdf.PageCount(45));
        Assert.Equal(3, PdfTools.PageCount(pdf));
        Assert.Equal([Code(1, 3), Code(2, 3), Code(3, 3)], PdfTools.QrCodes(pdf).Select(Assert.Single));
        var pages = PdfTools.PageTexts(pdf, layout: false);
        for (var page = 1; page <= 3; page++)
        {
            Assert.Contains($"Trang {page}/3", pages[page - 1]);
            // The code in small print under the QR code, wrapped where it is longer than its column.
            Assert.Contains(Code(page, 3), string.Concat(pages[page - 1].Where(c => !char.IsWhiteSpace(c))));
        }
    }

    [Fact]
    public void Every_page_repeats_the_header_and_the_numbering_runs_on()
    {
        var pages = PdfTools.PageTexts(Pdf(Sheet(45)));

        Assert.All(pages, text =>
        {
            foreach (var expected in new[]
            {
                "UBND TỈNH PHÚ THỌ", "TRƯỜNG CHÍNH TRỊ TỈNH", "DANH SÁCH KÝ TÊN ĐIỂM DANH",
                "Khóa học: Bồi dưỡng kiến thức, kỹ năng cho Trưởng thôn", "Lớp: K12-2026 (sĩ số: 45)",
                "Thời gian: Thứ Hai, ngày 23/11/2026, từ 07:30 đến 11:00", "Chuyên đề: Kỹ năng hòa giải ở cơ sở",
                "Địa điểm: Hội trường UBND xã Thanh Ba", "STT", "Họ và tên", "Chức danh", "Thôn/tổ dân phố", "Xã/phường", "Ký tên",
            })
                Assert.Contains(expected, text);
        });
        Assert.Matches(@"\b1\s+Nguyễn Văn Lan 01\s+Bí thư chi bộ\s+Thôn Đồng Xuân 1\s+xã Thanh Ba", pages[0]);
        Assert.Contains("Nguyễn Văn Quý 17", pages[0]);
        Assert.DoesNotContain("Nguyễn Văn Thủy 25", pages[0]);
        Assert.Matches(@"\b21\s+Nguyễn Văn Hương 21\s+Bí thư chi bộ", pages[1]);
        Assert.Matches(@"\b45\s+Nguyễn Văn Hùng 45", pages[2]);
        Assert.DoesNotContain("Nguyễn Văn Tuấn 40", pages[2]);
    }

    [Fact]
    public void Liberation_Serif_is_embedded_with_a_unicode_map()
    {
        var rows = PdfTools.Fonts(Pdf(Sheet(3))).Split('\n').Where(line => line.Contains("LiberationSerif", StringComparison.Ordinal) || line.Contains("Liberation Serif", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(rows);
        Assert.Contains(rows, row => row.Contains("Bold", StringComparison.Ordinal));
        // Embedded (whole or as a subset) with a unicode map.
        Assert.All(rows, row => Assert.Matches(@"CID TrueType\s+Identity-H\s+yes\s+(?:yes|no)\s+yes\b", row));
    }

    [Fact]
    public void An_empty_list_is_one_blank_page_to_fill_in_by_hand()
    {
        var pdf = Pdf(Sheet(0) with { StartTime = null, EndTime = null, Topic = null, Room = null });

        Assert.Equal(1, PdfTools.PageCount(pdf));
        var text = PdfTools.Text(pdf);
        Assert.Contains("Thời gian: Thứ Hai, ngày 23/11/2026", text);
        Assert.DoesNotContain("Chuyên đề", text);
        Assert.DoesNotContain("Địa điểm", text);
        Assert.Equal(Code(1, 1), Assert.Single(Assert.Single(PdfTools.QrCodes(pdf))));
    }

    [Fact]
    public void Long_cells_stay_inside_the_page()
    {
        var sheet = Sheet(4) with
        {
            Rows = [new SignInRow("Công Tằng Tôn Nữ Thị Phương Thảo Nguyễn Hoàng Bảo Châu", "Bí thư chi bộ kiêm Trưởng ban công tác Mặt trận khu dân cư",
                "Tổ dân phố số 12 khu Đồng Xuân Thượng", "phường Nông Trang")],
        };

        var words = PdfTools.Words(Pdf(sheet, rowsPerPage: 25));

        Assert.All(words, word => Assert.InRange(word.Right, 0, word.PageWidth - 30));
        Assert.Contains(words, word => word.Text == "Châu");
    }
}
