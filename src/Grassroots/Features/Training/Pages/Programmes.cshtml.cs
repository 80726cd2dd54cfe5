using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Features.Training.Courses;
using Grassroots.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Training.Pages;

/// <summary>The programmes within reach (the shared catalogue and the province's own) with their topics.</summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class ProgrammesModel(AppDb db) : PageModel
{
    public List<ProgrammeRow> Programmes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Programmes = await CourseQueries.ProgrammesAsync(db, ct);
}
