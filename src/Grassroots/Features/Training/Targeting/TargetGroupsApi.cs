using System.Text.Json;
using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Features.Training.Enrolments;
using Grassroots.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Training.Targeting;

/// <summary>A rule to try: given as JSON, or a preset's key; read on <see cref="AsOf"/> (default: the course's first day).</summary>
public sealed record TargetPreviewRequest(JsonElement? Rule, string? Preset, DateOnly? AsOf);

public sealed record SaveTargetGroupRequest(int? Id, int? Version, string? Name, DateOnly? AsOf, JsonElement? Rule);

public sealed record EnrolByRuleRequest(int? TargetGroupId, int? ClassId);

public sealed record TargetGroupInfo(int Id, int Version, string Name, DateOnly? AsOf, JsonElement Rule);

/// <summary>Who a rule matches for a course: the count and the list, before anything is enrolled.</summary>
public sealed record TargetPreview(int CourseId, TargetGroupInfo? Group, DateOnly AsOf, string Description, int Count, IReadOnlyList<TargetMatchRow> Items);

public sealed record TargetPresetRow(string Key, string Name, string Note, JsonElement Rule);

/// <summary>A course's target group: the rule, who it matches (count and list), saving it, and enrolling everyone it matches.</summary>
public static class TargetGroupsApi
{
    public static RouteGroupBuilder MapTargetGroupsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/training/target-presets", Presets).WithTags("Đối tượng bồi dưỡng").RequirePermission(Permission.ViewPeople)
            .WithSummary("Các quy tắc đối tượng có sẵn (trưởng thôn chưa là đảng viên dưới 60 tuổi, bí thư chi bộ kiêm trưởng thôn, tổ trưởng và tổ phó của các phường)");
        var group = app.MapGroup("/api/v1/training/courses/{courseId:int}/target-group").WithTags("Đối tượng bồi dưỡng").RequirePermission(Permission.ViewPeople);
        group.MapGet("/", Get).WithSummary("Đối tượng đã lưu của lớp (mới nhất, hoặc groupId) và những người thuộc đối tượng: số lượng và danh sách");
        group.MapPost("/", Preview).WithSummary("Xem trước một quy tắc (rule JSON hoặc preset): số người và danh sách, chưa ghi danh ai");
        group.MapPut("/", Save).RequirePermission(Permission.ManageCourses).WithSummary("Lưu đối tượng của lớp (tạo mới khi không có id; sửa cần version)");
        group.MapPost("/enrol", Enrol).RequirePermission(Permission.ManageCourses)
            .WithSummary("Ghi danh mọi người thuộc đối tượng (một lần): bỏ qua người đã có trong danh sách; quá số chỗ thì vào danh sách chờ theo thứ tự tên");
        return group;
    }

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static Ok<List<TargetPresetRow>> Presets() =>
        TypedResults.Ok(TargetPresets.All.Select(p => new TargetPresetRow(p.Key, p.Name, p.Note, Json(p.Rule.ToJson()))).ToList());

    private static Error CourseNotFound() => new("course_not_found", "Không tìm thấy lớp bồi dưỡng này trong phạm vi của bạn.", "courseId", ErrorKind.NotFound);

    private static async Task<Results<Ok<TargetPreview>, ProblemHttpResult>> Get(AppDb db, int courseId, int? groupId, int? limit, CancellationToken ct)
    {
        var course = await db.Courses.AsNoTracking().FirstOrDefaultAsync(c => c.Id == courseId, ct);
        if (course is null) return CourseNotFound().ToProblem();
        var groups = db.TargetGroups.AsNoTracking().Where(g => g.CourseId == courseId);
        var group = groupId is { } id ? await groups.FirstOrDefaultAsync(g => g.Id == id, ct)
            : await groups.OrderByDescending(g => g.UpdatedAt).ThenByDescending(g => g.Id).FirstOrDefaultAsync(ct);
        if (group is null) return new Error("target_group_not_found", "Lớp này chưa có đối tượng nào được lưu.", "groupId", ErrorKind.NotFound).ToProblem();
        var parsed = TargetRule.Parse(group.Rule);
        if (!parsed.Succeeded) return parsed.Errors.ToProblem();
        var info = new TargetGroupInfo(group.Id, group.Version, group.Name, group.AsOf, Json(group.Rule));
        return await PreviewAsync(db, course, info, parsed.Value!, group.AsOf, limit, ct);
    }

    private static async Task<Results<Ok<TargetPreview>, ProblemHttpResult>> Preview(AppDb db, int courseId, TargetPreviewRequest body, int? limit, CancellationToken ct)
    {
        var course = await db.Courses.AsNoTracking().FirstOrDefaultAsync(c => c.Id == courseId, ct);
        if (course is null) return CourseNotFound().ToProblem();
        Result<TargetRule> rule;
        if (!string.IsNullOrWhiteSpace(body.Preset))
            rule = TargetPresets.Find(body.Preset) is { } preset ? Result<TargetRule>.Ok(preset.Rule)
                : new Error("unknown_preset", $"Không có quy tắc có sẵn \"{body.Preset}\"; xem /api/v1/training/target-presets.", "preset");
        else rule = TargetRule.Parse(body.Rule);
        if (!rule.Succeeded) return rule.Errors.ToProblem();
        return await PreviewAsync(db, course, null, rule.Value!, body.AsOf, limit, ct);
    }

    private static async Task<Results<Ok<TargetPreview>, ProblemHttpResult>> PreviewAsync(AppDb db, Course course, TargetGroupInfo? group, TargetRule rule,
        DateOnly? asOf, int? limit, CancellationToken ct)
    {
        var date = asOf ?? course.StartDate;
        var place = await TargetPlace.OfAsync(db, course, ct);
        var checkedRule = await TargetRuleCheck.CheckAsync(db, rule, date, place, ct);
        if (!checkedRule.Succeeded) return checkedRule.Errors.ToProblem();
        var match = await TargetGroups.MatchAsync(db, checkedRule.Value!, date, place, ct);
        var items = limit is { } n ? match.Items.Take(Math.Max(0, n)).ToList() : match.Items;
        return TypedResults.Ok(new TargetPreview(course.Id, group, date, TargetPresets.Describe(checkedRule.Value!), match.Count, items));
    }

    private static async Task<Results<Ok<TargetGroupInfo>, Created<TargetGroupInfo>, ProblemHttpResult>> Save(AppDb db, SaveTargetGroup useCase, int courseId,
        SaveTargetGroupRequest body, CancellationToken ct)
    {
        if (!await db.Courses.AnyAsync(c => c.Id == courseId, ct)) return CourseNotFound().ToProblem();
        var rule = TargetRule.Parse(body.Rule);
        if (!rule.Succeeded) return rule.Errors.ToProblem();
        var result = await useCase.RunAsync(new SaveTargetGroupInput(courseId, body.Id, body.Version, body.Name, body.AsOf, rule.Value!), ct);
        if (!result.Succeeded) return result.Errors.ToProblem();
        var g = result.Value!;
        var info = new TargetGroupInfo(g.Id, g.Version, g.Name, g.AsOf, Json(g.Rule));
        return body.Id is null ? TypedResults.Created($"/api/v1/training/courses/{courseId}/target-group?groupId={g.Id}", info) : TypedResults.Ok(info);
    }

    private static async Task<Results<Ok<EnrolByRuleResult>, ProblemHttpResult>> Enrol(EnrolByRule useCase, int courseId, EnrolByRuleRequest? body, CancellationToken ct)
    {
        var result = await useCase.RunAsync(new EnrolByRuleInput(courseId, body?.TargetGroupId, body?.ClassId), ct);
        return result.Succeeded ? TypedResults.Ok(result.Value!) : result.Errors.ToProblem();
    }
}
