using System.Buffers.Text;
using System.Security.Cryptography;
using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Training.Completion;
using Grassroots.Features.Training.Enrolments;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Training.Certificates;

/// <summary>What issuing did: the certificates made now (numbers), and who was left out because they already had one.</summary>
public sealed record IssuedCertificates(IReadOnlyList<Certificate> Issued, int AlreadyIssued, int Revoked)
{
    public string Message => Issued.Count == 0
        ? "Không có giấy chứng nhận mới: mọi học viên hoàn thành đã được cấp." + (Revoked > 0 ? $" {Revoked} giấy đã thu hồi không cấp lại được." : "")
        : $"Đã cấp {Issued.Count} giấy chứng nhận, số {Issued[0].Number} đến {Issued[^1].Number}."
          + (AlreadyIssued > 0 ? $" {AlreadyIssued} người đã có giấy từ trước." : "");
}

/// <summary>
/// Issues a certificate of completion to every participant of a course whose result is "completed" and who has none
/// yet. Numbers run on in the organiser's register for the year of issue ("{province}|{organiser}|{year}"), shown as
/// "{sequence}/{symbol}"; two organisers issuing at once cannot take the same number (unique index on register and
/// sequence): the loser reads the register again and retries. Each certificate gets an unguessable code (128 random
/// bits, base64url) for the public verification page.
/// </summary>
public sealed class IssueCertificates(AppDb db, TimeProvider time)
{
    private const int Attempts = 5;

    public static string NewCode() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    public static string RegisterOf(Course course, DateOnly issuedOn) => $"{course.ProvinceCode}|{course.Organiser}|{issuedOn.Year}";

    public async Task<Result<IssuedCertificates>> RunAsync(int courseId, CancellationToken ct)
    {
        var loaded = await CompletionRules.ManagedCourseAsync(db, courseId, ct);
        if (!loaded.Succeeded) return Result<IssuedCertificates>.Fail(loaded.Errors);
        var course = loaded.Value!;
        var today = time.Today();
        if (today < course.EndDate)
            return new Error("course_not_ended", $"Lớp kết thúc ngày {VietnameseText.FormatDate(course.EndDate)}: chưa cấp giấy chứng nhận trước ngày đó.",
                Kind: ErrorKind.Conflict);
        var register = RegisterOf(course, today);
        var symbol = course.CertificateSymbol ?? "GCN";
        for (var attempt = 1; ; attempt++)
        {
            // Everyone of the course, whoever's they are: the organiser issues for the whole list.
            var completed = await db.Enrolments.IgnoreQueryFilters().AsNoTracking()
                .Where(e => e.CourseId == courseId && e.Status == EnrolmentStatus.Enrolled && e.Result == TrainingResult.Completed)
                .Select(e => new
                {
                    e.Id, e.ProvinceCode, e.CommuneId, e.UnitId, e.ExternalName, PersonName = e.Person != null ? e.Person.FullName : null,
                    SortKey = e.Person != null ? e.Person.SortKey : null, Born = e.Person != null ? e.Person.DateOfBirth : null,
                }).ToListAsync(ct);
            var held = await db.Certificates.IgnoreQueryFilters().AsNoTracking().Where(c => c.CourseId == courseId)
                .Select(c => new { c.EnrolmentId, c.Revoked }).ToListAsync(ct);
            var heldBy = held.ToDictionary(h => h.EnrolmentId, h => h.Revoked);
            // One certificate per enrolment: a revoked one is not replaced here.
            var toIssue = completed.Where(e => !heldBy.ContainsKey(e.Id))
                .OrderBy(e => e.SortKey ?? VietnameseText.PersonSortKey(e.PersonName ?? e.ExternalName), StringComparer.Ordinal).ThenBy(e => e.Id).ToList();
            var already = completed.Count(e => heldBy.TryGetValue(e.Id, out var revoked) && !revoked);
            var revokedCount = completed.Count(e => heldBy.TryGetValue(e.Id, out var revoked) && revoked);
            if (toIssue.Count == 0) return Result<IssuedCertificates>.Ok(new IssuedCertificates([], already, revokedCount));

            var last = await db.Certificates.IgnoreQueryFilters().Where(c => c.Register == register).MaxAsync(c => (int?)c.Sequence, ct) ?? 0;
            var now = time.UtcNow();
            var issued = toIssue.Select((e, i) => new Certificate
            {
                EnrolmentId = e.Id, CourseId = courseId, CourseProvinceCode = course.ProvinceCode, CourseCommuneId = course.CommuneId,
                ProvinceCode = e.ProvinceCode, CommuneId = e.CommuneId, UnitId = e.UnitId, Register = register, Sequence = last + i + 1,
                Number = $"{last + i + 1}/{symbol}", Code = NewCode(), IssuedOn = today, HolderName = e.PersonName ?? e.ExternalName ?? "",
                HolderBirthDate = e.Born, CreatedAt = now,
            }).ToList();
            db.Certificates.AddRange(issued);
            db.Operation = "issue-certificates";
            try
            {
                await db.SaveChangesAsync(ct);
                return Result<IssuedCertificates>.Ok(new IssuedCertificates(issued, already, revokedCount));
            }
            catch (DbUpdateException e) when (EnrolmentRules.IsUniqueViolation(e) && attempt < Attempts)
            {
                // Someone else took these numbers (or issued to the same people) meanwhile: read the register again.
                foreach (var certificate in issued) db.Entry(certificate).State = EntityState.Detached;
            }
            catch (DbUpdateException e) when (EnrolmentRules.IsUniqueViolation(e))
            {
                foreach (var certificate in issued) db.Entry(certificate).State = EntityState.Detached;
                return Error.Conflict("Sổ cấp giấy chứng nhận đang được người khác ghi cùng lúc. Hãy thử lại.");
            }
        }
    }
}
