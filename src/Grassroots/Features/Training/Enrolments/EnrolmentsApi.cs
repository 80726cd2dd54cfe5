using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Documents;
using Grassroots.Features.Accounts;
using Grassroots.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Grassroots.Features.Training.Enrolments;

/// <summary>By hand: a registry person (<see cref="PersonId"/>), or a guest (<see cref="FullName"/>, title, organisation) when no person is given.</summary>
public sealed record EnrolRequest(int? PersonId, string? FullName, string? Title, string? Organisation, int? ClassId);

public sealed record WithdrawRequest(int? Version, string? Reason);

public sealed record MoveRequest(int? Version, int? ClassId);

/// <summary>A row after a write, what happened in words, and who moved up from the waiting list.</summary>
public sealed record EnrolmentWritten(EnrolmentRow? Enrolment, string Message, IReadOnlyList<string> MovedUp);

/// <summary>A course's list of participants: read, enrol by hand or a guest, withdraw, move to a class, delete a mistake; the invitation list.</summary>
public static class EnrolmentsApi
{
    public static RouteGroupBuilder MapEnrolmentsApi(this IEndpointRouteBuilder app)
    {
        var course = app.MapGroup("/api/v1/training/courses/{courseId:int}").WithTags("Học viên").RequirePermission(Permission.ViewPeople);
        course.MapGet("/enrolments", List).WithSummary("Danh sách học viên của lớp: đã ghi danh (theo tên), danh sách chờ (theo thứ tự), đã rút tên; số lượng");
        course.MapPost("/enrolments", Enrol).RequirePermission(Permission.ManageCourses)
            .WithSummary("Ghi danh một người trong danh sách cán bộ (personId) hoặc một khách mời (fullName, title, organisation); hết chỗ thì vào danh sách chờ");
        course.MapGet("/invitations", Export).WithSummary("Danh sách mời (.xlsx), mỗi lớp học một trang, có đường dẫn giấy mời của từng người")
            .Produces(StatusCodes.Status200OK, contentType: XlsxWriter.ContentType);
        var rows = app.MapGroup("/api/v1/training/enrolments").WithTags("Học viên").RequirePermission(Permission.ViewPeople);
        rows.MapGet("/{id:int}", Get).WithSummary("Một học viên của lớp");
        rows.MapPost("/{id:int}/withdraw", Withdraw).RequirePermission(Permission.ManageCourses)
            .WithSummary("Rút tên (cần version và lý do); người đầu danh sách chờ được ghi danh thay");
        rows.MapPost("/{id:int}/class", Move).RequirePermission(Permission.ManageCourses).WithSummary("Xếp vào lớp học khác của khóa (classId; null: chưa xếp lớp)");
        rows.MapDelete("/{id:int}", Delete).RequirePermission(Permission.ManageCourses)
            .WithSummary("Xóa người ghi danh nhầm (cần version), khi chưa có điểm danh, kết quả hay giấy chứng nhận");
        return course;
    }

    private static Error CourseNotFound() => new("course_not_found", "Không tìm thấy lớp bồi dưỡng này trong phạm vi của bạn.", "courseId", ErrorKind.NotFound);

    private static Error VersionRequired() => new("version_required", "Cần trường version (phiên bản đang sửa).", "version");

    private static async Task<Results<Ok<EnrolmentList>, ProblemHttpResult>> List(AppDb db, int courseId, CancellationToken ct) =>
        await EnrolmentQueries.CourseAsync(db, courseId, ct) is { } course
            ? TypedResults.Ok(await EnrolmentQueries.ListAsync(db, course, ct))
            : CourseNotFound().ToProblem();

    private static async Task<Results<Ok<EnrolmentRow>, ProblemHttpResult>> Get(AppDb db, int id, CancellationToken ct) =>
        await EnrolmentQueries.RowAsync(db, id, ct) is { } row ? TypedResults.Ok(row) : Error.NotFound("học viên này").ToProblem();

    private static async Task<Results<Created<EnrolmentWritten>, ProblemHttpResult>> Enrol(AppDb db, EnrolPerson enrolPerson, EnrolExternal enrolExternal,
        int courseId, EnrolRequest body, CancellationToken ct)
    {
        var result = body.PersonId is { } personId
            ? await enrolPerson.RunAsync(new EnrolPersonInput(courseId, personId, body.ClassId), ct)
            : await enrolExternal.RunAsync(new EnrolExternalInput(courseId, body.FullName, body.Title, body.Organisation, body.ClassId), ct);
        if (!result.Succeeded) return result.Errors.ToProblem();
        var change = result.Value!;
        return TypedResults.Created($"/api/v1/training/enrolments/{change.Enrolment.Id}",
            new EnrolmentWritten(await EnrolmentQueries.RowAsync(db, change.Enrolment.Id, ct), EnrolmentMessages.Enrolled(change), change.MovedUp));
    }

    private static async Task<Results<Ok<EnrolmentWritten>, ProblemHttpResult>> Withdraw(AppDb db, WithdrawEnrolment useCase, int id, WithdrawRequest body, CancellationToken ct)
    {
        if (body.Version is not { } version) return VersionRequired().ToProblem();
        var result = await useCase.RunAsync(new WithdrawEnrolmentInput(id, version, body.Reason), ct);
        if (!result.Succeeded) return result.Errors.ToProblem();
        return TypedResults.Ok(new EnrolmentWritten(await EnrolmentQueries.RowAsync(db, id, ct), EnrolmentMessages.Withdrawn(result.Value!), result.Value!.MovedUp));
    }

    private static async Task<Results<Ok<EnrolmentWritten>, ProblemHttpResult>> Move(AppDb db, MoveEnrolment useCase, int id, MoveRequest body, CancellationToken ct)
    {
        if (body.Version is not { } version) return VersionRequired().ToProblem();
        var result = await useCase.RunAsync(new MoveEnrolmentInput(id, version, body.ClassId), ct);
        if (!result.Succeeded) return result.Errors.ToProblem();
        return TypedResults.Ok(new EnrolmentWritten(await EnrolmentQueries.RowAsync(db, id, ct), EnrolmentMessages.Moved(result.Value!), result.Value!.MovedUp));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(RemoveEnrolment useCase, int id, int? version, CancellationToken ct)
    {
        if (version is null) return VersionRequired().ToProblem();
        var result = await useCase.RunAsync(new RemoveEnrolmentInput(id, version.Value), ct);
        return result.Succeeded ? TypedResults.NoContent() : result.Errors.ToProblem();
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Export(HttpRequest request, AppDb db, TimeProvider time, int courseId, int? classId,
        CancellationToken ct)
    {
        if (await EnrolmentQueries.CourseAsync(db, courseId, ct) is not { } course) return CourseNotFound().ToProblem();
        if (classId is { } k && course.Classes.All(c => c.Id != k))
            return new Error("class_not_found", $"Lớp \"{course.Title}\" không có lớp học số {k}.", "classId").ToProblem();
        var list = await EnrolmentQueries.ListAsync(db, course, ct);
        var rows = classId is null ? list.Items : [.. list.Items.Where(r => r.ClassId == classId)];
        using var buffer = new MemoryStream();
        Invitations.WriteSheet(buffer, classId is null ? course : course with { Classes = [.. course.Classes.Where(c => c.Id == classId)] }, rows,
            $"{request.Scheme}://{request.Host}", db.Access.IsSystem ? "(hệ thống)" : db.Access.UserName ?? "", time.UtcNow());
        return TypedResults.File(buffer.ToArray(), XlsxWriter.ContentType, Invitations.FileName(course));
    }
}
