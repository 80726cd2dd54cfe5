using Grassroots.Common;
using Grassroots.Data;

namespace Grassroots.Features.Training.Enrolments;

public sealed record EnrolExternalInput(int CourseId, string? FullName, string? Title, string? Organisation, int? ClassId = null);

/// <summary>
/// Invites a guest who is not in the leaders registry (a commune officer, a Front or union worker, a prestigious
/// person): name, title and organisation as given; the row's place is the course's, so those who manage the course see it.
/// </summary>
public sealed class EnrolExternal(AppDb db, TimeProvider time)
{
    public async Task<Result<EnrolmentChange>> RunAsync(EnrolExternalInput input, CancellationToken ct)
    {
        await using var transaction = await EnrolmentRules.BeginAsync(db, ct);
        var loaded = await EnrolmentRules.OpenCourseAsync(db, input.CourseId, ct);
        if (!loaded.Succeeded) return Result<EnrolmentChange>.Fail(loaded.Errors);
        var course = loaded.Value!;
        var errors = new List<Error>();
        var inClass = EnrolmentRules.ClassOf(course, input.ClassId);
        errors.AddRange(inClass.Errors);
        var name = VietnameseText.Clean(input.FullName);
        var title = VietnameseText.Clean(input.Title);
        var organisation = VietnameseText.Clean(input.Organisation);
        if (name.Length == 0) errors.Add(new("name_required", "Chưa nhập họ và tên khách mời.", "fullName"));
        else if (name.Length > 100) errors.Add(new("name_too_long", "Họ và tên dài quá 100 ký tự.", "fullName"));
        if (title.Length > 100) errors.Add(new("title_too_long", "Chức vụ dài quá 100 ký tự.", "title"));
        if (organisation.Length > 200) errors.Add(new("organisation_too_long", "Cơ quan, đơn vị dài quá 200 ký tự.", "organisation"));
        if (errors.Count > 0) return Result<EnrolmentChange>.Fail(errors);

        var now = time.UtcNow();
        var seats = await Seats.LoadAsync(db, course, ct);
        var movedUp = await seats.PromoteAsync(now, ct);
        var classId = inClass.Value?.Id;
        var enrolment = new Enrolment
        {
            CourseId = course.Id, CourseEndDate = course.EndDate, ClassId = classId, ExternalName = name, ExternalTitle = title.Length == 0 ? null : title,
            ExternalOrganisation = organisation.Length == 0 ? null : organisation, CourseProvinceCode = course.ProvinceCode, CourseCommuneId = course.CommuneId,
            ProvinceCode = course.ProvinceCode, CommuneId = course.CommuneId, Status = seats.TryTake(classId) ? EnrolmentStatus.Enrolled : EnrolmentStatus.Waiting,
            Source = EnrolmentSource.External, InvitationCode = EnrolmentRules.NewInvitationCode(), CreatedAt = now, UpdatedAt = now,
        };
        db.Enrolments.Add(enrolment);
        db.Operation = "enrol-guest";
        if (await EnrolmentRules.SaveAsync(db, ct) is { } lost) return lost;
        if (transaction is not null) await transaction.CommitAsync(ct);
        return Result<EnrolmentChange>.Ok(new EnrolmentChange(enrolment, name, movedUp));
    }
}
