using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Data.Seed;
using Grassroots.Features.People;
using Grassroots.Features.Training;
using Grassroots.Features.Units;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Bench;

/// <summary>A generated leader registry of one province in a fresh SQLite database, for the benchmarks that need one.</summary>
public static class BenchRegistry
{
    private static readonly string[] Families = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Hà", "Đinh", "Bùi", "Đỗ", "Lò", "Ngô", "Dương", "Lý", "Xa", "Quách"];
    private static readonly string[] Given = ["Hùng", "Dũng", "Tuấn", "Minh", "Hải", "Sơn", "Thắng", "Đức", "Hoa", "Lan", "Hương", "Mai", "Ánh", "Anh", "Bình"];
    private static readonly string[] Middles = ["Văn", "Đình", "Xuân", "Thị", "Thanh", "Ngọc"];

    /// <summary>
    /// A fresh SQLite database at <paramref name="path"/> with the schema, the catalogs and <paramref name="units"/> units
    /// of the province spread over its communes, each with a head, a deputy and a party-cell secretary (the head himself
    /// in 40 % of units), inserted with AppDb.BulkInsertAsync in one transaction. Returns its options, the communes and
    /// the number of tenures.
    /// </summary>
    public static async Task<(DbContextOptions<AppDb> Options, List<AdminUnit> Communes, int Tenures)> CreateAsync(string path, string province, int units)
    {
        foreach (var f in new[] { path, path + "-wal", path + "-shm" }) File.Delete(f);
        var options = new DbContextOptionsBuilder<AppDb>();
        new DatabaseSettings(DbProvider.Sqlite, $"Data Source={path};Pooling=False", Path.GetDirectoryName(path)!).Configure(options);
        await using (var db = new AppDb(options.Options))
        {
            await db.Database.MigrateAsync();
            await new CatalogLoader(db).LoadAsync(CatalogLoader.DefaultDirectory, CancellationToken.None);
            await ProgrammeCatalog.LoadAsync(db, DateTime.UtcNow, CancellationToken.None);
            var communes = await db.AdminUnits.AsNoTracking().ValidOn(CatalogLoader.ReformDate)
                .Where(u => u.Level == AdminLevel.Commune && u.ProvinceCode == province).OrderBy(u => u.Code).ToListAsync();
            var now = DateTime.UtcNow;
            var random = new Random(42);
            await using var transaction = await db.Database.BeginTransactionAsync();
            var establish = new UnitEvent { Type = UnitEventType.Establish, EffectiveDate = CatalogLoader.ReformDate, ProvinceCode = province, RecordedAt = now, Note = "Dữ liệu đo hiệu năng" };
            await db.BulkInsertAsync([establish], CancellationToken.None);
            var unitRows = Enumerable.Range(0, units).Select(i => new ResidentialUnit
            {
                ProvinceCode = province, CurrentCommuneId = communes[i % communes.Count].Id, HouseholdCount = 150 + i % 300, IsDemo = true, CreatedAt = now, UpdatedAt = now,
            }).ToList();
            await db.BulkInsertAsync(unitRows, CancellationToken.None);
            var periods = unitRows.Select((u, i) =>
            {
                var commune = communes[i % communes.Count];
                var kind = commune.Type == AdminUnitType.Ward ? UnitKind.ResidentialGroup : UnitKind.Village;
                var name = $"{(kind == UnitKind.Village ? "Thôn" : "Tổ dân phố")} {i / communes.Count + 1}";
                return new ResidentialUnitPeriod
                {
                    UnitId = u.Id, CommuneId = commune.Id, ProvinceCode = province, Name = name, NameKey = VietnameseText.NameKey(name), SearchName = VietnameseText.Fold(name),
                    Kind = kind, ValidFrom = CatalogLoader.ReformDate, OpenedByEventId = establish.Id,
                };
            }).ToList();
            await db.BulkInsertAsync(periods, CancellationToken.None);
            Person NewPerson(ResidentialUnit unit, int born)
            {
                var person = new Person
                {
                    ProvinceCode = province, CommuneId = unit.CurrentCommuneId, FullName = "", SearchName = "", SortKey = "", ResidenceUnitId = unit.Id,
                    Gender = random.NextDouble() < 0.8 ? Gender.Male : Gender.Female, DateOfBirth = new DateOnly(born, 1 + random.Next(12), 1 + random.Next(28)),
                    EthnicityCode = random.NextDouble() < 0.7 ? "01" : "06", PartyMember = random.NextDouble() < 0.6, IsDemo = true, CreatedAt = now, UpdatedAt = now,
                };
                person.SetName($"{Families[random.Next(Families.Length)]} {Middles[random.Next(Middles.Length)]} {Given[random.Next(Given.Length)]}");
                return person;
            }
            var people = new List<Person>();
            var plan = new List<(int Person, ResidentialUnit Unit, Position Position, TenureMode Mode)>();
            foreach (var unit in unitRows)
            {
                people.Add(NewPerson(unit, 1960 + random.Next(40)));
                var head = people.Count - 1;
                plan.Add((head, unit, Position.UnitHead, TenureMode.Elected));
                people.Add(NewPerson(unit, 1965 + random.Next(38)));
                plan.Add((people.Count - 1, unit, Position.DeputyHead, TenureMode.Recognized));
                if (random.NextDouble() < 0.4) plan.Add((head, unit, Position.PartyCellSecretary, TenureMode.Concurrent));
                else
                {
                    people.Add(NewPerson(unit, 1955 + random.Next(40)));
                    plan.Add((people.Count - 1, unit, Position.PartyCellSecretary, TenureMode.Elected));
                }
            }
            await db.BulkInsertAsync(people, CancellationToken.None);
            var tenures = plan.Select(p => new Tenure
            {
                ProvinceCode = province, CommuneId = p.Unit.CurrentCommuneId, UnitId = p.Unit.Id, PersonId = people[p.Person].Id, Position = p.Position, Mode = p.Mode,
                TermLabel = "2025-2030", StartDate = new DateOnly(2025, 8, 1), CreatedAt = now, UpdatedAt = now,
            }).ToList();
            await db.BulkInsertAsync(tenures, CancellationToken.None);
            await transaction.CommitAsync();
            return (options.Options, communes, tenures.Count);
        }
    }

    /// <summary>Folds the WAL into the database file, so that a plain copy of the file carries it whole.</summary>
    public static async Task CheckpointAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;";
        await command.ExecuteNonQueryAsync();
    }
}
