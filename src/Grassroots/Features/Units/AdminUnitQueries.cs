using Grassroots.Common;
using Grassroots.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Units;

public sealed record AdminUnitRow(
    string Code, string Name, string FullName, AdminLevel Level, AdminUnitType Type, string TypeName,
    string ProvinceCode, string? ParentCode, string? ParentName, DateOnly? ValidFrom, DateOnly? ValidTo, string? NameEn)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public int Id { get; init; }
}

/// <summary>"As of" queries over the administrative catalog.</summary>
public static class AdminUnitQueries
{
    public static IQueryable<AdminUnit> ValidOn(this IQueryable<AdminUnit> units, DateOnly date) =>
        units.Where(u => (u.ValidFrom == null || u.ValidFrom <= date) && (u.ValidTo == null || u.ValidTo >= date));

    public static AdminLevel? LevelOfCode(string code) => code.Length switch
    {
        2 => AdminLevel.Province,
        3 => AdminLevel.District,
        5 => AdminLevel.Commune,
        _ => null,
    };

    /// <summary>
    /// The unit that bore this code on the date, or null. The catalog is not changed by users, so the units of a code
    /// are read once and kept in memory for a few minutes (per database, and read again after any change to the catalog
    /// saved in this process: <see cref="AppDb.ReachChanges"/>); the unit returned is shared: read only.
    /// </summary>
    public static async Task<AdminUnit?> FindByCodeAsync(this AppDb db, string code, DateOnly date, CancellationToken ct)
    {
        if (LevelOfCode(code) is not { } level) return null;
        var key = (db.Database.GetConnectionString() ?? "", level, code);
        var changes = db.ReachChanges;
        var now = Environment.TickCount64;
        if (!ByCode.TryGetValue(key, out var cached) || cached.Changes != changes || cached.Until < now)
        {
            var units = await db.AdminUnits.AsNoTracking().Include(u => u.TypeChanges).Include(u => u.Parent)
                .Where(u => u.Level == level && u.Code == code).OrderBy(u => u.Id).ToArrayAsync(ct);
            ByCode[key] = cached = (units, changes, now + (long)CodeLifetime.TotalMilliseconds);
        }
        return cached.Units.FirstOrDefault(u => u.IsValidOn(date));
    }

    private static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(5);

    /// <summary>The units of each code looked up, by database, with the change count they were read at and until when they are kept.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Database, AdminLevel Level, string Code), (AdminUnit[] Units, long Changes, long Until)> ByCode = new();

    /// <summary>The commune-level unit that bore this code on the date, or null.</summary>
    public static async Task<AdminUnit?> FindCommuneAsync(this AppDb db, string code, DateOnly date, CancellationToken ct) =>
        await db.FindByCodeAsync(code, date, ct) is { Level: AdminLevel.Commune } commune ? commune : null;

    public static async Task<List<AdminUnitRow>> ListAsync(AppDb db, AdminLevel? level, AdminUnit? parent, string? q, DateOnly date, CancellationToken ct)
    {
        var query = db.AdminUnits.AsNoTracking().Include(u => u.TypeChanges).Include(u => u.Parent).ValidOn(date);
        if (level is { } l) query = query.Where(u => u.Level == l);
        if (parent is not null) query = query.Where(u => u.Path.StartsWith(parent.Path) && u.Id != parent.Id);
        var folded = VietnameseText.Fold(q);
        if (folded.Length > 0) query = query.Where(u => u.SearchName.Contains(folded));
        var units = await query.ToListAsync(ct);
        return units
            .Select(u => ToRow(u, u.Parent?.Code, u.Parent?.FullName, date))
            .OrderBy(r => r.Code, StringComparer.Ordinal)
            .ToList();
    }

    public static AdminUnitRow ToRow(AdminUnit u, string? parentCode, string? parentName, DateOnly date)
    {
        var (type, fullName) = u.AsOf(date);
        return new AdminUnitRow(u.Code, u.Name, fullName, u.Level, type, AdminUnit.TypeName(type), u.ProvinceCode,
            parentCode, parentName, u.ValidFrom, u.ValidTo, u.NameEn) { Id = u.Id };
    }
}
