using Grassroots.Data;
using Grassroots.Features.People;
using Grassroots.Features.Training;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Tests.Features.Training;

/// <summary>
/// A finished-in-the-past course for completion and certificate tests: Phú Thọ, 10–13/11/2026 (the clock reads
/// 21/11/2026), running, with sessions, heads of new thôn of Đà Bắc enrolled, and attendance marked as told.
/// </summary>
internal static class CompletionScene
{
    public static readonly DateOnly Start = new(2026, 11, 10);

    public static async Task<(Course Course, List<CourseSession> Sessions, List<Enrolment> Enrolments)> CourseAsync(AppDb db, TimeProvider time,
        string[] names, int sessions = 4, string title = "Lớp bồi dưỡng trưởng thôn 2026", string? organiser = null, decimal minPercent = 75,
        bool assessment = false, decimal? passMark = null, string? symbol = "GCN-SNV")
    {
        var course = await TrainingBuilder.CourseAsync(db, time, title, start: Start, end: Start.AddDays(3), status: CourseStatus.Running);
        course.MinAttendancePercent = minPercent;
        course.AssessmentRequired = assessment;
        course.PassMark = passMark;
        course.CertificateSymbol = symbol;
        course.SignerAuthority = "KT. GIÁM ĐỐC";
        course.SignerTitle = "PHÓ GIÁM ĐỐC";
        course.SignerName = "Đặng Quốc Hưng";
        if (organiser is not null) course.Organiser = organiser;
        await db.SaveChangesAsync();
        var list = new List<CourseSession>();
        for (var i = 0; i < sessions; i++)
            list.Add(await TrainingBuilder.SessionAsync(db, course, Start.AddDays(i), $"Chuyên đề {i + 1}"));
        var enrolments = new List<Enrolment>();
        foreach (var name in names)
        {
            var head = await LeaderBuilder.AppointAsync(db, time, await UnitBuilder.EstablishAsync(db, time, "Thôn của " + name), name);
            enrolments.Add(await TrainingBuilder.EnrolAsync(db, time, course, head));
        }
        return (course, list, enrolments);
    }

    /// <summary>Marks one person at one session.</summary>
    public static async Task MarkAsync(AppDb db, CourseSession session, Enrolment enrolment, AttendanceStatus status = AttendanceStatus.Present)
    {
        db.Attendances.Add(new Attendance
        {
            SessionId = session.Id, EnrolmentId = enrolment.Id, PersonId = enrolment.PersonId, CourseProvinceCode = enrolment.CourseProvinceCode,
            CourseCommuneId = enrolment.CourseCommuneId, ProvinceCode = enrolment.ProvinceCode, CommuneId = enrolment.CommuneId, UnitId = enrolment.UnitId,
            Status = status, Method = AttendanceMethod.RollCall, RecordedAt = new DateTime(2026, 11, 10, 1, 0, 0, DateTimeKind.Utc),
        });
        await db.SaveChangesAsync();
    }

    /// <summary>Marks a person present at the first <paramref name="count"/> sessions.</summary>
    public static async Task AttendAsync(AppDb db, IReadOnlyList<CourseSession> sessions, Enrolment enrolment, int count)
    {
        foreach (var session in sessions.Take(count)) await MarkAsync(db, session, enrolment);
    }

    /// <summary>The rows as saved now, in the order given.</summary>
    public static async Task<List<Enrolment>> ReloadAsync(AppDb db, IEnumerable<Enrolment> enrolments)
    {
        var list = new List<Enrolment>();
        foreach (var e in enrolments) list.Add(await ReloadAsync(db, e));
        return list;
    }

    public static async Task<Enrolment> ReloadAsync(AppDb db, Enrolment enrolment) =>
        await db.Enrolments.AsNoTracking().SingleAsync(e => e.Id == enrolment.Id);
}
