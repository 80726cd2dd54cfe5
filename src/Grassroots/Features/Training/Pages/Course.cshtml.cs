using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Features.Training.Courses;
using Grassroots.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Training.Pages;

/// <summary>A course: its facts, classes and sessions, counts, and the next step of its status for those who manage it.</summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class CourseModel(AppDb db, SaveCourse save) : PageModel
{
    public CourseDetail Detail { get; private set; } = null!;
    public bool CanManage { get; private set; }
    /// <summary>Whether the user records attendance where the course sits (roll call and QR screen links).</summary>
    public bool CanRecord { get; private set; }
    public string? StatusError { get; private set; }

    /// <summary>The status changes offered from here, with their button labels.</summary>
    public IEnumerable<(CourseStatus Status, string Label)> NextSteps => Detail.Course.Status switch
    {
        CourseStatus.Planned => [(CourseStatus.Open, "Mở nhận học viên"), (CourseStatus.Cancelled, "Hủy lớp")],
        CourseStatus.Open => [(CourseStatus.Running, "Bắt đầu học"), (CourseStatus.Cancelled, "Hủy lớp")],
        CourseStatus.Running => [(CourseStatus.Finished, "Kết thúc lớp"), (CourseStatus.Cancelled, "Hủy lớp")],
        _ => [],
    };

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostStatusAsync(int id, int version, CourseStatus status, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || !CanManage) return NotFound();
        var result = await save.ChangeStatusAsync(id, version, status, ct);
        if (!result.Succeeded)
        {
            StatusError = string.Join(" ", result.Errors.Select(e => e.Message));
            return Page();
        }
        this.Flash($"Lớp \"{result.Value!.Title}\" chuyển sang \"{Course.StatusName(result.Value.Status)}\".");
        return Redirect($"/dao-tao/lop/{id}");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        if (await CourseQueries.DetailAsync(db, id, ct) is not { } detail) return false;
        Detail = detail;
        CanManage = TrainingPages.CanManage(db, detail.Course);
        CanRecord = Attendances.AttendanceQueries.CanRecord(db, detail.Course.ProvinceCode, detail.Course.CommuneId);
        return true;
    }
}
