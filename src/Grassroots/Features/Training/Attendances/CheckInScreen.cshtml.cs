using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Training.Attendances;

/// <summary>
/// Mã điểm danh: what the organiser puts on the projector — the QR code of the check-in address with the current code,
/// the code in digits, and how many have checked in. It changes every 30 seconds (wwwroot/js/check-in-code.js; without
/// script, a refresh).
/// </summary>
[RequirePermission(Permission.RecordAttendance)]
public sealed class CheckInScreenModel(AppDb db, TimeProvider time) : PageModel
{
    public SessionHeader Session { get; private set; } = null!;
    public AttendanceCounts Counts { get; private set; } = null!;
    public bool Open { get; private set; }
    public bool NotYet { get; private set; }
    public string? Code { get; private set; }
    public string? CheckInUrl { get; private set; }
    public string? Svg { get; private set; }
    public int SecondsLeft { get; private set; }
    public string OpensAt { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await AttendanceQueries.SessionAsync(db, id, ct) is not { } session || !AttendanceQueries.CanRecord(db, session.CourseProvinceCode, session.CourseCommuneId))
            return NotFound();
        Session = session;
        Counts = await AttendanceQueries.CountsAsync(db, session, ct);
        var full = await db.CourseSessions.AsNoTracking().FirstAsync(s => s.Id == id, ct);
        var now = time.GetUtcNow();
        Open = session.CourseStatus != CourseStatus.Cancelled && CheckInCode.IsOpen(full, now);
        NotYet = now < CheckInCode.Opens(full);
        OpensAt = CheckInCode.Opens(full).ToOffset(Common.VietnamTime.Zone.BaseUtcOffset).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        SecondsLeft = CheckInCode.SecondsLeft(now);
        if (Open)
        {
            Code = CheckInCode.Current(full.CheckInSecret, time);
            CheckInUrl = $"{Request.Scheme}://{Request.Host}/diem-danh/{id}?ma={Code}";
            Svg = Documents.QrCode.Encode(CheckInUrl).ToSvg(title: "Mã QR điểm danh");
        }
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
