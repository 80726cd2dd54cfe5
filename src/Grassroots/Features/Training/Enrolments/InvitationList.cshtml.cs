using Grassroots.Data;
using Grassroots.Documents;
using Grassroots.Features.Accounts;
using Grassroots.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Training.Enrolments;

/// <summary>
/// /dao-tao/lop/{courseId}/giay-moi: the list of invited (enrolled) people of each class, laid out to print (print CSS:
/// one class a page, a column to sign), with each person's invitation code; ?handler=Xlsx gives the same as .xlsx.
/// </summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class InvitationListModel(AppDb db, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "lop")]
    public int? ClassId { get; set; }

    public CourseHeader Course { get; private set; } = null!;
    public List<(string Name, List<EnrolmentRow> Rows)> Classes { get; private set; } = [];
    public int Waiting { get; private set; }
    /// <summary>The course with only the class asked for (all when none is).</summary>
    private CourseHeader _printed = null!;

    public async Task<IActionResult> OnGetAsync(int courseId, CancellationToken ct)
    {
        if (!await LoadAsync(courseId, ct)) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnGetXlsxAsync(int courseId, CancellationToken ct)
    {
        if (!await LoadAsync(courseId, ct)) return NotFound();
        using var buffer = new MemoryStream();
        Invitations.WriteSheet(buffer, _printed, [.. Classes.SelectMany(c => c.Rows)], $"{Request.Scheme}://{Request.Host}",
            db.Access.UserName ?? "", time.GetUtcNow().UtcDateTime);
        return File(buffer.ToArray(), XlsxWriter.ContentType, Invitations.FileName(Course));
    }

    private async Task<bool> LoadAsync(int courseId, CancellationToken ct)
    {
        if (await EnrolmentQueries.CourseAsync(db, courseId, ct) is not { } course) return false;
        if (ClassId is { } id && course.Classes.All(c => c.Id != id)) return false;
        var list = await EnrolmentQueries.ListAsync(db, course, ct);
        _printed = ClassId is { } only ? course with { Classes = [.. course.Classes.Where(c => c.Id == only)] } : course;
        var invited = list.Items.Where(r => r.Status == EnrolmentStatus.Enrolled && (ClassId is null || r.ClassId == ClassId)).ToList();
        Classes = [.. Invitations.ByClass(_printed, invited)];
        Waiting = list.Waiting;
        Course = course;
        return true;
    }
}
