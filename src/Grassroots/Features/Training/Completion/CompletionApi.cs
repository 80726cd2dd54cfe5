using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Grassroots.Features.Training.Completion;

public sealed record ScoresRequest(IReadOnlyList<ScoreInput>? Scores);

public sealed record OverrideRequest(int? Version, TrainingResult? Result, string? Note);

public sealed record ComputedResults(CompletionSummary Summary, string Message, ResultList Results);

/// <summary>Completion: a course's results, computing them, assessment scores, and a result set by hand.</summary>
public static class CompletionApi
{
    public static RouteGroupBuilder MapCompletionApi(this IEndpointRouteBuilder app)
    {
        var course = app.MapGroup("/api/v1/training/courses/{id:int}").WithTags("Kết quả bồi dưỡng").RequirePermission(Permission.ViewPeople);
        course.MapGet("/results", List).WithSummary("Kết quả của học viên (classId): số buổi tham dự, tỷ lệ, điểm, kết quả, điều chỉnh bằng tay");
        course.MapPost("/results", Compute).RequirePermission(Permission.ManageCourses)
            .WithSummary("Tính kết quả theo điểm danh và điểm bài thu hoạch (classId); kết quả điều chỉnh bằng tay giữ nguyên");
        course.MapPut("/scores", Scores).RequirePermission(Permission.ManageCourses)
            .WithSummary("Nhập điểm nhiều học viên (scores: enrolmentId, version, score 0–100); báo mọi dòng sai, không lưu dòng nào khi có lỗi");
        var rows = app.MapGroup("/api/v1/training/enrolments").WithTags("Kết quả bồi dưỡng").RequirePermission(Permission.ViewPeople);
        rows.MapPut("/{id:int}/result", Override).RequirePermission(Permission.ManageCourses)
            .WithSummary("Điều chỉnh kết quả bằng tay (version, result: completed/notCompleted, note bắt buộc); result null: trả về kết quả tính");
        return course;
    }

    private static async Task<Results<Ok<ResultList>, ProblemHttpResult>> List(AppDb db, int id, int? classId, CancellationToken ct) =>
        await ResultQueries.ListAsync(db, id, classId, ct) is { } list ? TypedResults.Ok(list) : CompletionRules.CourseNotFound().ToProblem();

    private static async Task<Results<Ok<ComputedResults>, ProblemHttpResult>> Compute(AppDb db, ComputeResults useCase, int id, int? classId, CancellationToken ct)
    {
        var result = await useCase.RunAsync(id, classId, ct);
        if (!result.Succeeded) return result.Errors.ToProblem();
        return TypedResults.Ok(new ComputedResults(result.Value!, result.Value!.Message, (await ResultQueries.ListAsync(db, id, classId, ct))!));
    }

    private static async Task<Results<Ok<ResultList>, ProblemHttpResult>> Scores(AppDb db, RecordScores useCase, int id, ScoresRequest body, CancellationToken ct)
    {
        var result = await useCase.RunAsync(id, body.Scores ?? [], ct);
        return result.Succeeded ? TypedResults.Ok((await ResultQueries.ListAsync(db, id, null, ct))!) : result.Errors.ToProblem();
    }

    private static async Task<Results<Ok<ResultRow>, ProblemHttpResult>> Override(AppDb db, OverrideResult useCase, int id, OverrideRequest body, CancellationToken ct)
    {
        if (body.Version is not { } version) return new Error("version_required", "Cần trường version (phiên bản đang sửa).", "version").ToProblem();
        var result = await useCase.RunAsync(new OverrideResultInput(id, version, body.Result, body.Note), ct);
        if (!result.Succeeded) return result.Errors.ToProblem();
        var list = await ResultQueries.ListAsync(db, result.Value!.CourseId, null, ct);
        return list?.Items.FirstOrDefault(r => r.EnrolmentId == id) is { } row ? TypedResults.Ok(row) : Error.NotFound("học viên này").ToProblem();
    }
}
