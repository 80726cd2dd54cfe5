using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Training.Enrolments;

public sealed record CourseEnrolmentRow(int Id, string Title, string Organiser, DateOnly StartDate, DateOnly EndDate, CourseStatus Status, int? Capacity,
    int Enrolled, int Waiting, bool CanManage);

/// <summary>
/// /dao-tao/ghi-danh: the courses in the user's scope with their enrolment counts, leading to each course's target
/// group, participants and invitations — a small entry point until the course pages link there.
/// </summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class CoursesModel(AppDb db) : PageModel
{
    public List<CourseEnrolmentRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var courses = await db.Courses.AsNoTracking().OrderByDescending(c => c.StartDate).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.Title, c.Organiser, c.StartDate, c.EndDate, c.Status, c.Capacity, c.ProvinceCode, c.CommuneId }).ToListAsync(ct);
        var ids = courses.Select(c => c.Id).ToList();
        // Counts of every row of those courses, seen or not (the organiser's figures).
        var counts = await db.Enrolments.IgnoreQueryFilters().Where(e => ids.Contains(e.CourseId) && e.Status != EnrolmentStatus.Withdrawn)
            .GroupBy(e => new { e.CourseId, e.Status }).Select(g => new { g.Key.CourseId, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        var manage = db.Access.ScopeFor(Permission.ManageCourses);
        Rows = [.. courses.Select(c => new CourseEnrolmentRow(c.Id, c.Title, c.Organiser, c.StartDate, c.EndDate, c.Status, c.Capacity,
            counts.Where(x => x.CourseId == c.Id && x.Status == EnrolmentStatus.Enrolled).Sum(x => x.Count),
            counts.Where(x => x.CourseId == c.Id && x.Status == EnrolmentStatus.Waiting).Sum(x => x.Count), manage.Manages(c.ProvinceCode, c.CommuneId)))];
    }
}
