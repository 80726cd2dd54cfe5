using System.Text.Json;
using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Features.People;
using Grassroots.Features.Units;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Tests.Data;

/// <summary>
/// The bulk path (prepared inserts on SQLite, COPY on PostgreSQL) stores what SaveChanges would store, sets the
/// generated keys, audits each record and refuses what lies outside the user's scope.
/// </summary>
public sealed class BulkInsertTests
{
    private static readonly FixedClock Clock = new();
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static AppDb NewDb(TestDatabase database, CurrentAccess? access = null)
    {
        var options = new DbContextOptionsBuilder<AppDb>();
        database.Settings.Configure(options);
        return new AppDb(options.Options, access, Clock);
    }

    private static Person NewPerson(ResidentialUnit unit, string name, string nationalId)
    {
        var person = new Person
        {
            ProvinceCode = unit.ProvinceCode, CommuneId = unit.CurrentCommuneId, FullName = "", SearchName = "", SortKey = "",
            Gender = Gender.Female, DateOfBirth = new DateOnly(1981, 2, 3), EthnicityCode = "06", NationalId = nationalId, Phone = "0912345678",
            ResidenceUnitId = unit.Id, LivesInUnit = false, PartyMember = true, PartyAdmissionDate = new DateOnly(2005, 5, 19),
            PartyStatus = PartyStatus.Probationary, GeneralEducation = "12/12", CreatedAt = Clock.GetUtcNow().UtcDateTime, UpdatedAt = Clock.GetUtcNow().UtcDateTime,
        };
        person.SetName(name);
        return person;
    }

    [Fact]
    public async Task Bulk_rows_read_back_like_saved_ones_with_keys_and_audit()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = NewDb(database);
        var unit = await UnitBuilder.EstablishAsync(db, Clock, "Thôn Suối Hoa");
        var saved = NewPerson(unit, "Hà Thị Lan", "017181001234");
        db.People.Add(saved);
        await db.SaveChangesAsync(Ct);
        db.ChangeTracker.Clear();

        List<Person> people = [NewPerson(unit, "Bùi Thị Mai", "017181001235"), NewPerson(unit, "Đinh Thị Đào", "017181001236")];
        var tenure = new Tenure
        {
            ProvinceCode = unit.ProvinceCode, CommuneId = unit.CurrentCommuneId, UnitId = unit.Id, Position = Position.DeputyHead, Mode = TenureMode.Recognized,
            TermLabel = "2025-2030", StartDate = new DateOnly(2025, 8, 1), EndDate = new DateOnly(2026, 1, 31), EndReason = EndReason.RelievedVoluntary,
            CreatedAt = Clock.GetUtcNow().UtcDateTime, UpdatedAt = Clock.GetUtcNow().UtcDateTime,
        };
        db.Operation = "bulk-test";
        await using (var transaction = await db.Database.BeginTransactionAsync(Ct))
        {
            await db.BulkInsertAsync(people, Ct);
            tenure.PersonId = people[1].Id;
            await db.BulkInsertAsync([tenure], Ct);
            await transaction.CommitAsync(Ct);
        }

        Assert.All(people, p => Assert.True(p.Id > saved.Id));
        Assert.NotEqual(people[0].Id, people[1].Id);
        await using var check = NewDb(database);
        var stored = await check.People.AsNoTracking().OrderBy(p => p.Id).ToListAsync(Ct);
        Assert.Equal(3, stored.Count);
        foreach (var (expected, actual) in people.Zip(stored.Skip(1)))
        {
            Assert.Equal((expected.Id, expected.FullName, expected.SearchName, expected.SortKey, expected.Gender, expected.DateOfBirth, expected.NationalId),
                (actual.Id, actual.FullName, actual.SearchName, actual.SortKey, actual.Gender, actual.DateOfBirth, actual.NationalId));
            Assert.Equal((expected.PartyStatus, expected.PartyAdmissionDate, expected.LivesInUnit, expected.ResidenceUnitId, expected.CreatedAt),
                (actual.PartyStatus, actual.PartyAdmissionDate, actual.LivesInUnit, actual.ResidenceUnitId, actual.CreatedAt));
        }
        var readTenure = await check.Tenures.AsNoTracking().Include(t => t.Person).SingleAsync(Ct);
        Assert.Equal((tenure.Id, "Đinh Thị Đào", Position.DeputyHead, EndReason.RelievedVoluntary, new DateOnly(2026, 1, 31)),
            (readTenure.Id, readTenure.Person!.FullName, readTenure.Position, readTenure.EndReason!.Value, readTenure.EndDate!.Value));
        // Names sort alike for both paths (the ordinal collation over the stored key).
        Assert.Equal(["Đinh Thị Đào", "Hà Thị Lan", "Bùi Thị Mai"],
            await check.People.OrderBy(p => EF.Functions.Collate(p.SortKey, check.OrdinalCollation)).Select(p => p.FullName).ToListAsync(Ct));

        // The audit rows have the shape SaveChanges gives them.
        var audits = await check.AuditEvents.AsNoTracking().Where(e => e.EntityType == nameof(Person)).OrderBy(e => e.Id).ToListAsync(Ct);
        Assert.Equal([saved.Id.ToString(), people[0].Id.ToString(), people[1].Id.ToString()], audits.Select(a => a.EntityId));
        Assert.All(audits, a => Assert.Equal(("create", "25", unit.CurrentCommuneId), (a.Action, a.ProvinceCode, a.CommuneId)));
        Assert.Equal(["bulk-test", "bulk-test"], audits.Skip(1).Select(a => a.Operation));
        var viaSave = JsonDocument.Parse(audits[0].Changes!).RootElement.EnumerateObject().Select(p => p.Name).ToList();
        var viaBulk = JsonDocument.Parse(audits[1].Changes!).RootElement;
        Assert.Equal(viaSave, viaBulk.EnumerateObject().Select(p => p.Name).ToList());
        Assert.Equal("Probationary", viaBulk.GetProperty("PartyStatus")[1].GetString());
        Assert.Single(await check.AuditEvents.Where(e => e.EntityType == nameof(Tenure) && e.EntityId == tenure.Id.ToString()).ToListAsync(Ct));

        // A row a unique index refuses fails the insert with the database's own error (callers tell a conflict by it).
        await using (var transaction = await db.Database.BeginTransactionAsync(Ct))
        {
            var error = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.BulkInsertAsync([NewPerson(unit, "Hà Thị Lan", "017181001236")], Ct));
            Assert.True(Grassroots.Features.Training.Enrolments.EnrolmentRules.IsUniqueViolation(error), error.Message);
            await transaction.RollbackAsync(Ct);
        }
        Assert.Equal(3, await check.People.CountAsync(Ct));

        // The same record twice in one call is refused before anything is written (it would take two keys).
        var twice = NewPerson(unit, "Lò Thị Xuân", "017181001239");
        await using (var transaction = await db.Database.BeginTransactionAsync(Ct))
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.BulkInsertAsync([twice, twice], Ct));
            await transaction.RollbackAsync(Ct);
        }
        Assert.Equal(3, await check.People.CountAsync(Ct));
    }

    [Fact]
    public async Task Bulk_rows_outside_the_users_scope_are_refused_and_nothing_stays()
    {
        await using var database = await TestDatabase.CreateAsync();
        ResidentialUnit here, there;
        int userId;
        await using (var db = NewDb(database))
        {
            here = await UnitBuilder.EstablishAsync(db, Clock, "Thôn Ở Đây");
            there = await UnitBuilder.EstablishAsync(db, Clock, "Thôn Ở Xa", UnitBuilder.OtherXa);
            var commune = await db.FindCommuneAsync(UnitBuilder.Xa, Clock.Today(), Ct);
            var user = new AppUser { UserName = "cb.dabac", FullName = "cb.dabac", CreatedAt = Clock.GetUtcNow().UtcDateTime };
            user.Grants.Add(new UserGrant { Role = Role.CommuneOfficer, AdminUnitId = commune!.Id, CreatedAt = Clock.GetUtcNow().UtcDateTime });
            db.Users.Add(user);
            await db.SaveChangesAsync(Ct);
            userId = user.Id;
        }
        var access = CurrentAccess.Anonymous();
        await using (var system = NewDb(database)) await access.SignInAsync(system, userId, Ct);

        await using var officer = NewDb(database, access);
        await using (var transaction = await officer.Database.BeginTransactionAsync(Ct))
        {
            await officer.BulkInsertAsync([NewPerson(here, "Bùi Thị Mai", "017181001235")], Ct);
            await Assert.ThrowsAsync<OutOfScopeException>(() => officer.BulkInsertAsync([NewPerson(there, "Lê Thị Xa", "017181001236")], Ct));
            await transaction.RollbackAsync(Ct);
        }
        await Assert.ThrowsAsync<InvalidOperationException>(() => officer.BulkInsertAsync([NewPerson(here, "Hà Thị Lan", "017181001237")], Ct));
        await using var check = NewDb(database);
        Assert.Equal(0, await check.People.CountAsync(Ct));
    }
}
