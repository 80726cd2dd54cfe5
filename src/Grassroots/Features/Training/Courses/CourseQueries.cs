using Grassroots.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Training.Courses;

public sealed record CourseRow(
    int Id, int Version, string Title, string Organiser, int ProgrammeId, string Programme, int? PlanId, string ProvinceCode, int? CommuneId, string? CommuneName,
    DateOnly StartDate, DateOnly EndDate, string? Venue, int? Capacity, string? TermLabel, CourseStatus Status, int Enrolled, int Waiting, int Sessions, int Classes,
    bool IsDemo)
{
    public string StatusName => Course.StatusName(Status);
}

public sealed record ClassRow(int Id, string Name, int? Capacity, string? Venue, int Enrolled);

public sealed record SessionRow(
    int Id, int Version, int? ClassId, string? ClassName, DateOnly Date, TimeOnly StartTime, TimeOnly EndTime, int? TopicId, string Topic,
    string? Lecturer, string? LecturerOrganisation, string? Room, int Marked);

public sealed record CourseDetail(
    CourseRow Course, string? PlanTitle, string? LegalBasis, string? FundingSource, decimal MinAttendancePercent, bool AssessmentRequired, decimal? PassMark,
    string? CertificateSymbol, string? SignerAuthority, string? SignerTitle, string? SignerName, string? Note, IReadOnlyList<ClassRow> Classes,
    IReadOnlyList<SessionRow> Sessions, int Withdrawn, int Completed, int Certificates);

public sealed record PlanRow(int Id, int Version, string Title, string Organiser, int Year, string ProvinceCode, int? CommuneId, string? CommuneName,
    string? DecisionNumber, DateOnly? DecisionDate, string? DecisionIssuer, string? Note, int Courses);

public sealed record TopicRow(int Id, int Order, string Title, decimal Hours, string? Lecturer, string? LecturerOrganisation);

public sealed record ProgrammeRow(int Id, int Version, string Title, TrainingType Type, string? Description, string? ProvinceCode, decimal Hours, IReadOnlyList<TopicRow> Topics)
{
    public string TypeName => Programme.TypeName(Type);
}

public sealed record CourseFilter(string? ProvinceCode = null, string? CommuneCode = null, int? Year = null, CourseStatus? Status = null, int? PlanId = null, string? Q = null);

/// <summary>Reads of plans, programmes and courses as rows (projections; the jurisdiction filters of AppDb apply).</summary>
public static class CourseQueries
{
    public static async Task<List<CourseRow>> ListAsync(AppDb db, CourseFilter filter, CancellationToken ct)
    {
        var query = db.Courses.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.ProvinceCode)) query = query.Where(c => c.ProvinceCode == filter.ProvinceCode.Trim());
        if (!string.IsNullOrWhiteSpace(filter.CommuneCode))
            query = query.Where(c => db.AdminUnits.Any(a => a.Id == c.CommuneId && a.Code == filter.CommuneCode.Trim()));
        if (filter.Year is { } year) query = query.Where(c => c.StartDate.Year == year || c.EndDate.Year == year);
        if (filter.Status is { } status) query = query.Where(c => c.Status == status);
        if (filter.PlanId is { } plan) query = query.Where(c => c.PlanId == plan);
        var rows = await WithCountsAsync(db, await Project(db, query).ToListAsync(ct), ct);
        var folded = Common.VietnameseText.Fold(filter.Q);
        return [.. rows.Where(r => folded.Length == 0 || Common.VietnameseText.Fold(r.Title).Contains(folded, StringComparison.Ordinal))
            .OrderByDescending(r => r.StartDate).ThenBy(r => r.Title, Common.VietnameseText.Comparer)];
    }

    private static IQueryable<CourseRow> Project(AppDb db, IQueryable<Course> query) => query.Select(c => new CourseRow(
        c.Id, c.Version, c.Title, c.Organiser, c.ProgrammeId, c.Programme!.Title, c.PlanId, c.ProvinceCode, c.CommuneId,
        db.AdminUnits.Where(a => a.Id == c.CommuneId).Select(a => a.FullName).FirstOrDefault(), c.StartDate, c.EndDate, c.Venue, c.Capacity, c.TermLabel, c.Status,
        0, 0, c.Sessions.Count, c.Classes.Count, c.IsDemo));

    /// <summary>
    /// The courses' participant counts: of the whole course (the organiser's figures), not only of the people the user may see —
    /// counted in a query of their own, since ignoring the jurisdiction filters reaches every table of the query it is in.
    /// </summary>
    private static async Task<List<CourseRow>> WithCountsAsync(AppDb db, List<CourseRow> rows, CancellationToken ct)
    {
        var ids = rows.Select(r => r.Id).ToList();
        var counts = new Dictionary<(int, EnrolmentStatus), int>();
        foreach (var chunk in ids.Chunk(500))
            foreach (var c in await db.Enrolments.IgnoreQueryFilters().Where(e => chunk.Contains(e.CourseId))
                         .GroupBy(e => new { e.CourseId, e.Status }).Select(g => new { g.Key.CourseId, g.Key.Status, Count = g.Count() }).ToListAsync(ct))
                counts[(c.CourseId, c.Status)] = c.Count;
        return [.. rows.Select(r => r with
        {
            Enrolled = counts.GetValueOrDefault((r.Id, EnrolmentStatus.Enrolled)), Waiting = counts.GetValueOrDefault((r.Id, EnrolmentStatus.Waiting)),
        })];
    }

    public static async Task<CourseDetail?> DetailAsync(AppDb db, int id, CancellationToken ct)
    {
        if (await Project(db, db.Courses.AsNoTracking().Where(c => c.Id == id)).FirstOrDefaultAsync(ct) is not { } found) return null;
        var row = (await WithCountsAsync(db, [found], ct))[0];
        var course = await db.Courses.AsNoTracking().Where(c => c.Id == id).Select(c => new
        {
            Plan = c.Plan!.Title, c.LegalBasis, c.FundingSource, c.MinAttendancePercent, c.AssessmentRequired, c.PassMark, c.CertificateSymbol,
            c.SignerAuthority, c.SignerTitle, c.SignerName, c.Note,
        }).FirstAsync(ct);
        // The course is within reach: its counts are the whole course's (the organiser's figures), each in a query of its own.
        var enrolments = db.Enrolments.IgnoreQueryFilters().Where(e => e.CourseId == id);
        var perClass = await enrolments.Where(e => e.Status == EnrolmentStatus.Enrolled && e.ClassId != null).GroupBy(e => e.ClassId!.Value)
            .Select(g => new { ClassId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.ClassId, g => g.Count, ct);
        var classes = await db.CourseClasses.AsNoTracking().Where(c => c.CourseId == id).OrderBy(c => c.Id).ToListAsync(ct);
        var sessions = await SessionsAsync(db, db.CourseSessions.Where(s => s.CourseId == id), ct);
        return new CourseDetail(row, course.Plan, course.LegalBasis, course.FundingSource, course.MinAttendancePercent, course.AssessmentRequired, course.PassMark,
            course.CertificateSymbol, course.SignerAuthority, course.SignerTitle, course.SignerName, course.Note,
            [.. classes.Select(c => new ClassRow(c.Id, c.Name, c.Capacity, c.Venue, perClass.GetValueOrDefault(c.Id)))], sessions,
            await enrolments.CountAsync(e => e.Status == EnrolmentStatus.Withdrawn, ct),
            await enrolments.CountAsync(e => e.Result == TrainingResult.Completed, ct),
            await db.Certificates.IgnoreQueryFilters().CountAsync(c => c.CourseId == id && !c.Revoked, ct));
    }

    /// <summary>Sessions within reach, with how many marks each has (of all participants, counted apart).</summary>
    public static async Task<List<SessionRow>> SessionsAsync(AppDb db, IQueryable<CourseSession> sessions, CancellationToken ct)
    {
        var rows = await sessions.AsNoTracking().OrderBy(s => s.Date).ThenBy(s => s.StartTime).ThenBy(s => s.Id)
            .Select(s => new SessionRow(s.Id, s.Version, s.ClassId, db.CourseClasses.Where(c => c.Id == s.ClassId).Select(c => c.Name).FirstOrDefault(),
                s.Date, s.StartTime, s.EndTime, s.TopicId, s.Topic, s.Lecturer, s.LecturerOrganisation, s.Room, 0))
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var marked = new Dictionary<int, int>();
        foreach (var chunk in ids.Chunk(500))
            foreach (var m in await db.Attendances.IgnoreQueryFilters().Where(a => chunk.Contains(a.SessionId)).GroupBy(a => a.SessionId)
                         .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
                marked[m.Key] = m.Count;
        return [.. rows.Select(r => r with { Marked = marked.GetValueOrDefault(r.Id) })];
    }

    public static async Task<List<PlanRow>> PlansAsync(AppDb db, string? provinceCode, int? year, CancellationToken ct, int? id = null)
    {
        var query = db.TrainingPlans.AsNoTracking();
        if (id is { } planId) query = query.Where(p => p.Id == planId);
        if (!string.IsNullOrWhiteSpace(provinceCode)) query = query.Where(p => p.ProvinceCode == provinceCode.Trim());
        if (year is { } y) query = query.Where(p => p.Year == y);
        return await query.OrderByDescending(p => p.Year).ThenBy(p => p.Id)
            .Select(p => new PlanRow(p.Id, p.Version, p.Title, p.Organiser, p.Year, p.ProvinceCode, p.CommuneId,
                db.AdminUnits.Where(a => a.Id == p.CommuneId).Select(a => a.FullName).FirstOrDefault(), p.DecisionNumber, p.DecisionDate, p.DecisionIssuer, p.Note,
                p.Courses.Count))
            .ToListAsync(ct);
    }

    public static async Task<List<ProgrammeRow>> ProgrammesAsync(AppDb db, CancellationToken ct, int? id = null)
    {
        var query = db.Programmes.AsNoTracking();
        if (id is { } programmeId) query = query.Where(p => p.Id == programmeId);
        var rows = await query.Select(p => new
        {
            p.Id, p.Version, p.Title, p.Type, p.Description, p.ProvinceCode,
            Topics = p.Topics.OrderBy(t => t.Order).Select(t => new TopicRow(t.Id, t.Order, t.Title, t.Hours, t.Lecturer, t.LecturerOrganisation)).ToList(),
        }).ToListAsync(ct);
        return [.. rows.Select(p => new ProgrammeRow(p.Id, p.Version, p.Title, p.Type, p.Description, p.ProvinceCode, p.Topics.Sum(t => t.Hours), p.Topics))
            .OrderBy(p => p.ProvinceCode is not null).ThenBy(p => p.Title, Common.VietnameseText.Comparer)];
    }
}
