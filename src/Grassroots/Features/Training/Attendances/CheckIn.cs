using Grassroots.Common;
using Grassroots.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Training.Attendances;

/// <summary>A self check-in recorded: the mark (Present, or Late after the start + 15 minutes) and when.</summary>
public sealed record CheckInResult(int SessionId, long AttendanceId, AttendanceStatus Status, DateTime RecordedAt)
{
    public string StatusName => Attendance.StatusName(Status);
}

/// <summary>
/// Tự điểm danh: the signed-in leader, through the registry person their account is linked to, marks themselves present
/// at a session with the code shown in the room (<see cref="CheckInCode"/>): they must be enrolled in its course (and
/// class), check-in must be open (from 30 minutes before the start to the end), the code must be the current or the
/// previous one. An organiser's "absent" or "excused" gives way to it (they are in the room); a mark of present or late
/// stays, and a second tap — even one racing the first — records nothing more.
/// </summary>
public sealed class CheckIn(AppDb db, TimeProvider time)
{
    public static Error NoLinkedPerson => new("no_linked_person",
        "Tài khoản của bạn chưa được gắn với hồ sơ cán bộ nên không tự điểm danh được. Hãy đề nghị quản trị viên gắn tài khoản với hồ sơ của bạn.",
        Kind: ErrorKind.Forbidden);

    public async Task<Result<CheckInResult>> RunAsync(int sessionId, string? code, CancellationToken ct)
    {
        var session = await db.CourseSessions.AsNoTracking().Include(s => s.Course).FirstOrDefaultAsync(s => s.Id == sessionId, ct);
        if (session is null) return Error.NotFound("buổi học này");
        if (db.Access.PersonId is not { } me) return NoLinkedPerson;
        if (string.IsNullOrWhiteSpace(code)) return new Error("code_required", "Chưa có mã điểm danh (6 chữ số trên màn hình phòng học).", "code");
        var course = session.Course!;
        // The person's own enrolment and mark, by ids already reached (the session, their own person): whatever the user's scope.
        var enrolment = await db.Enrolments.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(e => e.CourseId == course.Id && e.PersonId == me, ct);
        if (await NotEnrolledAsync(enrolment, session, course, ct) is { } notEnrolled) return notEnrolled;
        if (course.Status == CourseStatus.Cancelled)
            return new Error("course_cancelled", $"Lớp \"{course.Title}\" đã hủy: không điểm danh được.", Kind: ErrorKind.Conflict);
        var attendance = await db.Attendances.IgnoreQueryFilters().FirstOrDefaultAsync(a => a.SessionId == session.Id && a.EnrolmentId == enrolment!.Id, ct);
        if (attendance is not null && Attendance.Counts(attendance.Status)) return AlreadyCheckedIn(attendance);

        var now = time.GetUtcNow();
        if (now < CheckInCode.Opens(session))
            return new Error("check_in_not_open", $"Chưa đến giờ điểm danh: buổi học bắt đầu lúc {session.StartTime:HH\\:mm} ngày {VietnameseText.FormatDate(session.Date)}, " +
                $"điểm danh mở từ {CheckInCode.Opens(session).ToOffset(VietnamTime.Zone.BaseUtcOffset):HH\\:mm}.", Kind: ErrorKind.Conflict);
        if (now > CheckInCode.Closes(session))
            return new Error("check_in_closed", $"Đã hết giờ điểm danh: buổi học kết thúc lúc {session.EndTime:HH\\:mm} ngày {VietnameseText.FormatDate(session.Date)}. " +
                "Nếu bạn có mặt, hãy báo người điểm danh để ghi bổ sung.", Kind: ErrorKind.Conflict);
        if (await CheckCodeAsync(session, me, code, ct) is { } wrongCode) return wrongCode;

        var status = CheckInCode.IsLate(session, now) ? AttendanceStatus.Late : AttendanceStatus.Present;
        if (attendance is null)
        {
            attendance = new Attendance
            {
                SessionId = session.Id, EnrolmentId = enrolment!.Id, PersonId = me, CourseProvinceCode = enrolment.CourseProvinceCode,
                CourseCommuneId = enrolment.CourseCommuneId, ProvinceCode = enrolment.ProvinceCode, CommuneId = enrolment.CommuneId, UnitId = enrolment.UnitId,
            };
            db.Attendances.Add(attendance);
        }
        else attendance.Version++;
        attendance.Status = status;
        attendance.Method = AttendanceMethod.SelfCheckIn;
        attendance.RecordedAt = now.UtcDateTime;
        db.Operation ??= "self-check-in";
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is DbUpdateConcurrencyException || (e is DbUpdateException update && DbErrors.IsUniqueViolation(update)))
        {
            // A double tap: the other request recorded the mark first.
            db.ChangeTracker.Clear();
            var first = await db.Attendances.IgnoreQueryFilters().AsNoTracking().FirstAsync(a => a.SessionId == session.Id && a.EnrolmentId == enrolment!.Id, ct);
            return AlreadyCheckedIn(first);
        }
        return Result<CheckInResult>.Ok(new CheckInResult(session.Id, attendance.Id, attendance.Status, attendance.RecordedAt));
    }

    private async Task<Error?> NotEnrolledAsync(Enrolment? enrolment, CourseSession session, Course course, CancellationToken ct)
    {
        string? why = enrolment?.Status switch
        {
            null => $"Bạn không có tên trong danh sách học viên của lớp \"{course.Title}\".",
            EnrolmentStatus.Waiting => $"Bạn đang trong danh sách chờ của lớp \"{course.Title}\", chưa là học viên chính thức.",
            EnrolmentStatus.Withdrawn => $"Bạn đã rút tên khỏi lớp \"{course.Title}\".",
            _ => null,
        };
        if (why is null && session.ClassId is { } sessionClass && enrolment!.ClassId != sessionClass)
        {
            var names = await db.CourseClasses.IgnoreQueryFilters().AsNoTracking().Where(c => c.CourseId == course.Id).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
            why = $"Buổi học này dành cho {names.GetValueOrDefault(sessionClass, "lớp khác")}; bạn học " +
                  $"{(enrolment.ClassId is { } own ? names.GetValueOrDefault(own, "lớp khác") : "chưa được xếp lớp")}.";
        }
        return why is null ? null : new Error("not_enrolled", why + " Không điểm danh được.", Kind: ErrorKind.Forbidden);
    }

    /// <summary>The code must be the session's current or previous one; otherwise say whether it is an old one, another session's, or wrong.</summary>
    private async Task<Error?> CheckCodeAsync(CourseSession session, int me, string given, CancellationToken ct)
    {
        var code = CheckInCode.Normalize(given);
        if (code is not null && CheckInCode.IsValid(session.CheckInSecret, code, time)) return null;
        if (code is not null && CheckInCode.WasValid(session, code, time))
            return new Error("code_expired", "Mã điểm danh đã hết hạn (mã đổi sau mỗi 30 giây). Hãy quét lại mã đang hiển thị trên màn hình.", "code");
        if (code is not null)
        {
            // Another session open now, of a course the person is enrolled in (their own rows, by their own id).
            var today = time.Today();
            var courses = db.Enrolments.IgnoreQueryFilters().Where(e => e.PersonId == me && e.Status == EnrolmentStatus.Enrolled).Select(e => e.CourseId);
            var others = await db.CourseSessions.IgnoreQueryFilters().AsNoTracking()
                .Where(s => s.Id != session.Id && s.Date == today && courses.Contains(s.CourseId)).ToListAsync(ct);
            if (others.FirstOrDefault(s => CheckInCode.IsOpen(s, time.GetUtcNow()) && CheckInCode.IsValid(s.CheckInSecret, code, time)) is { } other)
                return new Error("wrong_session", $"Mã này là của buổi khác: \"{other.Topic}\" ({other.StartTime:HH\\:mm}–{other.EndTime:HH\\:mm} ngày " +
                    $"{VietnameseText.FormatDate(other.Date)}). Hãy quét mã của buổi bạn đang dự.", "code");
        }
        return new Error("code_invalid", "Mã điểm danh không đúng. Hãy quét lại mã đang hiển thị trên màn hình phòng học.", "code");
    }

    private static Error AlreadyCheckedIn(Attendance attendance) => new("already_checked_in",
        $"Bạn đã điểm danh buổi này rồi: {Attendance.StatusName(attendance.Status).ToLower(VietnameseText.Culture)} lúc {AttendanceQueries.LocalTime(attendance.RecordedAt)}.",
        Kind: ErrorKind.Conflict);
}
