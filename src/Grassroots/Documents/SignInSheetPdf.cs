using System.Globalization;

namespace Grassroots.Documents;

/// <summary>One person on a sign-in sheet: name, position ("Trưởng thôn"), village or residential group, commune.</summary>
public sealed record SignInRow(string FullName, string? Position, string? Village, string? Commune);

/// <summary>
/// One training session's sign-in sheet: who organises it, the course and class, when (start and end times optional),
/// the topic and the room (both optional), and the people expected, in the order to print.
/// </summary>
public sealed record SignInSheet(
    IssuingBody Organiser,
    string CourseTitle,
    string ClassName,
    DateOnly Date,
    TimeOnly? StartTime,
    TimeOnly? EndTime,
    string? Topic,
    string? Room,
    IReadOnlyList<SignInRow> Rows);

/// <summary>
/// The sign-in sheet (danh sách ký tên điểm danh) of one session, A4 portrait. Every page repeats the organiser, the
/// title and the session details, carries a QR code top right encoding the caller's text for that page with
/// "Trang x/y" and that text in small print under it, a table (STT, Họ và tên, Chức danh, Thôn/tổ dân phố, Xã/phường,
/// Ký tên) whose header repeats and whose numbering runs on, and the page number at the foot. Each page holds the same
/// number of rows; the last page is filled up with blank rows for people not on the list.
/// </summary>
public static class SignInSheetPdf
{
    public const int DefaultRowsPerPage = 20;

    private const double Left = 50, Right = 40, Top = 38, Bottom = 40, QrSize = 78, CodeColumn = 130;

    /// <summary>A4 portrait (210 × 297 mm) in points.</summary>
    private const double PageWidth = 210 / 25.4 * 72, PageHeight = 297 / 25.4 * 72;

    private static readonly (string Header, double Width, TextAlign Align)[] Columns =
    [
        ("STT", 30, TextAlign.Center), ("Họ và tên", 140, TextAlign.Left), ("Chức danh", 95, TextAlign.Left),
        ("Thôn/tổ dân phố", 90, TextAlign.Left), ("Xã/phường", 80, TextAlign.Left), ("Ký tên", 70, TextAlign.Left),
    ];

    /// <summary>How many pages a sheet of <paramref name="rows"/> people takes (at least one).</summary>
    public static int PageCount(int rows, int rowsPerPage = DefaultRowsPerPage)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(rowsPerPage, 1);
        return Math.Max(1, (rows + rowsPerPage - 1) / rowsPerPage);
    }

    /// <summary>
    /// Writes the sheet. <paramref name="pageCode"/> gets the page number (from 1) and the page count and returns the
    /// text for that page's QR code (e.g. a URL naming the session and the page). <paramref name="rowsPerPage"/> is 1 to
    /// 40; rows get lower as it grows (about 27 pt at 20). Writes synchronously: for an HTTP response, write to a
    /// MemoryStream first. Nothing is written to <paramref name="output"/> unless every page was made.
    /// </summary>
    public static void Write(Stream output, SignInSheet sheet, Func<int, int, string> pageCode,
        int rowsPerPage = DefaultRowsPerPage, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(sheet);
        ArgumentNullException.ThrowIfNull(pageCode);
        ArgumentOutOfRangeException.ThrowIfLessThan(rowsPerPage, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rowsPerPage, 40);
        var pages = PageCount(sheet.Rows.Count, rowsPerPage);
        using var document = new PdfDocumentWriter($"Danh sách ký tên – {sheet.CourseTitle} – {PdfText.Date(sheet.Date)}");
        for (var number = 1; number <= pages; number++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = document.AddPage(PageWidth, PageHeight);
            var first = (number - 1) * rowsPerPage;
            var rows = sheet.Rows.Skip(first).Take(rowsPerPage).ToList();
            var tableTop = DrawHeader(page, sheet, page.Width, number, pages, pageCode(number, pages));
            DrawTable(page, rows, first, rowsPerPage, tableTop, page.Height - Bottom - 22);
            PdfText.Draw(page, PageLabel(number, pages), PdfText.Font(10), Left, page.Height - Bottom - 12, page.Width - Left - Right, TextAlign.Center);
        }
        document.Save(output);
    }

    private static string PageLabel(int number, int pages) => string.Create(CultureInfo.InvariantCulture, $"Trang {number}/{pages}");

    /// <summary>Organiser, QR column, title and session details; returns where the table starts.</summary>
    private static double DrawHeader(PdfPage page, SignInSheet sheet, double pageWidth, int number, int pages, string code)
    {
        var regular = PdfText.Font(12);
        var bold = PdfText.Font(12, bold: true);
        var top = Top;
        if (!string.IsNullOrWhiteSpace(sheet.Organiser.Superior))
            top = PdfText.Draw(page, PdfText.Upper(sheet.Organiser.Superior), regular, Left, top, 230, TextAlign.Center, 1.2);
        var organiser = PdfText.Upper(sheet.Organiser.Name);
        top = PdfText.Draw(page, organiser, bold, Left, top, 230, TextAlign.Center, 1.2);
        PdfText.Rule(page, Left + 115, top + 3, Math.Min(PdfText.Width(page, organiser, bold), 230) * 0.4);

        var columnX = pageWidth - Right - CodeColumn;
        QrCode.Encode(code).Draw(page, pageWidth - Right - QrSize, Top - 4, QrSize);
        var columnBottom = PdfText.Draw(page, PageLabel(number, pages), PdfText.Font(11, bold: true), columnX, Top - 4 + QrSize, CodeColumn, TextAlign.Right);
        columnBottom = PdfText.Draw(page, code, PdfText.Font(7), columnX, columnBottom, CodeColumn, TextAlign.Right, 1.15);

        var textWidth = columnX - Left - 10;
        top = PdfText.Draw(page, "DANH SÁCH KÝ TÊN ĐIỂM DANH", PdfText.Font(15, bold: true), Left, Math.Max(top + 16, 92), textWidth, TextAlign.Center) + 4;
        var label = PdfText.Font(11.5);
        var value = PdfText.Font(11.5, bold: true);
        var when = $"{sheet.Date.ToString("dddd", CultureInfo.GetCultureInfo("vi-VN"))}, ngày {PdfText.Date(sheet.Date)}" + (sheet.StartTime, sheet.EndTime) switch
        {
            ({ } start, { } end) => $", từ {Time(start)} đến {Time(end)}",
            ({ } start, null) => $", từ {Time(start)}",
            _ => "",
        };
        var details = new List<(string Label, string Value)>
        {
            ("Khóa học:", sheet.CourseTitle),
            ("Lớp:", string.Create(CultureInfo.InvariantCulture, $"{sheet.ClassName} (sĩ số: {sheet.Rows.Count})")),
            ("Thời gian:", when),
        };
        if (!string.IsNullOrWhiteSpace(sheet.Topic)) details.Add(("Chuyên đề:", sheet.Topic));
        if (!string.IsNullOrWhiteSpace(sheet.Room)) details.Add(("Địa điểm:", sheet.Room));
        foreach (var (name, text) in details)
        {
            var labelRun = new TextRun(name + " ", label);
            top = PdfText.Draw(page, [labelRun, new TextRun(text, value)], Left, top, textWidth, TextAlign.Left, 1.3,
                PdfText.Width(page, labelRun.Text, label));
        }
        return Math.Max(top, columnBottom) + 8;
    }

    private static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The header row and <paramref name="rowsPerPage"/> rows (blank after the last person), between top and limit.</summary>
    private static void DrawTable(PdfPage page, IReadOnlyList<SignInRow> rows, int first, int rowsPerPage, double top, double limit)
    {
        const double headerHeight = 26;
        var rowHeight = Math.Min(30, (limit - top - headerHeight) / rowsPerPage);
        var x = Left;
        var headerFont = PdfText.Font(11, bold: true);
        foreach (var (header, width, _) in Columns)
        {
            page.StrokeRectangle(x, top, width, headerHeight, 0.6);
            DrawCell(page, header, headerFont, headerFont, x, top, width, headerHeight, TextAlign.Center);
            x += width;
        }
        var font = PdfText.Font(11);
        var smaller = PdfText.Font(9.5);
        for (var i = 0; i < rowsPerPage; i++)
        {
            var rowTop = top + headerHeight + i * rowHeight;
            string?[] cells = i < rows.Count
                ? [(first + i + 1).ToString(CultureInfo.InvariantCulture), rows[i].FullName, rows[i].Position, rows[i].Village, rows[i].Commune, null]
                : [null, null, null, null, null, null];
            x = Left;
            for (var c = 0; c < Columns.Length; c++)
            {
                page.StrokeRectangle(x, rowTop, Columns[c].Width, rowHeight, 0.6);
                if (!string.IsNullOrWhiteSpace(cells[c])) DrawCell(page, cells[c]!, font, smaller, x, rowTop, Columns[c].Width, rowHeight, Columns[c].Align);
                x += Columns[c].Width;
            }
        }
    }

    /// <summary>Text centred vertically in a cell: one line in <paramref name="font"/>, else up to two (cut with …) in <paramref name="smaller"/>.</summary>
    private static void DrawCell(PdfPage page, string text, PdfFont font, PdfFont smaller, double x, double top, double width, double height, TextAlign align)
    {
        const double padding = 3, spacing = 1.1;
        var inner = width - 2 * padding;
        var lines = PdfText.Lines(page, text, font, inner);
        if (lines.Count > 1)
        {
            font = smaller;
            lines = PdfText.Fit(page, text, font, inner, height >= 2 * font.Size * spacing ? 2 : 1);
        }
        var lineTop = top + (height - lines.Count * font.Size * spacing) / 2 + font.Size * (spacing - 1) / 2;
        foreach (var line in lines)
            lineTop = PdfText.Draw(page, line, font, x + padding, lineTop, inner, align, spacing);
    }
}
