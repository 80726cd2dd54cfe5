using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Features.Training.Enrolments;
using Grassroots.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Training.Certificates;

/// <summary>
/// /dao-tao/lop/{courseId}/chung-nhan: a course's certificates with their numbers and verification links, the PDFs to
/// print (one, or all in one file), and for those who manage the course issuing to all who completed and revoking.
/// </summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class CertificatesModel(AppDb db, IssueCertificates issue, RevokeCertificate revoke) : PageModel
{
    public CourseHeader Course { get; private set; } = null!;
    public List<CertificateRow> Items { get; private set; } = [];
    public bool CanManage { get; private set; }

    public async Task<IActionResult> OnGetAsync(int courseId, CancellationToken ct) => await LoadAsync(courseId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCapAsync(int courseId, CancellationToken ct)
    {
        if (!await LoadAsync(courseId, ct)) return NotFound();
        if (!CanManage) return Forbid();
        var result = await issue.RunAsync(courseId, ct);
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result.Errors.Select(e => e with { Field = null }));
            return Page();
        }
        this.Flash(result.Value!.Message);
        return Redirect($"/dao-tao/lop/{courseId}/chung-nhan");
    }

    public async Task<IActionResult> OnPostThuHoiAsync(int courseId, int id, int version, string? reason, CancellationToken ct)
    {
        if (!await LoadAsync(courseId, ct)) return NotFound();
        if (!CanManage || Items.All(c => c.Id != id)) return NotFound();
        var result = await revoke.RunAsync(new RevokeCertificateInput(id, version, reason), ct);
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result.Errors.Select(e => e with { Field = null }));
            return Page();
        }
        this.Flash($"Đã thu hồi giấy chứng nhận số {result.Value!.Number}.");
        return Redirect($"/dao-tao/lop/{courseId}/chung-nhan");
    }

    private async Task<bool> LoadAsync(int courseId, CancellationToken ct)
    {
        if (await EnrolmentQueries.CourseAsync(db, courseId, ct) is not { } course) return false;
        Course = course;
        Items = await CertificateQueries.ListAsync(db, courseId, ct);
        CanManage = course.Status != CourseStatus.Cancelled && db.Access.ScopeFor(Permission.ManageCourses).Manages(course.ProvinceCode, course.CommuneId);
        return true;
    }
}
