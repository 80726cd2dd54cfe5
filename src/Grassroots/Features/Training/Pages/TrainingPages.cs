using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Features.Training.Courses;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Training.Pages;

/// <summary>Small reads the training pages share.</summary>
public static class TrainingPages
{
    /// <summary>Whether the user manages the course (may change it): where its organiser sits lies within their course scope.</summary>
    public static bool CanManage(AppDb db, CourseRow course) =>
        db.Access.ScopeFor(Permission.ManageCourses).Manages(course.ProvinceCode, course.CommuneId);

    /// <summary>The province a new course or plan defaults to: the user's, when they have one.</summary>
    public static async Task<string?> HomeProvinceAsync(AppDb db, CancellationToken ct)
    {
        var scope = db.Access.ScopeFor(Permission.ManageCourses);
        if (scope.Provinces.Count > 0) return scope.Provinces[0];
        if (scope.Communes.Count > 0)
            return await db.AdminUnits.AsNoTracking().Where(a => a.Id == scope.Communes[0]).Select(a => a.ProvinceCode).FirstOrDefaultAsync(ct);
        return null;
    }

    /// <summary>The commune a commune officer's course defaults to.</summary>
    public static async Task<string?> HomeCommuneAsync(AppDb db, CancellationToken ct)
    {
        var scope = db.Access.ScopeFor(Permission.ManageCourses);
        if (scope.All || scope.Provinces.Count > 0 || scope.Communes.Count == 0) return null;
        return await db.AdminUnits.AsNoTracking().Where(a => a.Id == scope.Communes[0]).Select(a => a.Code).FirstOrDefaultAsync(ct);
    }

    public static async Task<string?> CommuneCodeAsync(AppDb db, int? communeId, CancellationToken ct) =>
        communeId is null ? null : await db.AdminUnits.AsNoTracking().Where(a => a.Id == communeId).Select(a => a.Code).FirstOrDefaultAsync(ct);

    /// <summary>"07:30–11:00".</summary>
    public static string Hours(TimeOnly start, TimeOnly end) => $"{start:HH\\:mm}–{end:HH\\:mm}";

    public static readonly IReadOnlyList<(CourseStatus Value, string Name)> Statuses =
        [.. Enum.GetValues<CourseStatus>().Select(s => (s, Course.StatusName(s)))];
}

/// <summary>A page with the course form: the programmes and plans to choose from.</summary>
public abstract class CourseFormPage(AppDb db) : Microsoft.AspNetCore.Mvc.RazorPages.PageModel
{
    [Microsoft.AspNetCore.Mvc.BindProperty]
    public CourseForm Input { get; set; } = new();

    public IReadOnlyList<ProgrammeRow> Programmes { get; private set; } = [];
    public IReadOnlyList<PlanRow> Plans { get; private set; } = [];

    protected AppDb Db => db;

    protected async Task LoadChoicesAsync(CancellationToken ct)
    {
        Programmes = await CourseQueries.ProgrammesAsync(db, ct);
        Plans = await CourseQueries.PlansAsync(db, null, null, ct);
        Input.Padded();
    }
}
