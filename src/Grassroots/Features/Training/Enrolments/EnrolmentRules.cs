using System.Buffers.Text;
using System.Security.Cryptography;
using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.People;
using Grassroots.Features.Units;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Grassroots.Features.Training.Enrolments;

/// <summary>A person's post and place on a date: what an enrolment is made for, and what scopes reach its row by.</summary>
public sealed record EnrolmentPost(Position? Position, int? UnitId, int CommuneId, string ProvinceCode);

/// <summary>The checks and small steps the enrolment use cases share.</summary>
public static class EnrolmentRules
{
    /// <summary>
    /// An invitation code: 16 random bytes (128 bits) from the system's CSPRNG, base64url — 22 characters, safe in a
    /// URL, never derived from the person or the row, so it cannot be guessed or enumerated.
    /// </summary>
    public static string NewInvitationCode() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    public static string StatusName(EnrolmentStatus status) => status switch
    {
        EnrolmentStatus.Enrolled => "Đã ghi danh",
        EnrolmentStatus.Waiting => "Danh sách chờ",
        EnrolmentStatus.Withdrawn => "Đã rút tên",
        _ => status.ToString(),
    };

    public static string SourceName(EnrolmentSource source) => source switch
    {
        EnrolmentSource.Rule => "Theo đối tượng",
        EnrolmentSource.Manual => "Ghi danh trực tiếp",
        EnrolmentSource.External => "Khách mời",
        _ => source.ToString(),
    };

    /// <summary>
    /// Begins the transaction a change to a course's list runs in (null when the caller's is already open): the course
    /// is locked in it (<see cref="LockCourseAsync"/>) before its dates, places and list are read.
    /// </summary>
    public static async Task<IDbContextTransaction?> BeginAsync(AppDb db, CancellationToken ct) =>
        db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;

    /// <summary>
    /// Holds the course until the transaction ends, so that two changes to its list, or a change to its list and one
    /// to the course (its end date, which every enrolment copies, its capacity, its status), follow one another instead
    /// of each writing from what it read before the other committed. PostgreSQL: the course row, FOR UPDATE. SQLite:
    /// the transaction began with BEGIN IMMEDIATE and already holds the database's write lock.
    /// </summary>
    public static async Task LockCourseAsync(AppDb db, int courseId, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("A change to a course's list runs in a transaction (EnrolmentRules.BeginAsync).");
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM courses WHERE "Id" = {courseId} FOR UPDATE""", ct);
    }

    /// <summary>The course (seen through the user's filters) with its classes, if it still takes enrolments; locked until the transaction ends.</summary>
    public static async Task<Result<Course>> OpenCourseAsync(AppDb db, int courseId, CancellationToken ct)
    {
        await LockCourseAsync(db, courseId, ct);
        var course = await db.Courses.Include(c => c.Classes).FirstOrDefaultAsync(c => c.Id == courseId, ct);
        if (course is null) return new Error("course_not_found", "Không tìm thấy lớp bồi dưỡng này trong phạm vi của bạn.", "courseId", ErrorKind.NotFound);
        if (course.Status is CourseStatus.Finished or CourseStatus.Cancelled)
            return new Error("course_closed", $"Lớp \"{course.Title}\" {(course.Status == CourseStatus.Cancelled ? "đã hủy" : "đã kết thúc")}; không thay đổi danh sách học viên được nữa.",
                Kind: ErrorKind.Conflict);
        return Result<Course>.Ok(course);
    }

    /// <summary>The class of the course with this id (null when none is asked for), or an error naming the field.</summary>
    public static Result<CourseClass?> ClassOf(Course course, int? classId)
    {
        if (classId is not { } id) return Result<CourseClass?>.Ok(null);
        return course.Classes.FirstOrDefault(c => c.Id == id) is { } found
            ? Result<CourseClass?>.Ok(found)
            : new Error("class_not_found", $"Lớp \"{course.Title}\" không có lớp học số {id}.", "classId");
    }

    /// <summary>The highest-ranked position the person holds on the date (within the user's view), with its unit's place then; null when none.</summary>
    public static async Task<EnrolmentPost?> PostOnAsync(AppDb db, int personId, DateOnly date, CancellationToken ct)
    {
        var held = await (from t in db.Tenures.AsNoTracking()
                          where t.PersonId == personId && t.StartDate <= date && (t.EndDate == null || t.EndDate >= date)
                          join p in db.ResidentialUnitPeriods.ValidOn(date) on t.UnitId equals p.UnitId
                          select new { t.Position, t.UnitId, p.CommuneId, p.ProvinceCode }).ToListAsync(ct);
        // Positions are stored by name: ranked here (head first).
        return held.OrderBy(h => (int)h.Position).Select(h => new EnrolmentPost(h.Position, h.UnitId, h.CommuneId, h.ProvinceCode)).FirstOrDefault();
    }

    public static Error Stale(int current, int yours) => Error.Conflict(
        $"Dòng học viên này vừa được người khác thay đổi (phiên bản {current}, bạn sửa từ phiên bản {yours}). Hãy tải lại danh sách rồi làm lại.");

    /// <summary>Saves; a lost race (a stale version, or the same person put on the list twice at once) is a 409, not an exception.</summary>
    public static async Task<Error?> SaveAsync(AppDb db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("Danh sách học viên vừa được người khác thay đổi cùng lúc. Hãy tải lại rồi làm lại.");
        }
        catch (DbUpdateException e) when (IsUniqueViolation(e))
        {
            return AlreadyChanged();
        }
    }

    public static Error AlreadyChanged() => Error.Conflict("Người này vừa được người khác ghi danh vào lớp cùng lúc. Hãy tải lại danh sách.");

    /// <summary>A unique index refused the row (SQLite SQLITE_CONSTRAINT_UNIQUE, PostgreSQL 23505), however deep in the exception.</summary>
    public static bool IsUniqueViolation(Exception? e) => e switch
    {
        null => false,
        SqliteException s => s.SqliteErrorCode == 19 && s.SqliteExtendedErrorCode == 2067,
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => IsUniqueViolation(e.InnerException),
    };

    /// <summary>The name shown for a row: the registry person's, or the guest's.</summary>
    public static async Task<string> NameAsync(AppDb db, Enrolment enrolment, CancellationToken ct) =>
        enrolment.PersonId is { } id
            ? await db.People.IgnoreQueryFilters().Where(p => p.Id == id).Select(p => p.FullName).FirstAsync(ct)
            : enrolment.ExternalName ?? "";
}
