using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Training.Attendances;

/// <summary>Lớp của tôi: a leader's courses on their phone — sessions, their marks, and a check-in button while one is open.</summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class MyCoursesPageModel(AppDb db, TimeProvider time) : PageModel
{
    public bool Linked => db.Access.PersonId is not null;
    public List<MyCourse> Courses { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (db.Access.PersonId is { } me) Courses = await MyCourses.ListAsync(db, me, time, ct);
    }
}
