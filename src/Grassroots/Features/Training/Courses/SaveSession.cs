using System.Security.Cryptography;
using Grassroots.Common;
using Grassroots.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Training.Courses;

/// <summary>A session as entered: the topic is one of the programme's (its title taken) or free text.</summary>
public sealed record SessionInput(int? ClassId, DateOnly? Date, TimeOnly? StartTime, TimeOnly? EndTime, int? TopicId, string? Topic,
    string? Lecturer, string? LecturerOrganisation, string? Room);

/// <summary>Adds, corrects and removes the sessions of a course: within its dates, hours in order, no two at once for one class.</summary>
public sealed class SaveSession(AppDb db)
{
    public async Task<Result<CourseSession>> CreateAsync(int courseId, SessionInput input, CancellationToken ct)
    {
        var course = await LoadCourseAsync(courseId, ct);
        if (course is null) return Error.NotFound("lớp bồi dưỡng này");
        var session = new CourseSession { CourseId = course.Id, Course = course, Topic = "", CheckInSecret = NewSecret() };
        var errors = await ApplyAsync(session, course, input, ct);
        if (errors.Count > 0) return Result<CourseSession>.Fail(errors);
        db.CourseSessions.Add(session);
        db.Operation ??= "create-session";
        await db.SaveChangesAsync(ct);
        return Result<CourseSession>.Ok(session);
    }

    public async Task<Result<CourseSession>> UpdateAsync(int id, int version, SessionInput input, CancellationToken ct)
    {
        var session = await db.CourseSessions.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (session is null) return Error.NotFound("buổi học này");
        if (session.Version != version)
            return Error.Conflict($"Buổi học này vừa được người khác thay đổi (phiên bản {session.Version}, bạn sửa từ phiên bản {version}). Hãy tải lại và nhập lại thay đổi.");
        var course = (await LoadCourseAsync(session.CourseId, ct))!;
        session.Course = course;
        var errors = await ApplyAsync(session, course, input, ct);
        if (errors.Count > 0)
        {
            await db.Entry(session).ReloadAsync(ct);
            return Result<CourseSession>.Fail(errors);
        }
        session.Version++;
        db.Operation ??= "update-session";
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("Buổi học này vừa được người khác thay đổi cùng lúc. Hãy tải lại và nhập lại thay đổi.");
        }
        return Result<CourseSession>.Ok(session);
    }

    /// <summary>Removes a session entered by mistake: only while nobody's attendance is recorded for it.</summary>
    public async Task<Result<CourseSession>> DeleteAsync(int id, int version, CancellationToken ct)
    {
        var session = await db.CourseSessions.Include(s => s.Course).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (session is null) return Error.NotFound("buổi học này");
        if (session.Version != version) return Error.Conflict("Buổi học này vừa được người khác thay đổi. Hãy tải lại.");
        if (await db.Attendances.IgnoreQueryFilters().AnyAsync(a => a.SessionId == id, ct))
            return new Error("session_has_attendance", "Buổi học đã có điểm danh: không xóa được (có thể sửa giờ, phòng, giảng viên).", Kind: ErrorKind.Conflict);
        db.CourseSessions.Remove(session);
        db.Operation ??= "delete-session";
        await db.SaveChangesAsync(ct);
        return Result<CourseSession>.Ok(session);
    }

    private async Task<Course?> LoadCourseAsync(int id, CancellationToken ct) =>
        await db.Courses.Include(c => c.Classes).Include(c => c.Programme!).ThenInclude(p => p.Topics).FirstOrDefaultAsync(c => c.Id == id, ct);

    private static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private async Task<List<Error>> ApplyAsync(CourseSession session, Course course, SessionInput input, CancellationToken ct)
    {
        var errors = new List<Error>();
        void Add(string code, string message, string field, ErrorKind kind = ErrorKind.Invalid) => errors.Add(new(code, message, field, kind));
        if (course.Status == CourseStatus.Cancelled) Add("course_cancelled", "Lớp đã hủy: không thêm, sửa buổi học được.", "courseId", ErrorKind.Conflict);
        if (input.Date is not { } date) Add("date_required", "Chưa nhập ngày học.", "date");
        else if (date < course.StartDate || date > course.EndDate)
            Add("session_outside_course", $"Ngày {VietnameseText.FormatDate(date)} nằm ngoài thời gian của lớp (từ {VietnameseText.FormatDate(course.StartDate)} đến {VietnameseText.FormatDate(course.EndDate)}).", "date");
        if (input.StartTime is not { } start) Add("start_time_required", "Chưa nhập giờ bắt đầu.", "startTime");
        if (input.EndTime is not { } end) Add("end_time_required", "Chưa nhập giờ kết thúc.", "endTime");
        else if (input.StartTime is { } s && end <= s) Add("end_before_start", $"Giờ kết thúc ({end:HH\\:mm}) phải sau giờ bắt đầu ({s:HH\\:mm}).", "endTime");
        if (input.ClassId is { } classId && course.Classes.All(c => c.Id != classId)) Add("class_not_found", "Lớp học này không thuộc khóa bồi dưỡng.", "classId");

        ProgrammeTopic? topic = null;
        if (input.TopicId is { } topicId && (topic = course.Programme!.Topics.FirstOrDefault(t => t.Id == topicId)) is null)
            Add("topic_not_found", "Chuyên đề này không thuộc chương trình của lớp.", "topicId");
        var title = VietnameseText.Clean(input.Topic) is { Length: > 0 } t ? t : topic?.Title;
        if (title is null) Add("topic_required", "Chưa chọn hoặc nhập chuyên đề.", "topic");
        else if (title.Length > 300) Add("too_long", "Tên chuyên đề dài quá 300 ký tự.", "topic");
        var lecturer = VietnameseText.Clean(input.Lecturer) is { Length: > 0 } l ? l : topic?.Lecturer;
        var organisation = VietnameseText.Clean(input.LecturerOrganisation) is { Length: > 0 } o ? o : topic?.LecturerOrganisation;
        var room = VietnameseText.Clean(input.Room) is { Length: > 0 } r ? r : null;
        if (lecturer?.Length > 100) Add("too_long", "Tên giảng viên dài quá 100 ký tự.", "lecturer");
        if (organisation?.Length > 200) Add("too_long", "Cơ quan của giảng viên dài quá 200 ký tự.", "lecturerOrganisation");
        if (room?.Length > 100) Add("too_long", "Tên phòng học dài quá 100 ký tự.", "room");

        if (errors.Count == 0)
        {
            // One class (or the whole course) cannot sit two sessions at once.
            var clash = await db.CourseSessions.AsNoTracking()
                .Where(x => x.CourseId == course.Id && x.Id != session.Id && x.Date == input.Date!.Value
                            && (x.ClassId == null || input.ClassId == null || x.ClassId == input.ClassId)
                            && x.StartTime < input.EndTime!.Value && input.StartTime!.Value < x.EndTime)
                .Select(x => new { x.StartTime, x.EndTime, x.Topic }).FirstOrDefaultAsync(ct);
            if (clash is not null)
                Add("sessions_overlap", $"Trùng giờ với buổi \"{clash.Topic}\" ({clash.StartTime:HH\\:mm}–{clash.EndTime:HH\\:mm}) cùng ngày.", "startTime", ErrorKind.Conflict);
        }
        if (errors.Count > 0) return errors;
        session.ClassId = input.ClassId;
        session.Date = input.Date!.Value;
        session.StartTime = input.StartTime!.Value;
        session.EndTime = input.EndTime!.Value;
        session.TopicId = topic?.Id;
        session.Topic = title!;
        session.Lecturer = lecturer;
        session.LecturerOrganisation = organisation;
        session.Room = room;
        return errors;
    }
}
