using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Features.Training.Courses;
using Grassroots.Web;
using Microsoft.AspNetCore.Mvc;

namespace Grassroots.Features.Training.Pages;

/// <summary>Corrects a course (version-checked); its status changes on the course page.</summary>
[RequirePermission(Permission.ManageCourses)]
public sealed class CourseEditModel(AppDb db, SaveCourse save) : CourseFormPage(db)
{
    public int Id { get; private set; }
    public string Title { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await CourseQueries.DetailAsync(Db, id, ct) is not { } detail || !TrainingPages.CanManage(Db, detail.Course)) return NotFound();
        (Id, Title) = (id, detail.Course.Title);
        Input = CourseForm.From(detail, await TrainingPages.CommuneCodeAsync(Db, detail.Course.CommuneId, ct));
        await LoadChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await CourseQueries.DetailAsync(Db, id, ct) is not { } detail || !TrainingPages.CanManage(Db, detail.Course)) return NotFound();
        (Id, Title) = (id, detail.Course.Title);
        await LoadChoicesAsync(ct);
        var input = Input.ToInput(ModelState);
        if (input is null) return Page();
        var result = await save.UpdateAsync(id, Input.Version, input, ct);
        return this.Finish(result, c => $"Đã lưu lớp \"{c.Title}\".", c => $"/dao-tao/lop/{c.Id}");
    }
}
