using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Training.Attendances;

/// <summary>
/// Điểm danh một buổi: every participant with one radio group (present by default), saved in one post. Only where the user
/// records attendance; before the session's day the list is shown without the form, after it saving is a correction.
/// </summary>
[RequirePermission(Permission.RecordAttendance)]
public sealed class RollCallModel(AppDb db, RecordRollCall record, TimeProvider time) : PageModel
{
    /// <summary>The posted marks, by enrolment id ("Marks[123]=Present").</summary>
    [BindProperty]
    public Dictionary<int, AttendanceStatus> Marks { get; set; } = [];

    public SessionAttendance Roll { get; private set; } = null!;
    public SessionHeader Session => Roll.Session;
    public bool NotYet => Session.Date > time.Today();
    public bool IsCorrection => Session.Date < time.Today();
    public bool Cancelled => Session.CourseStatus == CourseStatus.Cancelled;

    public static readonly IReadOnlyList<(AttendanceStatus Status, string Label)> Choices =
        [(AttendanceStatus.Present, "Có mặt"), (AttendanceStatus.Late, "Muộn"), (AttendanceStatus.Excused, "Có phép"), (AttendanceStatus.Absent, "Vắng")];

    /// <summary>The mark a row's radio group shows: what was just posted, else the stored one, else present.</summary>
    public AttendanceStatus Shown(AttendanceRow row) => Marks.TryGetValue(row.EnrolmentId, out var posted) ? posted : row.Status ?? AttendanceStatus.Present;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!ModelState.IsValid) return Page();
        var result = await record.RunAsync(id, new RollCallInput([.. Marks.Select(m => new RollCallMark(m.Key, m.Value))]), ct);
        if (!result.Succeeded)
        {
            if (result.Errors[0].Kind == ErrorKind.NotFound) return NotFound();
            ModelState.AddErrors(result.Errors.Select(e => e with { Field = null }));
            return Page();
        }
        var done = result.Value!;
        var counts = await AttendanceQueries.CountsAsync(db, Session, ct);
        this.Flash($"{(done.Correction ? "Đã sửa điểm danh (sau ngày học)" : "Đã lưu điểm danh")}: {done.Created} ghi mới, {done.Changed} thay đổi. " +
                   $"Có mặt {counts.Present}, đến muộn {counts.Late}, vắng có phép {counts.Excused}, vắng {counts.Absent}.");
        return Redirect($"/dao-tao/buoi/{id}/diem-danh");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        if (await AttendanceQueries.SessionAsync(db, id, ct) is not { } session || !AttendanceQueries.CanRecord(db, session.CourseProvinceCode, session.CourseCommuneId))
            return false;
        Roll = await AttendanceQueries.ListAsync(db, session, ct);
        return true;
    }
}
