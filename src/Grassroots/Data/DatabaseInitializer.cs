using Grassroots.Common;
using Grassroots.Data.Seed;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Data;

/// <summary>
/// First start: create the database, apply migrations, load the official catalog and (on the embedded default)
/// the demo province. Later starts only check that migrations are applied and the catalog is there.
/// </summary>
public static class DatabaseInitializer
{
    public static async Task InitializeAsync(IServiceProvider services, ILogger logger, CancellationToken ct)
    {
        var config = services.GetRequiredService<IConfiguration>();
        var settings = services.GetRequiredService<DatabaseSettings>();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        if (config.GetValue("Grassroots:Database:Migrate", true))
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            if (pending.Count > 0)
            {
                logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
                await db.Database.MigrateAsync(ct);
            }
        }
        // What is loaded, in one query (each query's first compilation is a noticeable part of a start).
        var info = await db.CatalogInfo.AsNoTracking().ToDictionaryAsync(x => x.Key, x => x.Value, ct);
        if (info.GetValueOrDefault(SortKeyInfo) != VietnameseText.PersonSortKeyVersion) await RefreshSortKeysAsync(db, logger, ct);
        // The programme catalogue before the demo province, whose courses belong to its programmes.
        if (!info.ContainsKey(Features.Training.ProgrammeCatalog.InfoKey))
            await Features.Training.ProgrammeCatalog.LoadAsync(db, services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, ct);
        if (!info.ContainsKey(CatalogLoader.VersionKey))
        {
            var catalog = new CatalogLoader(db);
            logger.LogInformation("Loading the administrative catalog from {Directory}", CatalogLoader.DefaultDirectory);
            await catalog.LoadAsync(CatalogLoader.DefaultDirectory, ct);
            var demoDefault = settings.Provider == DbProvider.Sqlite;
            if (config.GetValue("Grassroots:Demo:Seed", demoDefault))
            {
                logger.LogInformation("Seeding the demo province (synthetic data)");
                var result = await new DemoProvince(db, services.GetRequiredService<TimeProvider>()).SeedAsync(ct);
                logger.LogInformation("Demo province: {Units} residential units in {Communes} communes, {People} people in {Tenures} tenures",
                    result.Units, result.Communes, result.People, result.Tenures);
            }
        }
        if (config.GetValue("Grassroots:Admin:Create", true))
            await Features.Accounts.AdminBootstrap.EnsureAdminAsync(services, config, logger, ct);
    }

    private const string SortKeyInfo = "people.sort-key";

    /// <summary>People's name sort keys stored by an older version of <see cref="VietnameseText.PersonSortKey"/> are recomputed once.</summary>
    private static async Task RefreshSortKeysAsync(AppDb db, ILogger logger, CancellationToken ct)
    {
        var ids = await db.People.IgnoreQueryFilters().OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(ct);
        if (ids.Count > 0) logger.LogInformation("Recomputing the name sort keys of {Count} people", ids.Count);
        db.AuditRowsDisabled = true; // a derived column, not a change anyone made
        foreach (var chunk in ids.Chunk(1000))
        {
            foreach (var person in await db.People.IgnoreQueryFilters().Where(p => chunk.Contains(p.Id)).ToListAsync(ct))
                person.SortKey = VietnameseText.PersonSortKey(person.FullName);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        db.AuditRowsDisabled = false;
        if (await db.CatalogInfo.FirstOrDefaultAsync(x => x.Key == SortKeyInfo, ct) is { } stored) stored.Value = VietnameseText.PersonSortKeyVersion;
        else db.CatalogInfo.Add(new CatalogInfo { Key = SortKeyInfo, Value = VietnameseText.PersonSortKeyVersion });
        await db.SaveChangesAsync(ct);
    }
}
