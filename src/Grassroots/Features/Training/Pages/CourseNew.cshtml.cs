using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Features.Training.Courses;
using Grassroots.Web;
using Microsoft.AspNetCore.Mvc;

namespace Grassroots.Features.Training.Pages;

/// <summary>Opens a new course (planned until it is opened for enrolment), optionally within a plan (?keHoach=).</summary>
[RequirePermission(Permission.ManageCourses)]
public sealed class CourseNewModel(AppDb db, SaveCourse save) : CourseFormPage(db)
{
    public async Task OnGetAsync(int? keHoach, CancellationToken ct)
    {
        Input.ProvinceCode = await TrainingPages.HomeProvinceAsync(Db, ct);
        Input.CommuneCode = await TrainingPages.HomeCommuneAsync(Db, ct);
        Input.PlanId = keHoach;
        await LoadChoicesAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        var input = Input.ToInput(ModelState);
        if (input is null) return Page();
        var result = await save.CreateAsync(input, ct);
        return this.Finish(result, c => $"Đã mở lớp \"{c.Title}\". Thêm buổi học và học viên cho lớp.", c => $"/dao-tao/lop/{c.Id}");
    }
}
