using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Grassroots.Data;
using Grassroots.Documents;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Training.Attendances;

/// <summary>
/// A session's printable roster: its participants in the roll call's order (Vietnamese name order, guests last), cut into
/// pages of <see cref="SignInSheets.RowsPerPage"/>, and a fingerprint of that order (which enrolments, in which order).
/// </summary>
public sealed record SheetRoster(SessionHeader Session, IReadOnlyList<AttendanceRow> Rows, string Fingerprint, int Pages, int NotShown, string Secret)
{
    /// <summary>The rows printed on page <paramref name="page"/> (from 1), with their printed numbers.</summary>
    public IEnumerable<(int Number, AttendanceRow Row)> Page(int page) =>
        Rows.Select((row, i) => (Number: i + 1, Row: row)).Skip((page - 1) * SignInSheets.RowsPerPage).Take(SignInSheets.RowsPerPage);

    /// <summary>The check printed in page <paramref name="page"/>'s QR code for this roster.</summary>
    public string Check(int page) => SignInSheets.Check(Secret, Session.Id, page, Fingerprint);
}

/// <summary>
/// Sổ ký (sign-in sheet) of a session: the PDF to print (Documents/SignInSheetPdf) and what the entry page
/// (/dao-tao/buoi/{id}/nhap-so-ky) needs to read a signed page back. Each page's QR code opens the entry page of that
/// page with <c>ma</c>, a short HMAC-SHA256 (keyed with the session's secret) over the session, the page and the roster's
/// fingerprint: a sheet printed before the list changed (someone enrolled, withdrawn or renamed) no longer matches and
/// the entry page says so.
/// </summary>
public static class SignInSheets
{
    public const int RowsPerPage = SignInSheetPdf.DefaultRowsPerPage;

    /// <summary>The roster of a session the user records attendance for (the course's organiser scope), else null.</summary>
    public static async Task<SheetRoster?> RosterAsync(AppDb db, int sessionId, CancellationToken ct)
    {
        if (await AttendanceQueries.SessionAsync(db, sessionId, ct) is not { } session
            || !AttendanceQueries.CanRecord(db, session.CourseProvinceCode, session.CourseCommuneId))
            return null;
        var roll = await AttendanceQueries.ListAsync(db, session, ct);
        var secret = await db.CourseSessions.AsNoTracking().Where(s => s.Id == sessionId).Select(s => s.CheckInSecret).FirstAsync(ct);
        return new SheetRoster(session, roll.Items, Fingerprint(roll.Items), SignInSheetPdf.PageCount(roll.Items.Count, RowsPerPage), roll.NotShown, secret);
    }

    /// <summary>Which enrolments in which order, under which names: 16 hex digits of a SHA-256.</summary>
    public static string Fingerprint(IEnumerable<AttendanceRow> rows)
    {
        var text = string.Join("\n", rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.EnrolmentId}:{r.FullName}")));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16].ToLowerInvariant();
    }

    /// <summary>The check of one printed page: 10 characters (base64url) of an HMAC-SHA256 over the session, the page and the fingerprint.</summary>
    public static string Check(string secret, int sessionId, int page, string fingerprint)
    {
        var message = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"sign-in-sheet|{sessionId}|{page}|{fingerprint}"));
        var hash = HMACSHA256.HashData(Convert.FromBase64String(secret), message);
        return Convert.ToBase64String(hash).TrimEnd('=').Replace('+', '-').Replace('/', '_')[..10];
    }

    public static bool Matches(SheetRoster roster, int page, string? given) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(roster.Check(page)), Encoding.ASCII.GetBytes(given));

    /// <summary>The address a page's QR code opens: the entry page of that page, with its check.</summary>
    public static string EntryUrl(string origin, SheetRoster roster, int page) =>
        string.Create(CultureInfo.InvariantCulture, $"{origin}/dao-tao/buoi/{roster.Session.Id}/nhap-so-ky?trang={page}&ma={roster.Check(page)}");

    /// <summary>The sheet as a PDF; <paramref name="origin"/> ("https://host") makes the QR codes' addresses absolute.</summary>
    public static byte[] Pdf(SheetRoster roster, string origin, CancellationToken ct)
    {
        var s = roster.Session;
        var sheet = new SignInSheet(new IssuingBody(null, s.Organiser), s.CourseTitle, s.ClassName ?? "Cả khóa", s.Date, s.StartTime, s.EndTime, s.Topic, s.Room,
            [.. roster.Rows.Select(r => new SignInRow(r.FullName, r.PositionName, r.Village, r.Commune))]);
        using var output = new MemoryStream();
        SignInSheetPdf.Write(output, sheet, (page, _) => EntryUrl(origin, roster, page), RowsPerPage, ct);
        return output.ToArray();
    }

    public static string FileName(SessionHeader session) =>
        string.Create(CultureInfo.InvariantCulture, $"so-ky-buoi-{session.Id}-{session.Date:yyyyMMdd}.pdf");

    /// <summary>
    /// The marks of one entered page: a ticked row is present (a stored present or late stays as it is), an unticked one
    /// absent (a stored excused or absent stays as it is).
    /// </summary>
    public static List<RollCallMark> Marks(IEnumerable<AttendanceRow> page, IReadOnlySet<int> ticked) =>
    [
        .. page.Select(row => new RollCallMark(row.EnrolmentId, ticked.Contains(row.EnrolmentId)
            ? row.Status is { } s && Attendance.Counts(s) ? s : AttendanceStatus.Present
            : row.Status is AttendanceStatus.Excused or AttendanceStatus.Absent ? row.Status : AttendanceStatus.Absent)),
    ];
}
