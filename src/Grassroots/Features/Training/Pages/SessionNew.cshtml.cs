using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Features.People.Pages;
using Grassroots.Features.Training.Courses;
using Grassroots.Web;
using Microsoft.AspNetCore.Mvc;

namespace Grassroots.Features.Training.Pages;

/// <summary>Adds a session to a course (by default on its first day).</summary>
[RequirePermission(Permission.ManageCourses)]
public sealed class SessionNewModel(AppDb db, SaveSession save) : SessionFormPage(db)
{
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadCourseAsync(id, ct)) return NotFound();
        Input.Date = FormDates.Show(Course.StartDate);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!await LoadCourseAsync(id, ct)) return NotFound();
        var input = Input.ToInput(ModelState);
        if (input is null) return Page();
        var result = await save.CreateAsync(id, input, ct);
        return this.Finish(result, s => $"Đã thêm buổi học ngày {VietnameseText.FormatDate(s.Date)} ({TrainingPages.Hours(s.StartTime, s.EndTime)}): {s.Topic}.",
            _ => $"/dao-tao/lop/{id}");
    }
}
