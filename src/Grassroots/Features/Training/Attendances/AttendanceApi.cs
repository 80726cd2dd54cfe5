using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Grassroots.Features.Training.Attendances;

/// <summary>
/// Attendance under /api/v1/training: a session's roll (read by those who see people, written in one batch by those who
/// record attendance where the course sits), its printable sign-in sheet, a leader's self check-in with the code shown in the room, and their own courses.
/// </summary>
public static class AttendanceApi
{
    public static RouteGroupBuilder MapAttendanceApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/training").WithTags("Điểm danh").RequirePermission(Permission.ViewPeople);
        group.MapGet("/sessions/{id:int}/attendance", Roll).WithSummary("Danh sách điểm danh của một buổi học, với số liệu của cả buổi");
        group.MapPut("/sessions/{id:int}/attendance", RecordRoll).RequirePermission(Permission.RecordAttendance)
            .WithSummary("Điểm danh cả danh sách một lần: marks = [{ enrolmentId, status: present|late|excused|absent }]; sau ngày học là sửa điểm danh");
        group.MapGet("/sessions/{id:int}/sign-in-sheet", SignInSheet).RequirePermission(Permission.RecordAttendance)
            .WithSummary("Sổ ký của một buổi học (PDF): học viên theo thứ tự tên, mỗi trang một mã QR mở trang nhập sổ ký của trang đó");
        group.MapPost("/sessions/{id:int}/check-in", SelfCheckIn).RequireRateLimiting(RateLimits.CheckIn)
            .WithSummary("Tự điểm danh bằng mã trên màn hình phòng học (tài khoản phải gắn với hồ sơ cán bộ)");
        group.MapGet("/me/courses", OwnCourses).WithSummary("Các lớp của tôi: buổi học và điểm danh của người gắn với tài khoản");
        return group;
    }

    public sealed record CheckInRequest(string? Code);

    public sealed record RollCallResponse(RollCallResult Result, SessionAttendance Attendance);

    private static async Task<Results<Ok<SessionAttendance>, ProblemHttpResult>> Roll(AppDb db, int id, CancellationToken ct) =>
        await AttendanceQueries.SessionAsync(db, id, ct) is { } session
            ? TypedResults.Ok(await AttendanceQueries.ListAsync(db, session, ct))
            : Error.NotFound("buổi học này").ToProblem();

    private static async Task<Results<Ok<RollCallResponse>, ProblemHttpResult>> RecordRoll(int id, RollCallInput body, RecordRollCall record, AppDb db,
        CancellationToken ct)
    {
        var result = await record.RunAsync(id, body, ct);
        if (!result.Succeeded) return result.Errors.ToProblem();
        var session = (await AttendanceQueries.SessionAsync(db, id, ct))!;
        return TypedResults.Ok(new RollCallResponse(result.Value!, await AttendanceQueries.ListAsync(db, session, ct)));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> SignInSheet(int id, AppDb db, HttpRequest request, CancellationToken ct) =>
        await SignInSheets.RosterAsync(db, id, ct) is { } roster
            ? TypedResults.File(SignInSheets.Pdf(roster, $"{request.Scheme}://{request.Host}", ct), "application/pdf", SignInSheets.FileName(roster.Session))
            : Error.NotFound("buổi học này").ToProblem();

    private static async Task<Results<Ok<CheckInResult>, ProblemHttpResult>> SelfCheckIn(int id, CheckInRequest body, CheckIn checkIn, CancellationToken ct)
    {
        var result = await checkIn.RunAsync(id, body.Code, ct);
        return result.Succeeded ? TypedResults.Ok(result.Value!) : result.Errors.ToProblem();
    }

    private static async Task<Results<Ok<List<MyCourse>>, ProblemHttpResult>> OwnCourses(AppDb db, TimeProvider time, CancellationToken ct) =>
        db.Access.PersonId is { } me ? TypedResults.Ok(await MyCourses.ListAsync(db, me, time, ct)) : CheckIn.NoLinkedPerson.ToProblem();
}
