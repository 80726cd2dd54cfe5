using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Features.People;
using Grassroots.Features.Training;
using Grassroots.Features.Training.Attendances;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Tests.Features.Training;

/// <summary>
/// A course of Phú Thọ running today (21/11/2026, the test clock's day) with a session 07:30–11:00 and heads of thôn of
/// Đà Bắc enrolled; helpers to set the clock to a Vietnamese wall-clock time, sign in a leader whose account is linked to
/// their registry person, and read ProblemDetails.
/// </summary>
internal sealed record AttendanceScene(Course Course, CourseSession Session, List<Tenure> Heads, List<Enrolment> Enrolments)
{
    public static readonly DateOnly Today = FixedClock.DefaultToday;

    public static async Task<AttendanceScene> CreateAsync(AppDb db, TimeProvider time, params string[] names)
    {
        var course = await TrainingBuilder.CourseAsync(db, time, start: Today, end: Today.AddDays(1));
        var session = await TrainingBuilder.SessionAsync(db, course, Today, "Kỹ năng hòa giải ở cơ sở");
        var heads = new List<Tenure>();
        var enrolments = new List<Enrolment>();
        foreach (var name in names)
        {
            var head = await LeaderBuilder.AppointAsync(db, time, await UnitBuilder.EstablishAsync(db, time, "Thôn của " + name), name);
            heads.Add(head);
            enrolments.Add(await TrainingBuilder.EnrolAsync(db, time, course, head));
        }
        return new AttendanceScene(course, session, heads, enrolments);
    }

    /// <summary>Guests (outside the registry) of Phú Thọ enrolled straight into the course: quick to make by the hundred.</summary>
    public static async Task<List<Enrolment>> GuestsAsync(AppDb db, TimeProvider time, Course course, IEnumerable<string> names)
    {
        var guests = names.Select(name => new Enrolment
        {
            CourseId = course.Id, CourseEndDate = course.EndDate, ExternalName = name, ExternalTitle = "Chi hội trưởng", ExternalOrganisation = "Hội Nông dân", CourseProvinceCode = course.ProvinceCode,
            CourseCommuneId = course.CommuneId, ProvinceCode = "25", Status = EnrolmentStatus.Enrolled, Source = EnrolmentSource.Manual,
            InvitationCode = Convert.ToHexString(RandomNumberGenerator.GetBytes(12)), CreatedAt = time.GetUtcNow().UtcDateTime, UpdatedAt = time.GetUtcNow().UtcDateTime,
        }).ToList();
        db.Enrolments.AddRange(guests);
        await db.SaveChangesAsync();
        return guests;
    }

    /// <summary>Sets a fixed clock to a Vietnamese wall-clock time of <paramref name="date"/> (today unless told).</summary>
    public static void At(TimeProvider time, int hour, int minute, DateOnly? date = null) =>
        ((FixedClock)time).Now = CheckInCode.At(date ?? Today, new TimeOnly(hour, minute));

    public static string CodeNow(CourseSession session, TimeProvider time) => CheckInCode.Current(session.CheckInSecret, time);

    /// <summary>A client signed in as a unit leader whose account is linked to <paramref name="personId"/> (none: not linked).</summary>
    public static async Task<HttpClient> LeaderAsync(TestApp app, string userName, int? personId, int unitId)
    {
        var user = await app.CreateUserAsync(userName, Role.UnitLeader, residentialUnitId: unitId);
        if (personId is not null)
        {
            await using var db = app.Database.NewDb();
            var stored = await db.Users.SingleAsync(u => u.Id == user.Id);
            stored.PersonId = personId;
            await db.SaveChangesAsync();
        }
        return await SignInAsync(app, userName);
    }

    /// <summary>A new bearer client for a user (tokens last an hour of the test clock: sign in again after moving it further).</summary>
    public static async Task<HttpClient> SignInAsync(TestApp app, string userName)
    {
        var client = app.Anonymous;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(userName, AppFactory.UserPassword));
        return client;
    }

    public static Task<(System.Net.HttpStatusCode Status, JsonElement Body)> SendAsync(HttpClient client, HttpMethod method, string url, object? body = null) =>
        Api.Send(client, method, url, body);

    public static string? Code(JsonElement problem) => problem.GetProperty("code").GetString();
    public static string? Field(JsonElement problem) => problem.GetProperty("errors")[0].GetProperty("field").GetString();
}
