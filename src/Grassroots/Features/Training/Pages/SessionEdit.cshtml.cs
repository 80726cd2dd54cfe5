using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Features.Training.Courses;
using Grassroots.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Training.Pages;

/// <summary>Corrects a session (version-checked), or removes one entered by mistake before any attendance is recorded.</summary>
[RequirePermission(Permission.ManageCourses)]
public sealed class SessionEditModel(AppDb db, SaveSession save) : SessionFormPage(db)
{
    public string? DeleteError { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is not { } session) return NotFound();
        Input = SessionForm.From(session);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is null) return NotFound();
        var input = Input.ToInput(ModelState);
        if (input is null) return Page();
        var result = await save.UpdateAsync(id, Input.Version, input, ct);
        return this.Finish(result, s => $"Đã lưu buổi học ngày {Common.VietnameseText.FormatDate(s.Date)}.", _ => $"/dao-tao/lop/{Course.Id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, int deleteVersion, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is not { } session) return NotFound();
        var result = await save.DeleteAsync(id, deleteVersion, ct);
        if (result.Succeeded)
        {
            this.Flash($"Đã xóa buổi học ngày {Common.VietnameseText.FormatDate(session.Date)}: {session.Topic}.");
            return Redirect($"/dao-tao/lop/{Course.Id}");
        }
        ModelState.Clear();
        Input = SessionForm.From(session);
        DeleteError = string.Join(" ", result.Errors.Select(e => e.Message));
        return Page();
    }

    private async Task<SessionRow?> LoadAsync(int id, CancellationToken ct)
    {
        var session = (await CourseQueries.SessionsAsync(Db, Db.CourseSessions.Where(s => s.Id == id), ct)).FirstOrDefault();
        if (session is null) return null;
        var courseId = await Db.CourseSessions.Where(s => s.Id == id).Select(s => s.CourseId).FirstAsync(ct);
        return await LoadCourseAsync(courseId, ct) ? session : null;
    }
}
