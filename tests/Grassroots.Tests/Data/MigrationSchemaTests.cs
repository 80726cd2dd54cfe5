using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Tests.Data;

/// <summary>
/// The migrations are written by hand, so this test is what catches a model change without a migration (or a
/// migration that does not say what the model says): the schema the migrations build must equal the schema EF
/// builds from the model, read back from the database's own catalog, on the provider the tests run against.
/// </summary>
public sealed class MigrationSchemaTests
{
    [Fact]
    public async Task Migrated_schema_equals_the_schema_of_the_model()
    {
        var ct = CancellationToken.None;
        await using var migrated = await TestDatabase.CreateEmptyAsync();
        await using var created = await TestDatabase.CreateEmptyAsync();
        IReadOnlyList<string> modelTables;
        await using (var db = migrated.NewDb())
        {
            await db.Database.MigrateAsync(ct);
            Assert.Empty(await db.Database.GetPendingMigrationsAsync(ct));
            modelTables = [.. db.Model.GetRelationalModel().Tables.Select(t => t.Name)];
        }
        await using (var db = created.NewDb())
            Assert.True(await db.Database.EnsureCreatedAsync(ct), "EnsureCreated found an existing schema in an empty database.");

        var fromModel = await SchemaReader.ReadAsync(created, ct);
        var fromMigrations = await SchemaReader.ReadAsync(migrated, ct);

        // The reader must see the model, or two empty readings would pass.
        Assert.NotEmpty(modelTables);
        Assert.All(modelTables, t => Assert.Contains($"table {t}", fromModel));
        Assert.Contains(fromModel, f => f.StartsWith("foreign key ", StringComparison.Ordinal));
        Assert.Contains(fromModel, f => f.StartsWith("index ", StringComparison.Ordinal));

        var differences = SchemaReader.Differences(fromModel, fromMigrations);
        Assert.True(differences.Count == 0,
            $"The migrations build a different schema from the model on {TestDatabase.Provider} " +
            $"(- only in the model, + only in the migrations); write a migration for the change:\n{string.Join('\n', differences)}");
    }

    [Fact]
    public async Task Comparison_reports_a_missing_index_and_a_changed_column()
    {
        var ct = CancellationToken.None;
        await using var database = await TestDatabase.CreateEmptyAsync();
        await using (var db = database.NewDb())
        {
            await db.Database.MigrateAsync(ct);
            var before = await SchemaReader.ReadAsync(database, ct);
            // Constant DDL that stands for a forgotten migration step: one index gone, one column added.
            await db.Database.ExecuteSqlRawAsync("DROP INDEX \"IX_unit_events_ProvinceCode\"", ct);
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE unit_events ADD \"Extra\" integer NULL", ct);
            var after = await SchemaReader.ReadAsync(database, ct);

            var differences = SchemaReader.Differences(before, after);
            Assert.Equal(2, differences.Count);
            Assert.Contains("- index unit_events IX_unit_events_ProvinceCode (ProvinceCode)", differences);
            Assert.Contains(differences, d => d.StartsWith("+ column unit_events.Extra ", StringComparison.Ordinal) && d.EndsWith(" NULL", StringComparison.Ordinal));
        }
    }
}
