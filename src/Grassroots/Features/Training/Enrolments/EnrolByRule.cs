using System.Data.Common;
using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Training.Targeting;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Training.Enrolments;

/// <summary>Enrol a course's target group; without <see cref="TargetGroupId"/>, the course's latest saved group.</summary>
public sealed record EnrolByRuleInput(int CourseId, int? TargetGroupId = null, int? ClassId = null);

public sealed record EnrolByRuleResult(int TargetGroupId, DateOnly AsOf, int Matched, int AlreadyListed, int Enrolled, int Waiting, IReadOnlyList<string> MovedUp);

/// <summary>
/// Puts everyone a course's target group matches on its list in one action: people already on it (in any state) are
/// skipped, so running it twice changes nothing; while the course (and the class) has places people are enrolled,
/// beyond them they join the waiting list, in Vietnamese name order. Anyone already waiting for a place that has since
/// become free moves up first. The new rows go through <see cref="AppDb.BulkInsertAsync{T}"/> — scope check and an
/// audit row each — in one transaction.
/// </summary>
public sealed class EnrolByRule(AppDb db, TimeProvider time)
{
    public async Task<Result<EnrolByRuleResult>> RunAsync(EnrolByRuleInput input, CancellationToken ct)
    {
        db.Operation = "enrol-by-rule";
        await using var transaction = await EnrolmentRules.BeginAsync(db, ct);
        var loaded = await EnrolmentRules.OpenCourseAsync(db, input.CourseId, ct);
        if (!loaded.Succeeded) return Result<EnrolByRuleResult>.Fail(loaded.Errors);
        var course = loaded.Value!;
        var inClass = EnrolmentRules.ClassOf(course, input.ClassId);
        if (!inClass.Succeeded) return Result<EnrolByRuleResult>.Fail(inClass.Errors);
        var classId = inClass.Value?.Id;
        var groups = db.TargetGroups.AsNoTracking().Where(g => g.CourseId == course.Id);
        var group = input.TargetGroupId is { } id
            ? await groups.FirstOrDefaultAsync(g => g.Id == id, ct)
            : await groups.OrderByDescending(g => g.UpdatedAt).ThenByDescending(g => g.Id).FirstOrDefaultAsync(ct);
        if (group is null)
            return new Error("target_group_not_found", input.TargetGroupId is null ? "Lớp này chưa có đối tượng nào được lưu." : "Không tìm thấy đối tượng này của lớp.",
                "targetGroupId", ErrorKind.NotFound);

        var place = await TargetPlace.OfAsync(db, course, ct);
        var date = group.AsOf ?? course.StartDate;
        var parsed = TargetRule.Parse(group.Rule);
        if (!parsed.Succeeded) return Result<EnrolByRuleResult>.Fail(parsed.Errors);
        var rule = await TargetRuleCheck.CheckAsync(db, parsed.Value!, date, place, ct);
        if (!rule.Succeeded) return Result<EnrolByRuleResult>.Fail(rule.Errors);
        var match = await TargetGroups.MatchAsync(db, rule.Value!, date, place, ct);

        // Everyone on the list, whoever may see their row: nobody is listed twice.
        var listed = (await db.Enrolments.IgnoreQueryFilters().Where(e => e.CourseId == course.Id && e.PersonId != null)
            .Select(e => e.PersonId!.Value).ToListAsync(ct)).ToHashSet();
        var now = time.UtcNow();
        var seats = await Seats.LoadAsync(db, course, ct);
        var movedUp = await seats.PromoteAsync(now, ct);
        if (movedUp.Count > 0 && await EnrolmentRules.SaveAsync(db, ct) is { } lost) return lost;
        var rows = match.Items.Where(m => !listed.Contains(m.PersonId)).Select(m => new Enrolment
        {
            CourseId = course.Id, CourseEndDate = course.EndDate, ClassId = classId, PersonId = m.PersonId, CourseProvinceCode = course.ProvinceCode, CourseCommuneId = course.CommuneId,
            ProvinceCode = m.ProvinceCode, CommuneId = m.CommuneId, UnitId = m.UnitId, Position = m.Position,
            Status = seats.TryTake(classId) ? EnrolmentStatus.Enrolled : EnrolmentStatus.Waiting,
            Source = EnrolmentSource.Rule, TargetGroupId = group.Id, InvitationCode = EnrolmentRules.NewInvitationCode(), CreatedAt = now, UpdatedAt = now,
        }).ToList();
        try
        {
            await db.BulkInsertAsync(rows, ct);
            if (transaction is not null) await transaction.CommitAsync(ct);
        }
        catch (DbException e) when (EnrolmentRules.IsUniqueViolation(e))
        {
            if (transaction is not null) await transaction.RollbackAsync(ct);
            return Error.Conflict("Danh sách học viên vừa được người khác thay đổi cùng lúc; không ai được ghi danh. Hãy thử lại.");
        }
        return Result<EnrolByRuleResult>.Ok(new EnrolByRuleResult(group.Id, date, match.Count, match.Count - rows.Count,
            rows.Count(r => r.Status == EnrolmentStatus.Enrolled), rows.Count(r => r.Status == EnrolmentStatus.Waiting), movedUp));
    }
}
