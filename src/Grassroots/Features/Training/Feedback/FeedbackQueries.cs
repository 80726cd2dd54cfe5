using Grassroots.Common;
using Grassroots.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Training.Feedback;

/// <summary>One thing to rate: a topic with its lecturer, named by its first session.</summary>
public sealed record FeedbackItem(int SessionId, string Topic, string? Lecturer, DateOnly Date);

/// <summary>What a participant's feedback page needs: the course, their enrolment, what to rate, and whether they may answer now.</summary>
public sealed record FeedbackForm(int CourseId, string CourseTitle, int? EnrolmentId, bool Answered, bool Open, string? Closed, IReadOnlyList<FeedbackItem> Items);

/// <summary>Ratings of one topic (with its lecturer) or of one lecturer: how many, the mean, and how many gave 1 … 5.</summary>
public sealed record RatingSummary(string? Topic, string? Lecturer, int Count, decimal? Mean, IReadOnlyList<int> Distribution, IReadOnlyList<string> Comments);

public sealed record FeedbackSummary(int CourseId, string CourseTitle, int Responses, int Enrolled, IReadOnlyList<RatingSummary> Topics, IReadOnlyList<RatingSummary> Lecturers);

public sealed record LecturerFeedback(string Lecturer, int Courses, int Count, decimal? Mean, IReadOnlyList<int> Distribution);

public static class FeedbackQueries
{
    /// <summary>
    /// The participant's form: the course's topics (sessions of the whole course and of their class, one item per topic
    /// and lecturer) once the course is finished or its last session is over; null when the course is not in reach.
    /// </summary>
    public static async Task<FeedbackForm?> FormAsync(AppDb db, int courseId, TimeProvider time, CancellationToken ct)
    {
        var course = await db.Courses.AsNoTracking().Where(c => c.Id == courseId).Select(c => new { c.Id, c.Title, c.Status }).FirstOrDefaultAsync(ct);
        if (course is null) return null;
        var personId = db.Access.PersonId;
        // The participant's own row, whoever's view it lies in: found by the account's person, not by scope.
        var enrolment = personId is null ? null : await db.Enrolments.IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.CourseId == courseId && e.PersonId == personId && e.Status == EnrolmentStatus.Enrolled)
            .Select(e => new { e.Id, e.ClassId }).FirstOrDefaultAsync(ct);
        if (enrolment is null)
            return new FeedbackForm(course.Id, course.Title, null, false, false, "Tài khoản của bạn không có tên trong danh sách học viên của lớp này.", []);
        var sessions = await db.CourseSessions.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.CourseId == courseId && (s.ClassId == null || s.ClassId == enrolment.ClassId))
            .OrderBy(s => s.Date).ThenBy(s => s.StartTime).ThenBy(s => s.Id)
            .Select(s => new { s.Id, s.Topic, s.Lecturer, s.Date, s.EndTime }).ToListAsync(ct);
        var items = sessions.GroupBy(s => (s.Topic, s.Lecturer)).Select(g => new FeedbackItem(g.First().Id, g.Key.Topic, g.Key.Lecturer, g.First().Date)).ToList();
        var answered = await db.FeedbackReceipts.IgnoreQueryFilters().AnyAsync(r => r.EnrolmentId == enrolment.Id, ct);
        var now = TimeZoneInfo.ConvertTime(time.GetUtcNow(), VietnamTime.Zone);
        var last = sessions.Count == 0 ? null : sessions.MaxBy(s => s.Date.ToDateTime(s.EndTime));
        var over = course.Status == CourseStatus.Finished || (last is not null && last.Date.ToDateTime(last.EndTime) <= now.DateTime);
        string? closed = course.Status == CourseStatus.Cancelled ? "Lớp đã hủy."
            : sessions.Count == 0 ? "Lớp chưa có buổi học nào để đánh giá."
            : !over ? "Lớp chưa kết thúc: bạn đánh giá được sau buổi học cuối cùng."
            : answered ? "Bạn đã gửi đánh giá lớp này. Cảm ơn bạn!" : null;
        return new FeedbackForm(course.Id, course.Title, enrolment.Id, answered, closed is null, closed, items);
    }

    private static RatingSummary Summarise(string? topic, string? lecturer, IReadOnlyCollection<(int Rating, string? Comment)> answers) => new(
        topic, lecturer, answers.Count, answers.Count == 0 ? null : Math.Round((decimal)answers.Average(a => a.Rating), 2),
        [.. Enumerable.Range(1, 5).Select(n => answers.Count(a => a.Rating == n))],
        [.. answers.Select(a => a.Comment).OfType<string>().Where(c => c.Length > 0).Order(StringComparer.Ordinal)]);

    /// <summary>
    /// The course's ratings per topic (with its lecturer) and per lecturer, with the comments (in text order, so their
    /// order tells nothing about who wrote them), and how many answered out of those enrolled.
    /// </summary>
    public static async Task<FeedbackSummary?> SummaryAsync(AppDb db, int courseId, CancellationToken ct)
    {
        var course = await db.Courses.AsNoTracking().Where(c => c.Id == courseId).Select(c => new { c.Id, c.Title }).FirstOrDefaultAsync(ct);
        if (course is null) return null;
        var answers = await db.FeedbackAnswers.AsNoTracking().Where(a => a.CourseId == courseId)
            .Select(a => new { a.SessionId, a.Topic, a.Lecturer, a.Rating, a.Comment }).ToListAsync(ct);
        var order = await db.CourseSessions.AsNoTracking().Where(s => s.CourseId == courseId).OrderBy(s => s.Date).ThenBy(s => s.StartTime)
            .Select(s => s.Id).ToListAsync(ct);
        int Rank(int? sessionId) => sessionId is { } id && order.IndexOf(id) is var i and >= 0 ? i : int.MaxValue;
        var topics = answers.GroupBy(a => (a.Topic, a.Lecturer)).OrderBy(g => g.Min(a => Rank(a.SessionId))).ThenBy(g => g.Key.Topic, VietnameseText.Comparer)
            .Select(g => Summarise(g.Key.Topic, g.Key.Lecturer, [.. g.Select(a => (a.Rating, a.Comment))])).ToList();
        var lecturers = answers.Where(a => a.Lecturer is not null).GroupBy(a => a.Lecturer!).OrderBy(g => g.Key, VietnameseText.Comparer)
            .Select(g => Summarise(null, g.Key, [.. g.Select(a => (a.Rating, (string?)null))])).ToList();
        var responses = await db.FeedbackReceipts.CountAsync(r => r.CourseId == courseId, ct);
        var enrolled = await db.Enrolments.IgnoreQueryFilters().CountAsync(e => e.CourseId == courseId && e.Status == EnrolmentStatus.Enrolled, ct);
        return new FeedbackSummary(course.Id, course.Title, responses, enrolled, topics, lecturers);
    }

    /// <summary>Every lecturer rated in the courses the user may see: in how many courses, how many ratings, the mean and the spread.</summary>
    public static async Task<List<LecturerFeedback>> LecturersAsync(AppDb db, CancellationToken ct)
    {
        var answers = await db.FeedbackAnswers.AsNoTracking().Where(a => a.Lecturer != null)
            .Select(a => new { a.CourseId, Lecturer = a.Lecturer!, a.Rating }).ToListAsync(ct);
        return [.. answers.GroupBy(a => a.Lecturer).OrderBy(g => g.Key, VietnameseText.Comparer).Select(g => new LecturerFeedback(g.Key,
            g.Select(a => a.CourseId).Distinct().Count(), g.Count(), Math.Round((decimal)g.Average(a => a.Rating), 2),
            [.. Enumerable.Range(1, 5).Select(n => g.Count(a => a.Rating == n))]))];
    }
}
