using Grassroots.Common;
using Grassroots.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Training.Attendances;

/// <summary>One participant's mark: the enrolment and Present, Late, Excused or Absent.</summary>
public sealed record RollCallMark(int? EnrolmentId, AttendanceStatus? Status);

public sealed record RollCallInput(IReadOnlyList<RollCallMark>? Marks);

/// <summary>What a roll call did: marks created, changed, already as given; whether they were corrections (after the session's day).</summary>
public sealed record RollCallResult(int SessionId, int Created, int Changed, int Unchanged, bool Correction);

/// <summary>
/// Điểm danh: a batch of marks for one session, each creating or changing the participant's mark. Only participants of
/// the session (enrolled in its course, and in its class when it is one class's) are marked; every wrong mark is reported
/// at once, naming the person, and nothing is written then. Not for a cancelled course, nor before the session's day;
/// after its day every change is a correction (<see cref="AttendanceMethod.Correction"/>), audited like the rest. Marks
/// entered from a signed sheet (<see cref="AttendanceMethod.SignInSheet"/>) keep that method whenever they are entered:
/// the paper signed on the day is the record, typing it in later is not a correction.
/// </summary>
public sealed class RecordRollCall(AppDb db, TimeProvider time)
{
    public Task<Result<RollCallResult>> RunAsync(int sessionId, RollCallInput input, CancellationToken ct) =>
        RunAsync(sessionId, input, AttendanceMethod.RollCall, ct);

    /// <summary>The marks of a roll call (<see cref="AttendanceMethod.RollCall"/>) or of a signed sheet (<see cref="AttendanceMethod.SignInSheet"/>).</summary>
    public async Task<Result<RollCallResult>> RunAsync(int sessionId, RollCallInput input, AttendanceMethod source, CancellationToken ct)
    {
        if (source is not (AttendanceMethod.RollCall or AttendanceMethod.SignInSheet)) throw new ArgumentOutOfRangeException(nameof(source));
        var session = await db.CourseSessions.Include(s => s.Course).FirstOrDefaultAsync(s => s.Id == sessionId, ct);
        // Those who reach the course but do not record attendance where it sits are answered as if it did not exist.
        if (session is null || !AttendanceQueries.CanRecord(db, session.Course!.ProvinceCode, session.Course.CommuneId))
            return Error.NotFound("buổi học này");
        var course = session.Course;
        if (course.Status == CourseStatus.Cancelled)
            return new Error("course_cancelled", $"Lớp \"{course.Title}\" đã hủy: không điểm danh được.", Kind: ErrorKind.Conflict);
        var today = time.Today();
        if (session.Date > today)
            return new Error("session_not_started", $"Buổi học ngày {VietnameseText.FormatDate(session.Date)} chưa diễn ra: chỉ điểm danh từ ngày học.",
                Kind: ErrorKind.Conflict);
        var marks = input.Marks ?? [];
        if (marks.Count == 0) return new Error("marks_required", "Chưa có học viên nào được điểm danh.", "marks");

        var ids = marks.Where(m => m.EnrolmentId is not null).Select(m => m.EnrolmentId!.Value).Distinct().ToList();
        var enrolments = new Dictionary<int, Enrolment>();
        foreach (var chunk in ids.Chunk(500))
            foreach (var e in await db.Enrolments.AsNoTracking().Include(e => e.Person).Where(e => chunk.Contains(e.Id) && e.CourseId == session.CourseId).ToListAsync(ct))
                enrolments[e.Id] = e;
        var classes = await db.CourseClasses.AsNoTracking().Where(c => c.CourseId == course.Id).ToDictionaryAsync(c => c.Id, c => c.Name, ct);

        var errors = new List<Error>();
        var seen = new HashSet<int>();
        for (var i = 0; i < marks.Count; i++)
        {
            var (id, status) = (marks[i].EnrolmentId, marks[i].Status);
            if (status is not { } s || !Enum.IsDefined(s))
                errors.Add(new("status_required", $"Dòng {i + 1}: chưa chọn Có mặt, Đến muộn, Vắng có phép hay Vắng.", $"marks[{i}].status"));
            if (id is not { } enrolmentId)
            {
                errors.Add(new("enrolment_required", $"Dòng {i + 1}: thiếu mã học viên.", $"marks[{i}].enrolmentId"));
                continue;
            }
            var field = $"marks[{i}].enrolmentId";
            if (!enrolments.TryGetValue(enrolmentId, out var enrolment))
            {
                errors.Add(new("enrolment_not_found", $"Không có học viên mã số {enrolmentId} trong lớp \"{course.Title}\".", field));
                continue;
            }
            var name = enrolment.Person?.FullName ?? enrolment.ExternalName ?? $"Học viên mã số {enrolmentId}";
            if (!seen.Add(enrolmentId))
                errors.Add(new("duplicate_mark", $"{name} được điểm danh hai lần trong cùng một lần lưu.", field));
            else if (enrolment.Status != EnrolmentStatus.Enrolled)
                errors.Add(new("not_enrolled", $"{name} {(enrolment.Status == EnrolmentStatus.Waiting ? "đang trong danh sách chờ" : "đã rút tên")}: không điểm danh được.", field));
            else if (session.ClassId is { } sessionClass && enrolment.ClassId != sessionClass)
                errors.Add(new("other_class", $"{name} học {(enrolment.ClassId is { } own ? classes.GetValueOrDefault(own, "lớp khác") : "chưa được xếp lớp")}, " +
                    $"không học buổi này (dành cho {classes.GetValueOrDefault(sessionClass, "lớp khác")}).", field));
        }
        if (errors.Count > 0) return Result<RollCallResult>.Fail(errors);

        // Marks of the whole session for these participants (of ids already reached), so that none is inserted twice.
        var existing = new Dictionary<int, Attendance>();
        foreach (var chunk in ids.Chunk(500))
            foreach (var a in await db.Attendances.IgnoreQueryFilters().Where(a => a.SessionId == session.Id && chunk.Contains(a.EnrolmentId)).ToListAsync(ct))
                existing[a.EnrolmentId] = a;
        var correction = session.Date < today;
        var method = source == AttendanceMethod.SignInSheet ? source : correction ? AttendanceMethod.Correction : AttendanceMethod.RollCall;
        var now = time.UtcNow();
        var (created, changed, unchanged) = (0, 0, 0);
        foreach (var mark in marks)
        {
            var enrolment = enrolments[mark.EnrolmentId!.Value];
            var status = mark.Status!.Value;
            if (existing.TryGetValue(enrolment.Id, out var attendance))
            {
                if (attendance.Status == status)
                {
                    unchanged++;
                    continue;
                }
                attendance.Status = status;
                attendance.Method = method;
                attendance.RecordedAt = now;
                attendance.Version++;
                changed++;
                continue;
            }
            db.Attendances.Add(new Attendance
            {
                SessionId = session.Id, EnrolmentId = enrolment.Id, PersonId = enrolment.PersonId, CourseProvinceCode = enrolment.CourseProvinceCode,
                CourseCommuneId = enrolment.CourseCommuneId, ProvinceCode = enrolment.ProvinceCode, CommuneId = enrolment.CommuneId, UnitId = enrolment.UnitId,
                Status = status, Method = method, RecordedAt = now,
            });
            created++;
        }
        db.Operation ??= source == AttendanceMethod.SignInSheet ? "sign-in-sheet" : correction ? "attendance-correction" : "roll-call";
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is DbUpdateConcurrencyException || (e is DbUpdateException update && DbErrors.IsUniqueViolation(update)))
        {
            db.ChangeTracker.Clear();
            return Error.Conflict("Trong lúc bạn lưu, điểm danh của buổi này vừa được ghi thêm (có người tự điểm danh hoặc người khác cùng lưu). " +
                                  "Không có gì được lưu; hãy tải lại trang và lưu lại.");
        }
        return Result<RollCallResult>.Ok(new RollCallResult(session.Id, created, changed, unchanged, correction));
    }
}
