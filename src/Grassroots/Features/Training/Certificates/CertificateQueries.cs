using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Documents;
using Grassroots.Features.Units;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Training.Certificates;

/// <summary>A certificate as organisers see it.</summary>
public sealed record CertificateRow(
    int Id, int Version, int CourseId, string CourseTitle, int EnrolmentId, int? PersonId, string Number, string Code, string VerifyPath, DateOnly IssuedOn,
    string HolderName, string? HolderBirthDate, bool Revoked, string? RevokedReason, DateTime? RevokedAt);

/// <summary>What the public verification page and API show: the holder masked, the course, the organiser, the number and whether it stands.</summary>
public sealed record CertificateCheck(
    string Code, string Number, string Holder, int? BirthYear, string CourseTitle, string Organiser, DateOnly StartDate, DateOnly EndDate,
    DateOnly IssuedOn, bool Revoked, DateOnly? RevokedOn, string? RevokedReason)
{
    public string Status => Revoked ? "Đã thu hồi" : "Còn hiệu lực";
}

public static class CertificateQueries
{
    public static string VerifyPath(string code) => "/verify/" + code;

    /// <summary>The certificates of a course the user may see (by where their holders are), in number order.</summary>
    public static Task<List<CertificateRow>> ListAsync(AppDb db, int courseId, CancellationToken ct) =>
        RowsAsync(db, db.Certificates.Where(c => c.CourseId == courseId), ct);

    public static async Task<CertificateRow?> RowAsync(AppDb db, int id, CancellationToken ct) =>
        (await RowsAsync(db, db.Certificates.Where(c => c.Id == id), ct)).FirstOrDefault();

    private static async Task<List<CertificateRow>> RowsAsync(AppDb db, IQueryable<Certificate> query, CancellationToken ct)
    {
        var canSee = People.LeaderQueries.CanSeeIdentifiers(db);
        var rows = await query.AsNoTracking().OrderBy(c => c.Register).ThenBy(c => c.Sequence)
            .Select(c => new { c, CourseTitle = db.Courses.Where(k => k.Id == c.CourseId).Select(k => k.Title).FirstOrDefault(), c.Enrolment!.PersonId })
            .ToListAsync(ct);
        return [.. rows.Select(r => new CertificateRow(r.c.Id, r.c.Version, r.c.CourseId, r.CourseTitle ?? "", r.c.EnrolmentId, r.PersonId, r.c.Number, r.c.Code,
            VerifyPath(r.c.Code), r.c.IssuedOn, r.c.HolderName, People.LeaderQueries.ShowDate(r.c.HolderBirthDate, canSee), r.c.Revoked, r.c.RevokedReason, r.c.RevokedAt))];
    }

    /// <summary>
    /// The certificate with this code, for anyone (the code is the key: 128 random bits). There is no user to scope by,
    /// so it is one query on certificates alone without their filters, joined to nothing filtered, projecting only what
    /// the verification shows.
    /// </summary>
    public static async Task<CertificateCheck?> VerifyAsync(AppDb db, string? code, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 32) return null;
        var c = await db.Certificates.IgnoreQueryFilters().AsNoTracking().Where(x => x.Code == code)
            .Select(x => new { x.Code, x.Number, x.HolderName, x.HolderBirthDate, x.CourseId, x.IssuedOn, x.Revoked, x.RevokedAt, x.RevokedReason })
            .FirstOrDefaultAsync(ct);
        if (c is null) return null;
        var course = await db.Courses.IgnoreQueryFilters().AsNoTracking().Where(x => x.Id == c.CourseId)
            .Select(x => new { x.Title, x.Organiser, x.StartDate, x.EndDate }).FirstAsync(ct);
        DateOnly? revokedOn = c.RevokedAt is { } at ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(at, DateTimeKind.Utc), VietnamTime.Zone)) : null;
        return new CertificateCheck(c.Code, c.Number, MaskName(c.HolderName), c.HolderBirthDate?.Year, course.Title, course.Organiser, course.StartDate, course.EndDate,
            c.IssuedOn, c.Revoked, revokedOn, c.RevokedReason);
    }

    /// <summary>
    /// A name shown to anyone holding the code: the family name in full, every other word its first letter followed by a
    /// star per remaining letter — "Nguyễn Văn An" → "Nguyễn V** A*" — enough to match the paper, not to learn a name.
    /// </summary>
    public static string MaskName(string fullName)
    {
        var words = fullName.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return "";
        static string Mask(string word)
        {
            var letters = System.Globalization.StringInfo.ParseCombiningCharacters(word).Length;
            return System.Globalization.StringInfo.GetNextTextElement(word, 0) + new string('*', Math.Max(0, letters - 1));
        }
        return words.Length == 1 ? Mask(words[0]) : string.Join(' ', words.Take(1).Concat(words.Skip(1).Select(Mask)));
    }

    /// <summary>
    /// The printable certificates (not revoked) among those with these ids the user may see, in number order, with the
    /// QR code pointing at <paramref name="baseUrl"/>/verify/{code}.
    /// </summary>
    public static async Task<List<CertificateOfCompletion>> DocumentsAsync(AppDb db, IQueryable<Certificate> query, string baseUrl, CancellationToken ct)
    {
        var rows = await query.AsNoTracking().Where(c => !c.Revoked).OrderBy(c => c.Register).ThenBy(c => c.Sequence)
            .Select(c => new { c, c.Enrolment!.ExternalOrganisation, c.Enrolment.PersonId, Gender = c.Enrolment.Person != null ? (People.Gender?)c.Enrolment.Person.Gender : null })
            .ToListAsync(ct);
        if (rows.Count == 0) return [];
        var courseIds = rows.Select(r => r.c.CourseId).Distinct().ToList();
        var courses = await db.Courses.IgnoreQueryFilters().AsNoTracking().Where(k => courseIds.Contains(k.Id))
            .Select(k => new { k.Id, k.Title, k.Organiser, k.ProvinceCode, k.CommuneId, k.StartDate, k.EndDate, Programme = k.Programme!.Title, k.SignerAuthority, k.SignerTitle, k.SignerName })
            .ToDictionaryAsync(k => k.Id, ct);
        var places = new Dictionary<int, string>();
        var provinces = new Dictionary<string, string>();
        var result = new List<CertificateOfCompletion>();
        foreach (var r in rows)
        {
            var course = courses[r.c.CourseId];
            var unit = r.c.UnitId is { } unitId
                ? await db.ResidentialUnitPeriods.IgnoreQueryFilters().AsNoTracking().Where(p => p.UnitId == unitId && p.ValidFrom <= course.StartDate)
                    .OrderByDescending(p => p.ValidFrom).Select(p => p.Name).FirstOrDefaultAsync(ct)
                : null;
            string? commune = null;
            if (r.c.CommuneId is { } communeId && !places.TryGetValue(communeId, out commune))
                places[communeId] = commune = await db.AdminUnits.AsNoTracking().Where(a => a.Id == communeId).Select(a => a.FullName).FirstAsync(ct);
            if (!provinces.TryGetValue(course.ProvinceCode, out var province))
                provinces[course.ProvinceCode] = province = await db.AdminUnits.AsNoTracking()
                    .Where(a => a.Level == AdminLevel.Province && a.Code == course.ProvinceCode).Select(a => a.Name).FirstOrDefaultAsync(ct) ?? "";
            var superior = course.CommuneId is null && !course.Organiser.StartsWith("UBND", StringComparison.OrdinalIgnoreCase) ? $"UBND tỉnh {province}" : null;
            result.Add(new CertificateOfCompletion(
                new IssuingBody(superior, course.Organiser), r.c.HolderName, r.c.HolderBirthDate, unit ?? r.ExternalOrganisation ?? "", 
                commune is null ? null : VietnameseText.LowerFirst(commune),
                course.Title, course.Programme, course.StartDate, course.EndDate, null, province, r.c.IssuedOn,
                new Signatory(course.SignerAuthority, course.SignerTitle ?? "", course.SignerName ?? ""), r.c.Number, r.c.Code, baseUrl.TrimEnd('/') + VerifyPath(r.c.Code),
                r.Gender switch { People.Gender.Male => "Ông", People.Gender.Female => "Bà", _ => null }));
        }
        return result;
    }

    public static byte[] Pdf(IReadOnlyList<CertificateOfCompletion> certificates)
    {
        using var buffer = new MemoryStream();
        CertificatePdf.WriteMany(buffer, certificates);
        return buffer.ToArray();
    }
}
