using Grassroots.Data;
using Grassroots.Features.Training.Enrolments;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Training.Completion;

/// <summary>One participant's completion: sessions attended, the score, the result and whether it was set by hand.</summary>
public sealed record ResultRow(
    int EnrolmentId, int Version, int? PersonId, string FullName, string PostText, int? ClassId, string? ClassName, int Attended, int Sessions,
    decimal? AttendancePercent, decimal? Score, TrainingResult Result, string ResultName, bool Overridden, string? Note, string? CertificateNumber);

/// <summary>The completion rule of the course and its enrolled participants' results.</summary>
public sealed record ResultList(
    CourseHeader Course, decimal MinAttendancePercent, bool AssessmentRequired, decimal? PassMark, int Completed, int NotCompleted, int Pending,
    IReadOnlyList<ResultRow> Items);

public static class ResultQueries
{
    /// <summary>The enrolled participants the user may see (of one class if given), in list order, with their attendance and result.</summary>
    public static async Task<ResultList?> ListAsync(AppDb db, int courseId, int? classId, CancellationToken ct)
    {
        if (await EnrolmentQueries.CourseAsync(db, courseId, ct) is not { } header) return null;
        var rule = await db.Courses.AsNoTracking().Where(c => c.Id == courseId)
            .Select(c => new { c.MinAttendancePercent, c.AssessmentRequired, c.PassMark }).FirstAsync(ct);
        var list = await EnrolmentQueries.ListAsync(db, header, ct);
        var rows = list.Items.Where(r => r.Status == EnrolmentStatus.Enrolled && (classId == null || r.ClassId == classId)).ToList();
        var ids = rows.Select(r => r.Id).ToList();
        var extra = await db.Enrolments.AsNoTracking().Where(e => ids.Contains(e.Id))
            .Select(e => new { e.Id, e.AssessmentScore, e.ResultOverridden, e.ResultNote }).ToDictionaryAsync(e => e.Id, ct);
        var numbers = await db.Certificates.AsNoTracking().Where(c => ids.Contains(c.EnrolmentId) && !c.Revoked)
            .Select(c => new { c.EnrolmentId, c.Number }).ToDictionaryAsync(c => c.EnrolmentId, c => c.Number, ct);
        var attendance = await CompletionRules.AttendanceAsync(db, courseId, [.. rows.Select(r => (r.Id, r.ClassId))], ct);
        var items = rows.Select(r =>
        {
            var a = attendance[r.Id];
            var x = extra[r.Id];
            return new ResultRow(r.Id, r.Version, r.PersonId, r.FullName, r.PostText, r.ClassId, r.ClassName, a.Attended, a.Sessions, a.Percent,
                x.AssessmentScore, r.Result, CompletionRules.ResultName(r.Result), x.ResultOverridden, x.ResultNote, numbers.GetValueOrDefault(r.Id));
        }).ToList();
        return new ResultList(header, rule.MinAttendancePercent, rule.AssessmentRequired, rule.PassMark,
            items.Count(i => i.Result == TrainingResult.Completed), items.Count(i => i.Result == TrainingResult.NotCompleted),
            items.Count(i => i.Result == TrainingResult.Pending), items);
    }
}
