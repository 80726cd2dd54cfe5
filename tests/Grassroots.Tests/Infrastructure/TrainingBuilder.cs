using System.Security.Cryptography;
using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.People;
using Grassroots.Features.Training;
using Grassroots.Features.Units;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Tests.Infrastructure;

/// <summary>
/// Builds training records for a test straight into the database (as the system): a course of a catalogue programme in
/// a province (or a commune), its sessions, and enrolments of registry people. Use cases under test are called directly;
/// this only sets the scene.
/// </summary>
public static class TrainingBuilder
{
    /// <summary>A programme of the shared catalogue (loaded into every test database), by title.</summary>
    public static async Task<Programme> ProgrammeAsync(AppDb db, string title = ProgrammeCatalog.HeadsProgramme) =>
        await db.Programmes.Include(p => p.Topics).SingleAsync(p => p.Title == title);

    /// <summary>A course organised in Phú Thọ (province 25) unless told, by default 1–2 December 2026, open for enrolment.</summary>
    public static async Task<Course> CourseAsync(AppDb db, TimeProvider time, string title = "Lớp bồi dưỡng trưởng thôn năm 2026",
        string provinceCode = "25", string? communeCode = null, DateOnly? start = null, DateOnly? end = null, int? capacity = null,
        string programme = ProgrammeCatalog.HeadsProgramme, CourseStatus status = CourseStatus.Open, params string[] classes)
    {
        var commune = communeCode is null ? null : await db.FindCommuneAsync(communeCode, time.Today(), CancellationToken.None);
        var course = new Course
        {
            Title = title, Organiser = commune is null ? "Sở Nội vụ tỉnh Phú Thọ" : "UBND " + commune.FullName, ProvinceCode = commune?.ProvinceCode ?? provinceCode,
            CommuneId = commune?.Id, ProgrammeId = (await ProgrammeAsync(db, programme)).Id, StartDate = start ?? new DateOnly(2026, 12, 1),
            EndDate = end ?? new DateOnly(2026, 12, 2), Capacity = capacity, Status = status, CreatedAt = time.UtcNow(), UpdatedAt = time.UtcNow(),
            Classes = [.. classes.Select(c => new CourseClass { Name = c })],
        };
        db.Courses.Add(course);
        await db.SaveChangesAsync();
        return course;
    }

    /// <summary>A session of the course (or of one class) on a date, 07:30–11:00 unless told.</summary>
    public static async Task<CourseSession> SessionAsync(AppDb db, Course course, DateOnly date, string topic = "Chuyên đề 1",
        TimeOnly? start = null, TimeOnly? end = null, int? classId = null)
    {
        var session = new CourseSession
        {
            CourseId = course.Id, ClassId = classId, Date = date, StartTime = start ?? new TimeOnly(7, 30), EndTime = end ?? new TimeOnly(11, 0),
            Topic = topic, CheckInSecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        };
        db.CourseSessions.Add(session);
        await db.SaveChangesAsync();
        return session;
    }

    /// <summary>Enrols the holder of a tenure for the post they hold (their unit and commune give the row's place).</summary>
    public static async Task<Enrolment> EnrolAsync(AppDb db, TimeProvider time, Course course, Tenure tenure,
        EnrolmentStatus status = EnrolmentStatus.Enrolled, int? classId = null)
    {
        var unit = await db.ResidentialUnits.AsNoTracking().SingleAsync(u => u.Id == tenure.UnitId);
        var enrolment = new Enrolment
        {
            CourseId = course.Id, CourseEndDate = course.EndDate, ClassId = classId, PersonId = tenure.PersonId, CourseProvinceCode = course.ProvinceCode, CourseCommuneId = course.CommuneId,
            ProvinceCode = unit.ProvinceCode, CommuneId = unit.CurrentCommuneId, UnitId = unit.Id, Position = tenure.Position, Status = status,
            Source = EnrolmentSource.Manual, InvitationCode = Convert.ToHexString(RandomNumberGenerator.GetBytes(12)), CreatedAt = time.UtcNow(), UpdatedAt = time.UtcNow(),
        };
        db.Enrolments.Add(enrolment);
        await db.SaveChangesAsync();
        return enrolment;
    }
}
