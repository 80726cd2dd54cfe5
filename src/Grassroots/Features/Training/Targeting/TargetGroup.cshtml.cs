using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Features.People.Pages;
using Grassroots.Features.Training.Enrolments;
using Grassroots.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Training.Targeting;

/// <summary>
/// /dao-tao/lop/{courseId}/doi-tuong: define who a course is for (the common conditions, and/or of up to three groups,
/// or a ready-made rule in one click), see how many people and who they are before anyone is enrolled, save it, and
/// enrol them all with one button.
/// </summary>
[RequirePermission(Permission.ManageCourses)]
public sealed class TargetGroupModel(AppDb db, SaveTargetGroup save, EnrolByRule enrol) : PageModel
{
    [BindProperty]
    public TargetRuleForm Input { get; set; } = new();

    public CourseHeader Course { get; private set; } = null!;
    public TargetPageData Data { get; private set; } = null!;
    public TargetMatch? Match { get; private set; }
    public string? Description { get; private set; }
    /// <summary>The saved rule as JSON, when it says more than the form can show (made through the API).</summary>
    public string? RuleJson { get; private set; }
    public HashSet<int> Listed { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int courseId, int? nhom, string? mau, CancellationToken ct)
    {
        if (!await LoadAsync(courseId, ct)) return NotFound();
        var group = Data.Groups.FirstOrDefault(g => g.Id == nhom) ?? (nhom is null ? Data.Groups.FirstOrDefault() : null);
        if (nhom is not null && group is null) return NotFound();
        var preset = TargetPresets.Find(mau);
        var rule = preset?.Rule ?? (group is null ? null : TargetRule.Parse(group.Rule).Value);
        Input = (rule is null ? null : TargetRuleForm.From(rule)) ?? new TargetRuleForm().Padded();
        (Input.GroupId, Input.Version, Input.Name, Input.AsOf) = (group?.Id, group?.Version, preset is null ? group?.Name : null, FormDates.Show(group?.AsOf));
        if (rule is not null && preset is null && TargetRuleForm.From(rule) is null) RuleJson = group!.Rule;
        if (rule is not null) await PreviewAsync(rule, group?.AsOf, [], ct);
        return Page();
    }

    public async Task<IActionResult> OnPostXemAsync(int courseId, CancellationToken ct)
    {
        if (!await LoadAsync(courseId, ct)) return NotFound();
        if (Input.Read(ModelState) is { } read) await PreviewAsync(read.Rule, read.AsOf, read.GroupOfLeaf, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostLuuAsync(int courseId, CancellationToken ct)
    {
        if (!await LoadAsync(courseId, ct)) return NotFound();
        if (await SaveAsync(courseId, ct) is not { } group) return Page();
        this.Flash($"Đã lưu đối tượng của lớp: {group.Name}.");
        return Redirect($"/dao-tao/lop/{courseId}/doi-tuong?nhom={group.Id}");
    }

    public async Task<IActionResult> OnPostGhiDanhAsync(int courseId, CancellationToken ct)
    {
        if (!await LoadAsync(courseId, ct)) return NotFound();
        if (await SaveAsync(courseId, ct) is not { } group) return Page();
        var result = await enrol.RunAsync(new EnrolByRuleInput(courseId, group.Id, Input.ClassId), ct);
        return this.Finish(result, EnrolmentMessages.ByRule, _ => $"/dao-tao/lop/{courseId}/hoc-vien");
    }

    private async Task<TargetGroup?> SaveAsync(int courseId, CancellationToken ct)
    {
        if (Input.Read(ModelState) is not { } read) return null;
        var result = await save.RunAsync(new SaveTargetGroupInput(courseId, Input.GroupId, Input.Version, Input.Name, read.AsOf, read.Rule), ct);
        foreach (var e in result.Errors)
            ModelState.AddModelError(e.Field == "name" ? "Input.Name" : TargetRuleForm.FieldKey(e.Field, read.GroupOfLeaf), e.Message);
        return result.Value;
    }

    private async Task PreviewAsync(TargetRule rule, DateOnly? asOf, Dictionary<int, int> groupOfLeaf, CancellationToken ct)
    {
        var date = asOf ?? Course.StartDate;
        var checkedRule = await TargetRuleCheck.CheckAsync(db, rule, date, Data.Place, ct);
        foreach (var e in checkedRule.Errors) ModelState.AddModelError(TargetRuleForm.FieldKey(e.Field, groupOfLeaf), e.Message);
        if (!checkedRule.Succeeded) return;
        Description = TargetPresets.Describe(checkedRule.Value!);
        Match = await TargetGroups.MatchAsync(db, checkedRule.Value!, date, Data.Place, ct);
        Listed = [.. await db.Enrolments.IgnoreQueryFilters().Where(e => e.CourseId == Course.Id && e.PersonId != null).Select(e => e.PersonId!.Value).ToListAsync(ct)];
    }

    private async Task<bool> LoadAsync(int courseId, CancellationToken ct)
    {
        if (await EnrolmentQueries.CourseAsync(db, courseId, ct) is not { } course) return false;
        Course = course;
        Data = await TargetPageData.LoadAsync(db, course, ct);
        Input.Padded();
        return true;
    }
}
