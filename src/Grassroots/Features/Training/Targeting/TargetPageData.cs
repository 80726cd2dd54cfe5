using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Training.Enrolments;
using Grassroots.Features.Units;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Training.Targeting;

/// <summary>What the target group page offers: the course's place, its saved groups, the communes and programmes to choose from.</summary>
public sealed record TargetPageData(TargetPlace Place, IReadOnlyList<TargetGroup> Groups, IReadOnlyList<(string Code, string Name)> Communes,
    IReadOnlyList<(int Id, string Title)> Programmes)
{
    public static async Task<TargetPageData> LoadAsync(AppDb db, CourseHeader course, CancellationToken ct)
    {
        var place = await TargetPlace.OfAsync(db, course.ProvinceCode, course.CommuneId, ct);
        var groups = await db.TargetGroups.AsNoTracking().Where(g => g.CourseId == course.Id)
            .OrderByDescending(g => g.UpdatedAt).ThenByDescending(g => g.Id).ToListAsync(ct);
        // A commune's course reads its own commune only: nothing to choose.
        var communes = course.CommuneId is not null ? [] : (await db.AdminUnits.AsNoTracking().ValidOn(course.StartDate)
                .Where(a => a.Level == AdminLevel.Commune && a.ProvinceCode == course.ProvinceCode).Include(a => a.TypeChanges).ToListAsync(ct))
            .Select(a => (a.Code, a.AsOf(course.StartDate).FullName)).OrderBy(a => a.Item2, VietnameseText.Comparer).ToList();
        var programmes = await db.Programmes.AsNoTracking().OrderBy(p => p.Id).Select(p => new { p.Id, p.Title }).ToListAsync(ct);
        return new TargetPageData(place, groups, communes, [.. programmes.Select(p => (p.Id, p.Title))]);
    }
}
