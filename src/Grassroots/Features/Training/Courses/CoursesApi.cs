using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Grassroots.Features.Training.Courses;

/// <summary>
/// Training programmes, plans, courses and sessions under /api/v1/training. Changes of an existing record carry the
/// <c>version</c> they were made from (query parameter); a stale version answers 409.
/// </summary>
public static class CoursesApi
{
    public static RouteGroupBuilder MapCoursesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/training").WithTags("Bồi dưỡng").RequirePermission(Permission.ViewPeople);
        group.MapGet("/programmes", Programmes).WithSummary("Chương trình bồi dưỡng và chuyên đề");
        group.MapGet("/programmes/{id:int}", Programme).WithSummary("Một chương trình");
        group.MapPost("/programmes", CreateProgramme).RequirePermission(Permission.ManageCourses).WithSummary("Thêm chương trình của tỉnh");
        group.MapPut("/programmes/{id:int}", UpdateProgramme).RequirePermission(Permission.ManageCourses).WithSummary("Sửa chương trình");
        group.MapGet("/plans", Plans).WithSummary("Kế hoạch bồi dưỡng (province, year)");
        group.MapGet("/plans/{id:int}", Plan).WithSummary("Một kế hoạch");
        group.MapPost("/plans", CreatePlan).RequirePermission(Permission.ManageCourses).WithSummary("Thêm kế hoạch bồi dưỡng");
        group.MapPut("/plans/{id:int}", UpdatePlan).RequirePermission(Permission.ManageCourses).WithSummary("Sửa kế hoạch");
        group.MapGet("/courses", Courses).WithSummary("Lớp bồi dưỡng (province, commune, year, status, planId, q)");
        group.MapGet("/courses/{id:int}", Course).WithSummary("Một lớp: lớp học, buổi học, số học viên");
        group.MapPost("/courses", CreateCourse).RequirePermission(Permission.ManageCourses).WithSummary("Mở lớp bồi dưỡng");
        group.MapPut("/courses/{id:int}", UpdateCourse).RequirePermission(Permission.ManageCourses).WithSummary("Sửa lớp");
        group.MapPost("/courses/{id:int}/status", ChangeStatus).RequirePermission(Permission.ManageCourses)
            .WithSummary("Chuyển trạng thái: planned → open → running → finished, hoặc cancelled");
        group.MapPost("/courses/{id:int}/sessions", CreateSession).RequirePermission(Permission.ManageCourses).WithSummary("Thêm buổi học");
        group.MapPut("/sessions/{id:int}", UpdateSession).RequirePermission(Permission.ManageCourses).WithSummary("Sửa buổi học");
        group.MapDelete("/sessions/{id:int}", DeleteSession).RequirePermission(Permission.ManageCourses).WithSummary("Xóa buổi học nhập nhầm");
        return group;
    }

    public sealed record StatusRequest(CourseStatus? Status);

    private static Error VersionRequired => new("version_required", "Cần tham số version (phiên bản đang sửa).", "version");

    private static async Task<Ok<List<ProgrammeRow>>> Programmes(AppDb db, CancellationToken ct) => TypedResults.Ok(await CourseQueries.ProgrammesAsync(db, ct));

    private static async Task<Results<Ok<ProgrammeRow>, ProblemHttpResult>> Programme(AppDb db, int id, CancellationToken ct) =>
        (await CourseQueries.ProgrammesAsync(db, ct, id)).FirstOrDefault() is { } row ? TypedResults.Ok(row) : Error.NotFound("chương trình này").ToProblem();

    private static async Task<Results<Created<ProgrammeRow>, ProblemHttpResult>> CreateProgramme(ProgrammeInput body, SaveProgramme save, AppDb db, CancellationToken ct)
    {
        var result = await save.CreateAsync(body, ct);
        if (!result.Succeeded) return result.Errors.ToProblem();
        var row = (await CourseQueries.ProgrammesAsync(db, ct, result.Value!.Id)).Single();
        return TypedResults.Created($"/api/v1/training/programmes/{row.Id}", row);
    }

    private static async Task<Results<Ok<ProgrammeRow>, ProblemHttpResult>> UpdateProgramme(int id, int? version, ProgrammeInput body, SaveProgramme save, AppDb db, CancellationToken ct)
    {
        if (version is null) return VersionRequired.ToProblem();
        var result = await save.UpdateAsync(id, version.Value, body, ct);
        return result.Succeeded ? TypedResults.Ok((await CourseQueries.ProgrammesAsync(db, ct, id)).Single()) : result.Errors.ToProblem();
    }

    private static async Task<Ok<List<PlanRow>>> Plans(AppDb db, string? province, int? year, CancellationToken ct) =>
        TypedResults.Ok(await CourseQueries.PlansAsync(db, province, year, ct));

    private static async Task<Results<Ok<PlanRow>, ProblemHttpResult>> Plan(AppDb db, int id, CancellationToken ct) =>
        (await CourseQueries.PlansAsync(db, null, null, ct, id)).FirstOrDefault() is { } row ? TypedResults.Ok(row) : Error.NotFound("kế hoạch này").ToProblem();

    private static async Task<Results<Created<PlanRow>, ProblemHttpResult>> CreatePlan(PlanInput body, SavePlan save, AppDb db, CancellationToken ct)
    {
        var result = await save.CreateAsync(body, ct);
        if (!result.Succeeded) return result.Errors.ToProblem();
        var row = (await CourseQueries.PlansAsync(db, null, null, ct, result.Value!.Id)).Single();
        return TypedResults.Created($"/api/v1/training/plans/{row.Id}", row);
    }

    private static async Task<Results<Ok<PlanRow>, ProblemHttpResult>> UpdatePlan(int id, int? version, PlanInput body, SavePlan save, AppDb db, CancellationToken ct)
    {
        if (version is null) return VersionRequired.ToProblem();
        var result = await save.UpdateAsync(id, version.Value, body, ct);
        return result.Succeeded ? TypedResults.Ok((await CourseQueries.PlansAsync(db, null, null, ct, id)).Single()) : result.Errors.ToProblem();
    }

    private static async Task<Ok<List<CourseRow>>> Courses(AppDb db, string? province, string? commune, int? year, CourseStatus? status, int? planId, string? q, CancellationToken ct) =>
        TypedResults.Ok(await CourseQueries.ListAsync(db, new CourseFilter(province, commune, year, status, planId, q), ct));

    private static async Task<Results<Ok<CourseDetail>, ProblemHttpResult>> Course(AppDb db, int id, CancellationToken ct) =>
        await CourseQueries.DetailAsync(db, id, ct) is { } detail ? TypedResults.Ok(detail) : Error.NotFound("lớp bồi dưỡng này").ToProblem();

    private static async Task<Results<Created<CourseDetail>, ProblemHttpResult>> CreateCourse(CourseInput body, SaveCourse save, AppDb db, CancellationToken ct)
    {
        var result = await save.CreateAsync(body, ct);
        if (!result.Succeeded) return result.Errors.ToProblem();
        var detail = (await CourseQueries.DetailAsync(db, result.Value!.Id, ct))!;
        return TypedResults.Created($"/api/v1/training/courses/{detail.Course.Id}", detail);
    }

    private static async Task<Results<Ok<CourseDetail>, ProblemHttpResult>> UpdateCourse(int id, int? version, CourseInput body, SaveCourse save, AppDb db, CancellationToken ct)
    {
        if (version is null) return VersionRequired.ToProblem();
        var result = await save.UpdateAsync(id, version.Value, body, ct);
        return result.Succeeded ? TypedResults.Ok((await CourseQueries.DetailAsync(db, id, ct))!) : result.Errors.ToProblem();
    }

    private static async Task<Results<Ok<CourseDetail>, ProblemHttpResult>> ChangeStatus(int id, int? version, StatusRequest body, SaveCourse save, AppDb db, CancellationToken ct)
    {
        if (version is null) return VersionRequired.ToProblem();
        if (body.Status is not { } status) return new Error("status_required", "Cần trường status.", "status").ToProblem();
        var result = await save.ChangeStatusAsync(id, version.Value, status, ct);
        return result.Succeeded ? TypedResults.Ok((await CourseQueries.DetailAsync(db, id, ct))!) : result.Errors.ToProblem();
    }

    private static async Task<Results<Created<SessionRow>, ProblemHttpResult>> CreateSession(int id, SessionInput body, SaveSession save, AppDb db, CancellationToken ct)
    {
        var result = await save.CreateAsync(id, body, ct);
        if (!result.Succeeded) return result.Errors.ToProblem();
        var row = (await CourseQueries.SessionsAsync(db, db.CourseSessions.Where(s => s.Id == result.Value!.Id), ct)).Single();
        return TypedResults.Created($"/api/v1/training/sessions/{row.Id}", row);
    }

    private static async Task<Results<Ok<SessionRow>, ProblemHttpResult>> UpdateSession(int id, int? version, SessionInput body, SaveSession save, AppDb db, CancellationToken ct)
    {
        if (version is null) return VersionRequired.ToProblem();
        var result = await save.UpdateAsync(id, version.Value, body, ct);
        return result.Succeeded ? TypedResults.Ok((await CourseQueries.SessionsAsync(db, db.CourseSessions.Where(s => s.Id == id), ct)).Single()) : result.Errors.ToProblem();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteSession(int id, int? version, SaveSession save, CancellationToken ct)
    {
        if (version is null) return VersionRequired.ToProblem();
        var result = await save.DeleteAsync(id, version.Value, ct);
        return result.Succeeded ? TypedResults.NoContent() : result.Errors.ToProblem();
    }
}
