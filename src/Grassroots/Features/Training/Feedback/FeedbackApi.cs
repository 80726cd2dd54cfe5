using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Features.Training.Completion;
using Grassroots.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Grassroots.Features.Training.Feedback;

public sealed record FeedbackRequest(IReadOnlyList<FeedbackAnswerInput>? Answers);

public sealed record FeedbackReceived(int Answers, string Message);

/// <summary>Course feedback: a participant's ratings (once, anonymous), the summary of a course, and lecturers across courses.</summary>
public static class FeedbackApi
{
    public static RouteGroupBuilder MapFeedbackApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/training").WithTags("Đánh giá khóa học").RequirePermission(Permission.ViewPeople);
        group.MapGet("/courses/{id:int}/feedback", Form).WithSummary("Phiếu đánh giá của học viên (tài khoản gắn với hồ sơ): các chuyên đề, đã gửi chưa, mở chưa");
        group.MapPost("/courses/{id:int}/feedback", Submit)
            .WithSummary("Học viên gửi đánh giá (answers: sessionId, rating 1–5, comment), một lần, sau buổi học cuối; ẩn danh");
        group.MapGet("/courses/{id:int}/feedback-summary", Summary).RequirePermission(Permission.ManageCourses)
            .WithSummary("Tổng hợp đánh giá của lớp: theo chuyên đề và giảng viên (số lượt, điểm trung bình, phân bố 1–5), ý kiến không tên, số phiếu/số học viên");
        group.MapGet("/lecturers/feedback", Lecturers).RequirePermission(Permission.ManageCourses)
            .WithSummary("Đánh giá giảng viên qua các lớp trong phạm vi: số lớp, số lượt, điểm trung bình, phân bố");
        return group;
    }

    private static async Task<Results<Ok<FeedbackForm>, ProblemHttpResult>> Form(AppDb db, TimeProvider time, int id, CancellationToken ct) =>
        await FeedbackQueries.FormAsync(db, id, time, ct) is { } form ? TypedResults.Ok(form) : CompletionRules.CourseNotFound().ToProblem();

    private static async Task<Results<Created<FeedbackReceived>, ProblemHttpResult>> Submit(SubmitFeedback useCase, int id, FeedbackRequest body, CancellationToken ct)
    {
        var result = await useCase.RunAsync(id, body.Answers ?? [], ct);
        return result.Succeeded
            ? TypedResults.Created((string?)null, new FeedbackReceived(result.Value, "Đã ghi nhận đánh giá của bạn. Cảm ơn bạn!"))
            : result.Errors.ToProblem();
    }

    private static async Task<Results<Ok<FeedbackSummary>, ProblemHttpResult>> Summary(AppDb db, int id, CancellationToken ct)
    {
        var managed = await CompletionRules.ManagedCourseAsync(db, id, ct);
        if (!managed.Succeeded && managed.Errors[0].Kind == ErrorKind.NotFound) return managed.Errors.ToProblem();
        return TypedResults.Ok((await FeedbackQueries.SummaryAsync(db, id, ct))!);
    }

    private static async Task<Ok<List<LecturerFeedback>>> Lecturers(AppDb db, CancellationToken ct) => TypedResults.Ok(await FeedbackQueries.LecturersAsync(db, ct));
}
