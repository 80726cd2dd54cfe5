namespace Grassroots.Documents;

/// <summary>
/// The body named at the top left of an official document: the superior body (regular) above the issuing body (bold),
/// both printed in upper case, e.g. "UBND TỈNH PHÚ THỌ" / "TRƯỜNG CHÍNH TRỊ TỈNH". The superior may be left out.
/// </summary>
public sealed record IssuingBody(string? Superior, string Name);

/// <summary>
/// Who signs: the authority line when signing on someone's behalf ("KT. HIỆU TRƯỞNG", "TM. ỦY BAN NHÂN DÂN"; null
/// when the head signs in person), the position ("PHÓ HIỆU TRƯỞNG") and the full name.
/// </summary>
public sealed record Signatory(string? Authority, string Position, string FullName);

/// <summary>
/// What a certificate of completion says. <paramref name="Unit"/> and <paramref name="Commune"/> are printed
/// "Thôn Đồng Xuân, xã Thanh Ba"; <paramref name="Grade"/> is the "Xếp loại" line, left out when null, as is the birth
/// date. <paramref name="VerificationUrl"/> is encoded in the QR code and printed under it;
/// <paramref name="Honorific"/> ("Ông", "Bà") defaults to "Ông/Bà".
/// </summary>
public sealed record CertificateOfCompletion(
    IssuingBody Issuer,
    string FullName,
    DateOnly? BirthDate,
    string Unit,
    string? Commune,
    string CourseTitle,
    string Programme,
    DateOnly StartDate,
    DateOnly EndDate,
    string? Grade,
    string Place,
    DateOnly IssuedOn,
    Signatory Signer,
    string RegisterNumber,
    string VerificationCode,
    string VerificationUrl,
    string? Honorific = null);

/// <summary>
/// Certificates of completion (giấy chứng nhận), one A4 landscape page each, laid out like a Vietnamese official
/// document (Nghị định 30/2020/NĐ-CP): issuing body top left, national heading and motto top right, the title, the
/// particulars, place and date with the signature block bottom right, and the register number with a QR code for
/// verification bottom left, all inside a double frame. Long names and titles wrap; if the particulars would run into
/// the signature block, the body type steps down from 14 to 11 pt.
/// </summary>
public static class CertificatePdf
{
    public const string ContentType = "application/pdf";

    private const double Margin = 48;

    /// <summary>A4 landscape (297 × 210 mm) in points.</summary>
    private const double PageWidth = 297 / 25.4 * 72, PageHeight = 210 / 25.4 * 72;

    /// <summary>Writes one certificate. Writes synchronously: for an HTTP response, write to a MemoryStream first.</summary>
    public static void Write(Stream output, CertificateOfCompletion certificate) => WriteMany(output, [certificate]);

    /// <summary>
    /// Writes many certificates into one PDF, one page each, in order (to print a whole class). Nothing is written to
    /// <paramref name="output"/> unless every page was made.
    /// </summary>
    /// <exception cref="ArgumentException">There are no certificates.</exception>
    public static void WriteMany(Stream output, IEnumerable<CertificateOfCompletion> certificates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(certificates);
        using var document = new PdfDocumentWriter("Giấy chứng nhận hoàn thành khóa học");
        foreach (var certificate in certificates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ArgumentNullException.ThrowIfNull(certificate, nameof(certificates));
            var page = document.AddPage(PageWidth, PageHeight);
            DrawPage(page, certificate, page.Width, page.Height);
        }
        if (document.PageCount == 0) throw new ArgumentException("There are no certificates to write.", nameof(certificates));
        document.Save(output);
    }

    private static void DrawPage(PdfPage page, CertificateOfCompletion certificate, double width, double height)
    {
        page.StrokeRectangle(18, 18, width - 36, height - 36, 2.2);
        page.StrokeRectangle(24, 24, width - 48, height - 48, 0.6);

        var headerBottom = Math.Max(
            DrawIssuer(page, certificate.Issuer, Margin, Margin, 330),
            DrawNationalHeading(page, width - Margin - 380, Margin, 380));
        var titleFont = PdfText.Font(30, bold: true);
        var bodyTop = PdfText.Draw(page, "GIẤY CHỨNG NHẬN", titleFont, Margin, headerBottom + 30, width - 2 * Margin, TextAlign.Center) + 12;

        var bottom = height - Margin + 4;
        var signatureLeft = width - Margin - 320;
        var signatureTop = bottom - MeasureSignature(page, certificate, 320);
        var verificationTop = DrawVerification(page, certificate, Margin, bottom, signatureLeft - Margin - 24);
        DrawSignature(page, certificate, signatureLeft, signatureTop, 320);

        DrawParticulars(page, certificate, 140, bodyTop, width - 280, Math.Min(signatureTop, verificationTop) - 10);
    }

    /// <summary>The issuing body centred in its block, with a rule a third of its width under it; returns the bottom.</summary>
    private static double DrawIssuer(PdfPage page, IssuingBody issuer, double x, double top, double width)
    {
        var regular = PdfText.Font(13);
        var bold = PdfText.Font(13, bold: true);
        if (!string.IsNullOrWhiteSpace(issuer.Superior))
            top = PdfText.Draw(page, PdfText.Upper(issuer.Superior), regular, x, top, width, TextAlign.Center, 1.2);
        var name = PdfText.Upper(issuer.Name);
        top = PdfText.Draw(page, name, bold, x, top, width, TextAlign.Center, 1.2);
        PdfText.Rule(page, x + width / 2, top + 3, Math.Min(PdfText.Width(page, name, bold), width) * 0.4);
        return top + 4;
    }

    /// <summary>The national heading and the motto with a rule as long as the motto under it; returns the bottom.</summary>
    private static double DrawNationalHeading(PdfPage page, double x, double top, double width)
    {
        const string motto = "Độc lập - Tự do - Hạnh phúc";
        var mottoFont = PdfText.Font(14, bold: true);
        top = PdfText.Draw(page, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", PdfText.Font(13, bold: true), x, top, width, TextAlign.Center, 1.2);
        top = PdfText.Draw(page, motto, mottoFont, x, top, width, TextAlign.Center, 1.2);
        PdfText.Rule(page, x + width / 2, top + 3, PdfText.Width(page, motto, mottoFont));
        return top + 4;
    }

    /// <summary>The particulars, in the largest size from 14 pt down that fits above <paramref name="limit"/>.</summary>
    private static void DrawParticulars(PdfPage page, CertificateOfCompletion certificate, double x, double top, double width, double limit)
    {
        (double Size, double Spacing)[] steps = [(14, 1.5), (14, 1.3), (13, 1.3), (12, 1.25), (11, 1.2)];
        foreach (var (size, spacing) in steps)
        {
            var lines = Particulars(certificate, size);
            var needed = lines.Sum(line => PdfText.Measure(page, line.Runs, width, spacing, line.Indent(page)));
            if (top + needed > limit && size > steps[^1].Size) continue;
            top += Math.Max(0, (limit - top - needed) / 3);
            foreach (var line in lines)
                top = PdfText.Draw(page, line.Runs, x, top, width, TextAlign.Left, spacing, line.Indent(page));
            return;
        }
    }

    /// <summary>A line of particulars: a label and its value, which wraps under its own first word.</summary>
    private sealed record Particular(TextRun Label, IReadOnlyList<TextRun> Runs)
    {
        public double Indent(PdfPage page) => PdfText.Width(page, Label.Text, Label.Font);
    }

    private static List<Particular> Particulars(CertificateOfCompletion c, double size)
    {
        var regular = PdfText.Font(size);
        var bold = PdfText.Font(size, bold: true);
        Particular Line(string label, params TextRun[] value)
        {
            var labelRun = new TextRun(label + " ", regular);
            return new Particular(labelRun, [labelRun, .. value]);
        }
        var unit = string.IsNullOrWhiteSpace(c.Commune) ? c.Unit : $"{c.Unit}, {c.Commune}";
        var honorific = string.IsNullOrWhiteSpace(c.Honorific) ? "Ông/Bà" : c.Honorific.Trim();
        var lines = new List<Particular> { Line("Chứng nhận:", new TextRun(honorific + " ", regular), new TextRun(c.FullName, PdfText.Font(size + 2, bold: true))) };
        if (c.BirthDate is { } born) lines.Add(Line("Sinh ngày:", new TextRun(PdfText.Date(born), regular)));
        lines.Add(Line("Đơn vị:", new TextRun(unit, regular)));
        lines.Add(Line("Đã hoàn thành lớp:", new TextRun(c.CourseTitle, bold)));
        lines.Add(Line("Chương trình:", new TextRun(c.Programme, regular)));
        lines.Add(Line("Thời gian:", new TextRun($"từ ngày {PdfText.Date(c.StartDate)} đến ngày {PdfText.Date(c.EndDate)}", regular)));
        if (!string.IsNullOrWhiteSpace(c.Grade)) lines.Add(Line("Xếp loại:", new TextRun(c.Grade, bold)));
        return lines;
    }

    private const double SignatureSpace = 72;

    private static IReadOnlyList<(string Text, PdfFont Font)> SignatureLines(CertificateOfCompletion certificate)
    {
        var bold = PdfText.Font(14, bold: true);
        var lines = new List<(string, PdfFont)> { (PdfText.PlaceAndDate(certificate.Place, certificate.IssuedOn), PdfText.Font(14, italic: true)) };
        if (!string.IsNullOrWhiteSpace(certificate.Signer.Authority)) lines.Add((PdfText.Upper(certificate.Signer.Authority), bold));
        lines.Add((PdfText.Upper(certificate.Signer.Position), bold));
        return lines;
    }

    private static double MeasureSignature(PdfPage page, CertificateOfCompletion certificate, double width) =>
        SignatureLines(certificate).Sum(line => PdfText.Measure(page, [new TextRun(line.Text, line.Font)], width, 1.25))
        + SignatureSpace
        + PdfText.Measure(page, [new TextRun(certificate.Signer.FullName, PdfText.Font(14, bold: true))], width, 1.25);

    /// <summary>Place and date, authority, position, room to sign, and the signer's name, centred in the block.</summary>
    private static void DrawSignature(PdfPage page, CertificateOfCompletion certificate, double x, double top, double width)
    {
        foreach (var (text, font) in SignatureLines(certificate))
            top = PdfText.Draw(page, text, font, x, top, width, TextAlign.Center);
        PdfText.Draw(page, certificate.Signer.FullName, PdfText.Font(14, bold: true), x, top + SignatureSpace, width, TextAlign.Center);
    }

    /// <summary>
    /// The QR code with the register number, the verification code and where to verify beside it, resting on
    /// <paramref name="bottom"/>; returns the block's top.
    /// </summary>
    private static double DrawVerification(PdfPage page, CertificateOfCompletion certificate, double x, double bottom, double width)
    {
        const double qrSize = 84;
        var textX = x + qrSize + 8;
        var textWidth = width - qrSize - 8;
        var regular = PdfText.Font(12);
        var small = PdfText.Font(10.5, italic: true);
        IReadOnlyList<TextRun>[] lines =
        [
            [new("Số: ", regular), new(certificate.RegisterNumber, regular)],
            [new("Mã xác minh: ", regular), new(certificate.VerificationCode, PdfText.Font(12, bold: true))],
            [new($"Quét mã để xác minh tại {certificate.VerificationUrl}", small)],
        ];
        var textHeight = lines.Sum(line => PdfText.Measure(page, line, textWidth));
        var top = bottom - Math.Max(qrSize, textHeight);
        QrCode.Encode(certificate.VerificationUrl).Draw(page, x, bottom - qrSize, qrSize);
        var textTop = bottom - qrSize + Math.Max(0, (qrSize - textHeight) / 2);
        if (textHeight > qrSize) textTop = top;
        foreach (var line in lines)
            textTop = PdfText.Draw(page, line, textX, textTop, textWidth);
        return top;
    }
}
