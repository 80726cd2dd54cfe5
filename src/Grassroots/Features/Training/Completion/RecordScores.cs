using Grassroots.Common;
using Grassroots.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Training.Completion;

/// <summary>One participant's assessment score as entered; null clears it.</summary>
public sealed record ScoreInput(int EnrolmentId, int Version, decimal? Score);

/// <summary>
/// Records the assessment scores (điểm bài thu hoạch, bài kiểm tra) of many participants at once, from 0 to 100 with
/// at most two decimals; every wrong line is reported, and nothing is saved unless all are right. The results of those
/// participants are recomputed (unless set by hand).
/// </summary>
public sealed class RecordScores(AppDb db, TimeProvider time)
{
    public const decimal MaxScore = 100;

    public async Task<Result<int>> RunAsync(int courseId, IReadOnlyList<ScoreInput> scores, CancellationToken ct)
    {
        var loaded = await CompletionRules.ManagedCourseAsync(db, courseId, ct);
        if (!loaded.Succeeded) return Result<int>.Fail(loaded.Errors);
        var course = loaded.Value!;
        if (scores.Count == 0) return new Error("scores_required", "Chưa nhập điểm nào.", "scores");
        var ids = scores.Select(s => s.EnrolmentId).ToList();
        var rows = await db.Enrolments.Where(e => e.CourseId == courseId && ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var errors = new List<Error>();
        var seen = new HashSet<int>();
        for (var i = 0; i < scores.Count; i++)
        {
            var (id, version, score) = scores[i];
            var field = $"scores[{i}].score";
            if (!rows.TryGetValue(id, out var row))
            {
                errors.Add(new("enrolment_not_found", $"Dòng {i + 1}: không có học viên này trong lớp.", $"scores[{i}].enrolmentId", ErrorKind.NotFound));
                continue;
            }
            if (!seen.Add(id)) errors.Add(new("duplicate_enrolment", $"Dòng {i + 1}: học viên này được nhập điểm hai lần.", $"scores[{i}].enrolmentId"));
            if (score is < 0 or > MaxScore) errors.Add(new("invalid_score", $"Dòng {i + 1}: điểm phải từ 0 đến {MaxScore:0}.", field));
            else if (score is { } s && decimal.Round(s, 2) != s) errors.Add(new("invalid_score", $"Dòng {i + 1}: điểm có nhiều nhất hai chữ số thập phân.", field));
            if (row.Status != EnrolmentStatus.Enrolled) errors.Add(new("not_enrolled", $"Dòng {i + 1}: người này không còn trong danh sách học (đã rút tên hoặc đang chờ).", field));
            if (row.Version != version) errors.Add(CompletionRules.Stale(row.Version, version) with { Field = $"scores[{i}].version" });
        }
        if (errors.Count > 0)
        {
            // A stale line decides the status (409) only when nothing else is wrong.
            return Result<int>.Fail([.. errors.OrderBy(e => e.Kind == ErrorKind.Conflict ? 1 : 0)]);
        }
        var now = time.UtcNow();
        var changed = new List<Enrolment>();
        foreach (var (id, _, score) in scores)
        {
            var row = rows[id];
            if (row.AssessmentScore == score) continue;
            row.AssessmentScore = score;
            row.Touch(now);
            changed.Add(row);
        }
        await CompletionRules.ApplyAsync(db, course, changed, now, ct);
        db.Operation = "record-scores";
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("Danh sách học viên vừa được người khác thay đổi cùng lúc. Hãy tải lại rồi nhập lại điểm.");
        }
        return Result<int>.Ok(changed.Count);
    }
}
