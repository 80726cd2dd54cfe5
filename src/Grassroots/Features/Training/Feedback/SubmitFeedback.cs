using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Training.Enrolments;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Training.Feedback;

/// <summary>One rating: the item (its first session), 1–5, and an optional comment.</summary>
public sealed record FeedbackAnswerInput(int SessionId, int? Rating, string? Comment);

/// <summary>
/// A participant rates each topic of a course and its lecturer (1–5, with an optional comment), once, after the course.
/// The receipt (that they answered) and the answers (what was said) are written apart: an answer holds no link to the
/// person or the enrolment, a random key and no time, and is not in the audit trail.
/// </summary>
public sealed class SubmitFeedback(AppDb db, TimeProvider time)
{
    public async Task<Result<int>> RunAsync(int courseId, IReadOnlyList<FeedbackAnswerInput> answers, CancellationToken ct)
    {
        var form = await FeedbackQueries.FormAsync(db, courseId, time, ct);
        if (form is null) return new Error("course_not_found", "Không tìm thấy lớp bồi dưỡng này trong phạm vi của bạn.", "courseId", ErrorKind.NotFound);
        if (form.EnrolmentId is not { } enrolmentId) return new Error("not_participant", form.Closed!, Kind: ErrorKind.Conflict);
        if (form.Answered) return new Error("feedback_already_given", "Bạn đã gửi đánh giá lớp này; mỗi học viên chỉ đánh giá một lần.", Kind: ErrorKind.Conflict);
        if (!form.Open) return new Error("feedback_not_open", form.Closed!, Kind: ErrorKind.Conflict);

        var errors = new List<Error>();
        var items = form.Items.ToDictionary(i => i.SessionId);
        var given = new Dictionary<int, (int Rating, string? Comment)>();
        for (var i = 0; i < answers.Count; i++)
        {
            var (sessionId, rating, comment) = answers[i];
            if (!items.TryGetValue(sessionId, out var item))
            {
                errors.Add(new("item_not_found", $"Mục thứ {i + 1} không thuộc lớp này.", $"answers[{i}].sessionId"));
                continue;
            }
            if (rating is not (>= 1 and <= 5)) errors.Add(new("invalid_rating", $"Chuyên đề \"{item.Topic}\": hãy chọn mức đánh giá từ 1 đến 5.", $"answers[{i}].rating"));
            var text = VietnameseText.Clean(comment);
            if (text.Length > 2000) errors.Add(new("comment_too_long", $"Chuyên đề \"{item.Topic}\": ý kiến dài quá 2000 ký tự.", $"answers[{i}].comment"));
            if (!given.TryAdd(sessionId, (rating ?? 0, text.Length == 0 ? null : text)))
                errors.Add(new("duplicate_item", $"Chuyên đề \"{item.Topic}\" được đánh giá hai lần.", $"answers[{i}].sessionId"));
        }
        foreach (var missing in form.Items.Where(i => !given.ContainsKey(i.SessionId)))
            errors.Add(new("rating_required", $"Chưa đánh giá chuyên đề \"{missing.Topic}\".", "answers"));
        if (errors.Count > 0) return Result<int>.Fail(errors);

        var course = await db.Courses.IgnoreQueryFilters().AsNoTracking().Where(c => c.Id == courseId).Select(c => new { c.ProvinceCode, c.CommuneId }).FirstAsync(ct);
        db.FeedbackReceipts.Add(new FeedbackReceipt { CourseId = courseId, EnrolmentId = enrolmentId, ProvinceCode = course.ProvinceCode, SubmittedAt = time.UtcNow() });
        // Shuffled, with random keys: neither the order of rows nor their keys match them to the receipt.
        foreach (var (sessionId, (rating, comment)) in given.OrderBy(_ => Guid.NewGuid()))
        {
            var item = items[sessionId];
            db.FeedbackAnswers.Add(new FeedbackAnswer
            {
                Id = Guid.NewGuid(), CourseId = courseId, CourseProvinceCode = course.ProvinceCode, CourseCommuneId = course.CommuneId, SessionId = sessionId,
                Topic = item.Topic, Lecturer = item.Lecturer, Rating = rating, Comment = comment,
            });
        }
        db.Operation = "submit-feedback";
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (EnrolmentRules.IsUniqueViolation(e))
        {
            return new Error("feedback_already_given", "Bạn đã gửi đánh giá lớp này; mỗi học viên chỉ đánh giá một lần.", Kind: ErrorKind.Conflict);
        }
        return Result<int>.Ok(given.Count);
    }
}
