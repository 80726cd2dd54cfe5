using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Documents;
using Grassroots.Features.People;
using Grassroots.Features.Units;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Training.Enrolments;

public sealed record InvitationSession(DateOnly Date, TimeOnly Start, TimeOnly End, string Topic, string? Lecturer, string? Room);

/// <summary>What a person's invitation page shows: the course, their class and sessions, their name and post — nothing else about them.</summary>
public sealed record InvitationView(
    string FullName, string? PostText, EnrolmentStatus Status, string CourseTitle, string Organiser, string? LegalBasis, DateOnly StartDate,
    DateOnly EndDate, string? Venue, string? ClassName, CourseStatus CourseStatus, IReadOnlyList<InvitationSession> Sessions)
{
    public bool IsValid => Status != EnrolmentStatus.Withdrawn && CourseStatus != CourseStatus.Cancelled;
}

/// <summary>Invitations (giấy mời): the public page by code, and the list of a course's invited people as .xlsx.</summary>
public static class Invitations
{
    /// <summary>
    /// The invitation with this code. The page is public (the code is the key, 128 random bits), so it is read without
    /// the user's filters — there is no user — and projects only what the invitation shows.
    /// </summary>
    public static async Task<InvitationView?> ByCodeAsync(AppDb db, string? code, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 32) return null;
        var e = await db.Enrolments.IgnoreQueryFilters().AsNoTracking().Where(x => x.InvitationCode == code)
            .Select(x => new
            {
                x.CourseId, x.ClassId, x.Status, x.Position, x.UnitId, x.CommuneId, x.ExternalName, x.ExternalTitle, x.ExternalOrganisation,
                PersonName = x.Person != null ? x.Person.FullName : null,
            }).FirstOrDefaultAsync(ct);
        if (e is null) return null;
        var course = await db.Courses.IgnoreQueryFilters().AsNoTracking().Include(c => c.Classes).FirstAsync(c => c.Id == e.CourseId, ct);
        var courseClass = course.Classes.FirstOrDefault(c => c.Id == e.ClassId);
        var sessions = await db.CourseSessions.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.CourseId == course.Id && (s.ClassId == null || s.ClassId == e.ClassId))
            .OrderBy(s => s.Date).ThenBy(s => s.StartTime)
            .Select(s => new InvitationSession(s.Date, s.StartTime, s.EndTime, s.Topic, s.Lecturer, s.Room)).ToListAsync(ct);
        string? post;
        if (e.PersonName is null) post = string.Join(", ", new[] { e.ExternalTitle, e.ExternalOrganisation }.Where(s => !string.IsNullOrEmpty(s)));
        else
        {
            var unit = await db.ResidentialUnitPeriods.IgnoreQueryFilters().AsNoTracking().Where(p => p.UnitId == e.UnitId && p.ValidFrom <= course.StartDate)
                .OrderByDescending(p => p.ValidFrom).Select(p => new { p.Name, p.Kind }).FirstOrDefaultAsync(ct);
            var commune = await db.AdminUnits.AsNoTracking().Where(a => a.Id == e.CommuneId).Select(a => a.FullName).FirstOrDefaultAsync(ct);
            var position = e.Position is { } p ? Tenure.PositionName(p, unit?.Kind) : null;
            post = string.Join(", ", new[] { $"{position} {unit?.Name}".Trim(), commune }.Where(s => !string.IsNullOrEmpty(s)));
        }
        return new InvitationView(e.PersonName ?? e.ExternalName ?? "", post.Length == 0 ? null : post, e.Status, course.Title, course.Organiser,
            course.LegalBasis, course.StartDate, course.EndDate, courseClass?.Venue ?? course.Venue, courseClass?.Name, course.Status, sessions);
    }

    public static readonly IReadOnlyList<XlsxColumn> Columns =
    [
        new("STT", 6), new("Họ và tên", 26), new("Ngày sinh", 12, XlsxFormat.Text), new("Chức danh", 26), new("Thôn, tổ dân phố", 22),
        new("Xã, phường / Cơ quan", 28), new("Lớp", 12), new("Mã giấy mời", 26, XlsxFormat.Text), new("Đường dẫn giấy mời", 50), new("Ký nhận", 14),
    ];

    public static string FileName(CourseHeader course) => $"giay-moi-lop-{course.Id}.xlsx";

    /// <summary>
    /// The invited (enrolled) people of a course, one sheet per class (in Vietnamese name order within it), and a sheet
    /// about the course; <paramref name="baseUrl"/> makes each person's invitation link.
    /// </summary>
    public static void WriteSheet(Stream output, CourseHeader course, IReadOnlyList<EnrolmentRow> rows, string baseUrl, string exportedBy, DateTime exportedAtUtc)
    {
        var invited = rows.Where(r => r.Status == EnrolmentStatus.Enrolled).ToList();
        using var xlsx = new XlsxWriter(output);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, members) in ByClass(course, invited))
        {
            var sheetName = name;
            for (var n = 2; !names.Add(sheetName); n++) sheetName = $"{name} ({n})";
            using var sheet = xlsx.AddSheet(sheetName, Columns);
            var i = 0;
            foreach (var r in members)
                sheet.WriteRow((XlsxCell)(int?)++i, r.FullName, r.DateOfBirth is null ? null : People.Pages.FormDates.ShowRowDate(r.DateOfBirth), r.IsGuest ? r.GuestTitle : r.PositionName,
                    r.UnitName, r.IsGuest ? r.GuestOrganisation : r.CommuneName, r.ClassName, r.InvitationCode, $"{baseUrl}/moi/{r.InvitationCode}", XlsxCell.Empty);
        }
        using var info = xlsx.AddSheet("Thông tin", [new("", 24), new("", 70, XlsxFormat.Wrap)], headerRow: false);
        info.WriteRow(XlsxCell.Bold("DANH SÁCH MỜI HỌC VIÊN"));
        info.WriteRow("Lớp bồi dưỡng", course.Title);
        info.WriteRow("Đơn vị tổ chức", course.Organiser);
        info.WriteRow("Thời gian", course.Dates);
        info.WriteRow("Địa điểm", course.Venue);
        info.WriteRow("Số người được mời", VietnameseText.FormatNumber(invited.Count));
        info.WriteRow("Xuất lúc", TimeZoneInfo.ConvertTime(new DateTimeOffset(exportedAtUtc, TimeSpan.Zero), VietnamTime.Zone).ToString("dd/MM/yyyy HH:mm", VietnameseText.Culture));
        info.WriteRow("Người xuất", exportedBy);
        info.WriteRow("Lưu ý", "Mỗi đường dẫn là giấy mời riêng của một người: chỉ gửi cho đúng người đó.");
    }

    /// <summary>The invited people by class, classes in their order and "Chưa xếp lớp" last; one group when the course has no classes.</summary>
    public static IEnumerable<(string Name, List<EnrolmentRow> Rows)> ByClass(CourseHeader course, IReadOnlyList<EnrolmentRow> invited)
    {
        if (course.Classes.Count == 0)
        {
            yield return ("Danh sách mời", [.. invited]);
            yield break;
        }
        foreach (var c in course.Classes) yield return (c.Name, [.. invited.Where(r => r.ClassId == c.Id)]);
        var unplaced = invited.Where(r => r.ClassId is null).ToList();
        if (unplaced.Count > 0) yield return ("Chưa xếp lớp", unplaced);
    }
}
