using Grassroots.Features.Training;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

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

    [Fact]
    public async Task The_course_end_date_migration_keeps_every_enrolment_and_its_attendance_and_copies_the_date()
    {
        var ct = CancellationToken.None;
        await using var database = await TestDatabase.CreateAsync();
        var time = new FixedClock();
        int enrolmentId;
        await using (var db = database.NewDb())
        {
            var unit = await UnitBuilder.EstablishAsync(db, time, "Thôn Di Chuyển");
            var head = await LeaderBuilder.AppointAsync(db, time, unit, "Nguyễn Văn Di");
            var course = await TrainingBuilder.CourseAsync(db, time, "Lớp trước khi thêm ngày bế giảng");
            var session = await TrainingBuilder.SessionAsync(db, course, course.StartDate);
            var enrolment = await TrainingBuilder.EnrolAsync(db, time, course, head);
            db.Attendances.Add(new Attendance
            {
                SessionId = session.Id, EnrolmentId = enrolment.Id, PersonId = enrolment.PersonId, CourseProvinceCode = enrolment.CourseProvinceCode,
                ProvinceCode = enrolment.ProvinceCode, CommuneId = enrolment.CommuneId, UnitId = enrolment.UnitId, Status = AttendanceStatus.Present,
                Method = AttendanceMethod.RollCall, RecordedAt = time.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync(ct);
            enrolmentId = enrolment.Id;

            // Back to the schema before the column (its Down), with the rows in place, and up again.
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync("20261123000000_Training", ct);
            await migrator.MigrateAsync(null, ct);
        }
        await using (var db = database.NewDb())
        {
            var enrolment = await db.Enrolments.Include(e => e.Course).SingleAsync(e => e.Id == enrolmentId, ct);
            Assert.Equal(enrolment.Course!.EndDate, enrolment.CourseEndDate);
            Assert.Equal(1, await db.Attendances.CountAsync(a => a.EnrolmentId == enrolmentId, ct));
            Assert.Empty(await db.Database.GetPendingMigrationsAsync(ct));
            // Keys go on from where they were.
            var course = await TrainingBuilder.CourseAsync(db, new FixedClock(), "Lớp sau khi thêm ngày bế giảng");
            var unit = await UnitBuilder.EstablishAsync(db, time, "Thôn Sau Di Chuyển");
            var next = await TrainingBuilder.EnrolAsync(db, time, course, await LeaderBuilder.AppointAsync(db, time, unit, "Trần Văn Sau"));
            Assert.True(next.Id > enrolmentId);
        }
        var schema = await SchemaReader.ReadAsync(database, ct);
        Assert.Contains(schema, f => f.StartsWith("index enrolments IX_enrolments_PersonId_Result_CourseEndDate ", StringComparison.Ordinal));
        Assert.DoesNotContain(schema, f => f.StartsWith("index enrolments IX_enrolments_PersonId_Result ", StringComparison.Ordinal));
    }
}
