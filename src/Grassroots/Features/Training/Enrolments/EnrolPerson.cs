using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Training.Targeting;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Training.Enrolments;

public sealed record EnrolPersonInput(int CourseId, int PersonId, int? ClassId = null);

/// <summary>A row written by an enrolment use case, with the name it shows and anyone who moved up from the waiting list.</summary>
public sealed record EnrolmentChange(Enrolment Enrolment, string Name, IReadOnlyList<string> MovedUp);

/// <summary>
/// Enrols one registry person by hand: someone the user may see, whose post on the course's first day (or, without
/// one, whose record) lies in the course's province. They are enrolled while there are places, else they wait; someone
/// who withdrew comes back on the same row.
/// </summary>
public sealed class EnrolPerson(AppDb db, TimeProvider time)
{
    public async Task<Result<EnrolmentChange>> RunAsync(EnrolPersonInput input, CancellationToken ct)
    {
        await using var transaction = await EnrolmentRules.BeginAsync(db, ct);
        var loaded = await EnrolmentRules.OpenCourseAsync(db, input.CourseId, ct);
        if (!loaded.Succeeded) return Result<EnrolmentChange>.Fail(loaded.Errors);
        var course = loaded.Value!;
        var inClass = EnrolmentRules.ClassOf(course, input.ClassId);
        if (!inClass.Succeeded) return Result<EnrolmentChange>.Fail(inClass.Errors);
        // Seen through the user's filters: someone outside their scope is not found.
        var person = await db.People.AsNoTracking().Where(p => p.Id == input.PersonId)
            .Select(p => new { p.Id, p.FullName, p.ProvinceCode, p.CommuneId, p.ResidenceUnitId }).FirstOrDefaultAsync(ct);
        if (person is null)
            return new Error("person_not_found", "Không tìm thấy người này trong phạm vi của bạn: chỉ ghi danh được người thuộc địa bàn bạn được xem.", "personId", ErrorKind.NotFound);
        var existing = await db.Enrolments.IgnoreQueryFilters().FirstOrDefaultAsync(e => e.CourseId == course.Id && e.PersonId == person.Id, ct);
        if (existing is { Status: not EnrolmentStatus.Withdrawn })
            return new Error("already_enrolled", $"{person.FullName} đã có trong danh sách lớp ({EnrolmentRules.StatusName(existing.Status).ToLowerInvariant()}).", "personId", ErrorKind.Conflict);
        var post = await EnrolmentRules.PostOnAsync(db, person.Id, course.StartDate, ct)
                   ?? new EnrolmentPost(null, person.ResidenceUnitId, person.CommuneId, person.ProvinceCode);
        if (post.ProvinceCode != course.ProvinceCode)
        {
            var place = await TargetPlace.OfAsync(db, course, ct);
            return new Error("person_outside_course", $"{person.FullName} không giữ chức danh hay cư trú trong địa bàn của lớp ({place.Name}) nên không ghi danh được.", "personId");
        }

        var now = time.UtcNow();
        var seats = await Seats.LoadAsync(db, course, ct);
        var movedUp = await seats.PromoteAsync(now, ct);
        var enrolment = existing ?? new Enrolment
        {
            CourseId = course.Id, CourseEndDate = course.EndDate, PersonId = person.Id, CourseProvinceCode = course.ProvinceCode, CourseCommuneId = course.CommuneId, ProvinceCode = post.ProvinceCode,
            InvitationCode = EnrolmentRules.NewInvitationCode(), CreatedAt = now, UpdatedAt = now,
        };
        enrolment.ClassId = inClass.Value?.Id;
        (enrolment.ProvinceCode, enrolment.CommuneId, enrolment.UnitId, enrolment.Position) = (post.ProvinceCode, post.CommuneId, post.UnitId, post.Position);
        enrolment.Status = seats.TryTake(enrolment.ClassId) ? EnrolmentStatus.Enrolled : EnrolmentStatus.Waiting;
        enrolment.Source = EnrolmentSource.Manual;
        enrolment.WithdrawReason = null;
        if (existing is null) db.Enrolments.Add(enrolment);
        else existing.Touch(now);
        db.Operation = existing is null ? "enrol-person" : "re-enrol-person";
        if (await EnrolmentRules.SaveAsync(db, ct) is { } lost) return lost;
        if (transaction is not null) await transaction.CommitAsync(ct);
        return Result<EnrolmentChange>.Ok(new EnrolmentChange(enrolment, person.FullName, movedUp));
    }
}
