using Grassroots.Common;
using Grassroots.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Training.Targeting;

/// <summary>A course's target group to create (<see cref="Id"/> null) or change (with the version being edited).</summary>
public sealed record SaveTargetGroupInput(int CourseId, int? Id, int? Version, string? Name, DateOnly? AsOf, TargetRule Rule);

/// <summary>
/// Saves a course's target group: the rule checked against the catalogs on its date and the course's place, stored as
/// its JSON; the name defaults to the rule in words; the group belongs where the course's organiser sits.
/// </summary>
public sealed class SaveTargetGroup(AppDb db, TimeProvider time)
{
    public async Task<Result<TargetGroup>> RunAsync(SaveTargetGroupInput input, CancellationToken ct)
    {
        var course = await db.Courses.AsNoTracking().FirstOrDefaultAsync(c => c.Id == input.CourseId, ct);
        if (course is null) return new Error("course_not_found", "Không tìm thấy lớp bồi dưỡng này trong phạm vi của bạn.", "courseId", ErrorKind.NotFound);
        TargetGroup? group = null;
        if (input.Id is { } id)
        {
            group = await db.TargetGroups.FirstOrDefaultAsync(g => g.Id == id && g.CourseId == course.Id, ct);
            if (group is null) return new Error("target_group_not_found", "Không tìm thấy đối tượng này của lớp.", "id", ErrorKind.NotFound);
            if (input.Version is not { } version) return new Error("version_required", "Cần phiên bản (version) của đối tượng đang sửa.", "version");
            if (group.Version != version)
                return Error.Conflict($"Đối tượng này vừa được người khác thay đổi (phiên bản {group.Version}, bạn sửa từ phiên bản {version}). Hãy tải lại rồi làm lại.");
        }
        var date = input.AsOf ?? course.StartDate;
        var place = await TargetPlace.OfAsync(db, course, ct);
        var rule = await TargetRuleCheck.CheckAsync(db, input.Rule, date, place, ct);
        if (!rule.Succeeded) return Result<TargetGroup>.Fail(rule.Errors);
        var name = VietnameseText.Clean(input.Name);
        if (name.Length > 300) return new Error("name_too_long", "Tên đối tượng dài quá 300 ký tự.", "name");
        if (name.Length == 0) name = Truncate(TargetPresets.Describe(rule.Value!), 300);

        var now = time.UtcNow();
        if (group is null)
        {
            group = new TargetGroup { CourseId = course.Id, ProvinceCode = course.ProvinceCode, CommuneId = course.CommuneId, Name = name, Rule = "", CreatedAt = now };
            db.TargetGroups.Add(group);
        }
        else group.Version++;
        group.Name = name;
        group.AsOf = input.AsOf;
        group.Rule = TargetRuleCheck.ToRule(rule.Value!).ToJson();
        group.UpdatedAt = now;
        db.Operation = "save-target-group";
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("Đối tượng này vừa được người khác thay đổi cùng lúc. Hãy tải lại rồi làm lại.");
        }
        return Result<TargetGroup>.Ok(group);
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
