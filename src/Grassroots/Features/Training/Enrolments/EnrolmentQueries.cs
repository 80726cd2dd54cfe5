using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.People;
using Grassroots.Features.Units;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Training.Enrolments;

public sealed record ClassRow(int Id, string Name, int? Capacity, string? Venue);

/// <summary>A course as the enrolment pages and API show it.</summary>
public sealed record CourseHeader(
    int Id, string Title, string Organiser, string ProvinceCode, int? CommuneId, DateOnly StartDate, DateOnly EndDate, string? Venue, int? Capacity,
    CourseStatus Status, string StatusName, string? TermLabel, int ProgrammeId, IReadOnlyList<ClassRow> Classes)
{
    public bool TakesEnrolments => Status is not (CourseStatus.Finished or CourseStatus.Cancelled);
    public string Dates => StartDate == EndDate ? VietnameseText.FormatDate(StartDate) : $"{VietnameseText.FormatDate(StartDate)} – {VietnameseText.FormatDate(EndDate)}";
}

/// <summary>One row of a course's list: a registry person (with the post they are enrolled for) or a guest.</summary>
public sealed record EnrolmentRow(
    int Id, int Version, int CourseId, int? ClassId, string? ClassName, int? PersonId, string FullName, bool IsGuest, string? GuestTitle,
    string? GuestOrganisation, string? DateOfBirth, Position? Position, string? PositionName, int? UnitId, string? UnitName, string? CommuneCode,
    string? CommuneName, EnrolmentStatus Status, string StatusName, EnrolmentSource Source, string SourceName, string? WithdrawReason, int? WaitingRank,
    string InvitationCode, TrainingResult Result, DateTime CreatedAt)
{
    /// <summary>"Trưởng thôn Thôn Đồng Xuân, Xã Đà Bắc" or the guest's title and organisation.</summary>
    public string PostText => IsGuest
        ? string.Join(", ", new[] { GuestTitle, GuestOrganisation }.Where(s => !string.IsNullOrEmpty(s)))
        : string.Join(", ", new[] { $"{PositionName} {UnitName}".Trim(), CommuneName }.Where(s => !string.IsNullOrEmpty(s)));
}

public sealed record EnrolmentList(CourseHeader Course, int Enrolled, int Waiting, int Withdrawn, IReadOnlyList<EnrolmentRow> Items);

/// <summary>Reads of a course's list: the rows the user may see, in the order people expect them.</summary>
public static class EnrolmentQueries
{
    public static async Task<CourseHeader?> CourseAsync(AppDb db, int courseId, CancellationToken ct)
    {
        var c = await db.Courses.AsNoTracking().Include(x => x.Classes).FirstOrDefaultAsync(x => x.Id == courseId, ct);
        return c is null ? null : new CourseHeader(c.Id, c.Title, c.Organiser, c.ProvinceCode, c.CommuneId, c.StartDate, c.EndDate, c.Venue, c.Capacity,
            c.Status, Course.StatusName(c.Status), c.TermLabel, c.ProgrammeId,
            [.. c.Classes.OrderBy(k => k.Name, NaturalComparer.Instance).Select(k => new ClassRow(k.Id, k.Name, k.Capacity, k.Venue))]);
    }

    /// <summary>
    /// The course's rows the user may see: enrolled people in Vietnamese name order, then the waiting list in the order
    /// people joined it (with their rank), then those who withdrew. Counts are of every row, seen or not.
    /// </summary>
    public static async Task<EnrolmentList> ListAsync(AppDb db, CourseHeader course, CancellationToken ct)
    {
        var rows = await RowsAsync(db, course, db.Enrolments.Where(e => e.CourseId == course.Id), ct);
        var counts = await db.Enrolments.IgnoreQueryFilters().Where(e => e.CourseId == course.Id).GroupBy(e => e.Status)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return new EnrolmentList(course, counts.GetValueOrDefault(EnrolmentStatus.Enrolled), counts.GetValueOrDefault(EnrolmentStatus.Waiting),
            counts.GetValueOrDefault(EnrolmentStatus.Withdrawn), rows);
    }

    public static async Task<EnrolmentRow?> RowAsync(AppDb db, int enrolmentId, CancellationToken ct)
    {
        var courseId = await db.Enrolments.Where(e => e.Id == enrolmentId).Select(e => (int?)e.CourseId).FirstOrDefaultAsync(ct);
        if (courseId is null || await CourseAsync(db, courseId.Value, ct) is not { } course) return null;
        var rows = await RowsAsync(db, course, db.Enrolments.Where(e => e.CourseId == course.Id), ct);
        return rows.FirstOrDefault(r => r.Id == enrolmentId);
    }

    private static async Task<List<EnrolmentRow>> RowsAsync(AppDb db, CourseHeader course, IQueryable<Enrolment> query, CancellationToken ct)
    {
        var date = course.StartDate;
        // One scalar subquery per column (SQLite has no APPLY): the unit as it was on the course's first day, the commune.
        var raw = await query.AsNoTracking().Select(e => new
        {
            Enrolment = e,
            PersonName = e.Person != null ? e.Person.FullName : null,
            SortKey = e.Person != null ? e.Person.SortKey : null,
            Born = e.Person != null ? e.Person.DateOfBirth : null,
            UnitName = db.ResidentialUnitPeriods.Where(p => p.UnitId == e.UnitId && p.ValidFrom <= date).OrderByDescending(p => p.ValidFrom).Select(p => p.Name).FirstOrDefault(),
            UnitKind = db.ResidentialUnitPeriods.Where(p => p.UnitId == e.UnitId && p.ValidFrom <= date).OrderByDescending(p => p.ValidFrom).Select(p => (UnitKind?)p.Kind).FirstOrDefault(),
            CommuneCode = db.AdminUnits.Where(a => a.Id == e.CommuneId).Select(a => a.Code).FirstOrDefault(),
            CommuneName = db.AdminUnits.Where(a => a.Id == e.CommuneId).Select(a => a.FullName).FirstOrDefault(),
        }).ToListAsync(ct);
        var canSee = LeaderQueries.CanSeeIdentifiers(db);
        var classes = course.Classes.ToDictionary(c => c.Id, c => c.Name);
        var keyed = raw.Select(r => (Raw: r, Key: r.SortKey ?? VietnameseText.PersonSortKey(r.PersonName ?? r.Enrolment.ExternalName))).ToList();
        var ordered = keyed.Where(k => k.Raw.Enrolment.Status == EnrolmentStatus.Enrolled).OrderBy(k => k.Key, StringComparer.Ordinal).ThenBy(k => k.Raw.Enrolment.Id)
            .Concat(keyed.Where(k => k.Raw.Enrolment.Status == EnrolmentStatus.Waiting).OrderBy(k => k.Raw.Enrolment.Id))
            .Concat(keyed.Where(k => k.Raw.Enrolment.Status == EnrolmentStatus.Withdrawn).OrderBy(k => k.Key, StringComparer.Ordinal).ThenBy(k => k.Raw.Enrolment.Id));
        // The waiting rank counts every waiting row of the course, seen or not.
        var waitingIds = await db.Enrolments.IgnoreQueryFilters().Where(e => e.CourseId == course.Id && e.Status == EnrolmentStatus.Waiting)
            .OrderBy(e => e.Id).Select(e => e.Id).ToListAsync(ct);
        var rank = waitingIds.Select((id, i) => (id, i + 1)).ToDictionary(x => x.id, x => x.Item2);
        return [.. ordered.Select(k =>
        {
            var (r, e) = (k.Raw, k.Raw.Enrolment);
            var guest = e.PersonId is null;
            return new EnrolmentRow(e.Id, e.Version, e.CourseId, e.ClassId, e.ClassId is { } c ? classes.GetValueOrDefault(c) : null, e.PersonId,
                guest ? e.ExternalName ?? "" : r.PersonName ?? "(ngoài phạm vi của bạn)", guest, e.ExternalTitle, e.ExternalOrganisation,
                LeaderQueries.ShowDate(r.Born, canSee), e.Position, e.Position is { } p ? Tenure.PositionName(p, r.UnitKind) : null, e.UnitId, r.UnitName,
                r.CommuneCode, r.CommuneName, e.Status, EnrolmentRules.StatusName(e.Status), e.Source, EnrolmentRules.SourceName(e.Source), e.WithdrawReason,
                rank.TryGetValue(e.Id, out var n) ? n : null, e.InvitationCode, e.Result, e.CreatedAt);
        })];
    }
}
