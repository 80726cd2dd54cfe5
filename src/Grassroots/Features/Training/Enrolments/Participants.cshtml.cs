using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Features.People;
using Grassroots.Features.People.Pages;
using Grassroots.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Training.Enrolments;

/// <summary>A guest as typed on the participants page.</summary>
public sealed class GuestForm
{
    public string? FullName { get; set; }
    public string? Title { get; set; }
    public string? Organisation { get; set; }
    public int? ClassId { get; set; }
}

/// <summary>One part of the participants page (enrolled, waiting or withdrawn) for its partial.</summary>
public sealed record EnrolmentRowsView(ParticipantsModel Page, List<EnrolmentRow> Rows, EnrolmentStatus Status);

/// <summary>
/// /dao-tao/lop/{courseId}/hoc-vien: a course's participants — enrolled, waiting, withdrawn, with counts — and, for those
/// who manage the course, adding a registry person found by name (with or without diacritics) or a guest, withdrawing
/// with a reason, moving to a class, and removing a row entered by mistake.
/// </summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class ParticipantsModel(AppDb db, EnrolPerson enrolPerson, EnrolExternal enrolExternal, WithdrawEnrolment withdraw,
    RemoveEnrolment remove, MoveEnrolment move, TimeProvider time) : PageModel
{
    public const int SearchLimit = 20;

    [BindProperty(SupportsGet = true, Name = "tim")]
    public string? Q { get; set; }
    [BindProperty]
    public GuestForm Guest { get; set; } = new();

    public EnrolmentList List { get; private set; } = null!;
    public CourseHeader Course => List.Course;
    public bool CanManage { get; private set; }
    public List<PersonRow> Found { get; private set; } = [];
    public Dictionary<int, List<string>> Held { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int courseId, CancellationToken ct)
    {
        if (!await LoadAsync(courseId, ct)) return NotFound();
        if (CanManage && !string.IsNullOrWhiteSpace(Q))
        {
            var listed = List.Items.Select(r => r.PersonId).ToHashSet();
            Found = [.. (await LeaderQueries.SearchAsync(db, Q, null, 200, time.Today(), ct))
                .Where(p => p.ProvinceCode == Course.ProvinceCode && !listed.Contains(p.Id)).Take(SearchLimit)];
            Held = await PersonPages.PositionsTodayAsync(db, [.. Found.Select(p => p.Id)], Course.StartDate, ct);
        }
        return Page();
    }

    public Task<IActionResult> OnPostGhiDanhAsync(int courseId, int personId, int? classId, CancellationToken ct) =>
        RunAsync(courseId, null, () => enrolPerson.RunAsync(new EnrolPersonInput(courseId, personId, classId), ct), EnrolmentMessages.Enrolled, ct);

    public Task<IActionResult> OnPostKhachAsync(int courseId, CancellationToken ct) =>
        RunAsync(courseId, null, () => enrolExternal.RunAsync(new EnrolExternalInput(courseId, Guest.FullName, Guest.Title, Guest.Organisation, Guest.ClassId), ct),
            EnrolmentMessages.Enrolled, ct, "Guest");

    public Task<IActionResult> OnPostRutTenAsync(int courseId, int id, int version, string? reason, CancellationToken ct) =>
        RunAsync(courseId, id, () => withdraw.RunAsync(new WithdrawEnrolmentInput(id, version, reason), ct), EnrolmentMessages.Withdrawn, ct);

    public Task<IActionResult> OnPostXoaAsync(int courseId, int id, int version, CancellationToken ct) =>
        RunAsync(courseId, id, () => remove.RunAsync(new RemoveEnrolmentInput(id, version), ct), EnrolmentMessages.Removed, ct);

    public Task<IActionResult> OnPostXepLopAsync(int courseId, int id, int version, int? classId, CancellationToken ct) =>
        RunAsync(courseId, id, () => move.RunAsync(new MoveEnrolmentInput(id, version, classId), ct), EnrolmentMessages.Moved, ct);

    /// <summary>One write: refused to those who do not manage the course, for a row of another course; errors shown above the list, or the flash and back here.</summary>
    private async Task<IActionResult> RunAsync(int courseId, int? rowId, Func<Task<Result<EnrolmentChange>>> write, Func<EnrolmentChange, string> message,
        CancellationToken ct, string? formPrefix = null)
    {
        if (!await LoadAsync(courseId, ct)) return NotFound();
        if (!db.Access.ScopeFor(Permission.ManageCourses).Manages(Course.ProvinceCode, Course.CommuneId)) return Forbid();
        if (rowId is { } id && List.Items.All(r => r.Id != id)) return NotFound();
        var result = await write();
        if (!result.Succeeded)
        {
            if (formPrefix is null) ModelState.AddErrors(result.Errors.Select(e => e with { Field = null }));
            else ModelState.AddErrors(result.Errors, formPrefix);
            return Page();
        }
        this.Flash(message(result.Value!));
        return Redirect($"/dao-tao/lop/{courseId}/hoc-vien");
    }

    private async Task<bool> LoadAsync(int courseId, CancellationToken ct)
    {
        if (await EnrolmentQueries.CourseAsync(db, courseId, ct) is not { } course) return false;
        List = await EnrolmentQueries.ListAsync(db, course, ct);
        CanManage = course.TakesEnrolments && db.Access.ScopeFor(Permission.ManageCourses).Manages(course.ProvinceCode, course.CommuneId);
        return true;
    }
}
