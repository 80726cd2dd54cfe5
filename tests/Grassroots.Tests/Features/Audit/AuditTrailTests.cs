using System.Data.Common;
using System.Globalization;
using System.Text;
using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Features.Audit;
using Grassroots.Features.Units;
using Grassroots.Features.Units.Import;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;

namespace Grassroots.Tests.Features.Audit;

/// <summary>
/// The audit trail as the use cases write it: one record per changed row, with who, when (the injected clock), what
/// entity and id, the use case, and before/after values; in the same transaction as the change; never changed afterwards.
/// </summary>
public sealed class AuditTrailTests
{
    private readonly FixedClock _clock = new();
    private static readonly CancellationToken Ct = CancellationToken.None;

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    [Fact]
    public async Task Establishing_a_unit_records_who_when_what_and_the_new_values()
    {
        await using var database = await TestDatabase.CreateAsync();
        var access = await OfficerAsync(database, "can-bo-da-bac", UnitBuilder.Xa);
        await using var db = NewDb(database, access);

        var unit = await UnitBuilder.EstablishAsync(db, _clock, "Thôn Suối Hoa", households: 215);

        var created = await EventsAsync(database, nameof(ResidentialUnit), unit.Id);
        var row = Assert.Single(created);
        Assert.Equal(("create", "establish"), (row.Action, row.Operation));
        Assert.Equal("can-bo-da-bac", row.UserName);
        Assert.Equal(access.UserId, row.UserId);
        Assert.Equal(Now, row.At);
        Assert.Equal(DateTimeKind.Utc, row.At.Kind);
        Assert.Equal("25", row.ProvinceCode);
        Assert.Equal(unit.CurrentCommuneId, row.CommuneId);
        AssertChange(row, "HouseholdCount", null, "215");
        var period = Assert.Single(await EventsAsync(database, nameof(ResidentialUnitPeriod), unit.Periods[0].Id));
        AssertChange(period, "Name", null, "Thôn Suối Hoa");
        Assert.Equal("establish", period.Operation);
    }

    [Fact]
    public async Task Updating_a_unit_records_before_and_after()
    {
        await using var database = await TestDatabase.CreateAsync();
        var unit = await EstablishAsync(database, "Thôn Bến", households: 200);
        var access = await OfficerAsync(database, "can-bo-sua", UnitBuilder.Xa);
        await using (var db = NewDb(database, access))
        {
            var result = await new UpdateUnit(db, _clock).RunAsync(new UpdateUnitInput(unit.Id, unit.Version, 250, null, null, null, "thôn"), Ct);
            Assert.True(result.Succeeded, Describe(result.Errors));
        }

        var row = (await EventsAsync(database, nameof(ResidentialUnit), unit.Id)).First(e => e.Action == "update");
        Assert.Equal(("update", "can-bo-sua"), (row.Operation, row.UserName));
        AssertChange(row, "HouseholdCount", "200", "250");
        AssertChange(row, "Version", unit.Version.ToString(CultureInfo.InvariantCulture), (unit.Version + 1).ToString(CultureInfo.InvariantCulture));
        Assert.DoesNotContain(row.Changes, c => c.Field == "Population");
    }

    [Fact]
    public async Task Deleting_a_unit_records_the_values_it_had()
    {
        await using var database = await TestDatabase.CreateAsync();
        var unit = await EstablishAsync(database, "Thôn Nhập Nhầm", households: 120);
        await using (var db = NewDb(database))
            Assert.True((await new DeleteUnit(db).RunAsync(unit.Id, unit.Version, Ct)).Succeeded);

        var row = (await EventsAsync(database, nameof(ResidentialUnit), unit.Id)).Single(e => e.Action == "delete");
        Assert.Equal("delete", row.Operation);
        Assert.Equal("(hệ thống)", row.UserName);
        AssertChange(row, "HouseholdCount", "120", null);
        Assert.Contains(await EventsAsync(database, nameof(ResidentialUnitPeriod), unit.Periods[0].Id), e => e.Action == "delete");
    }

    [Fact]
    public async Task Rows_written_by_an_import_carry_the_import_operation()
    {
        await using var database = await TestDatabase.CreateAsync();
        var existing = await EstablishAsync(database, "Thôn Cũ", households: 200);
        var file = Encoding.UTF8.GetBytes(
            "Mã đơn vị,Phiên bản,Mã xã/phường,Tên thôn/tổ dân phố,Loại,Số hộ\r\n" +
            $",,{UnitBuilder.Xa},Thôn Mới Nhập,Thôn,180\r\n" +
            $"{existing.Id},{existing.Version},{UnitBuilder.Xa},Thôn Cũ,Thôn,260\r\n");
        long before;
        await using (var db = NewDb(database))
        {
            before = await db.AuditEvents.MaxAsync(e => e.Id);
            var import = new ImportUnits(db, new EstablishUnit(db, _clock), new UpdateUnit(db, _clock), _clock, new ConfigurationBuilder().Build());
            var report = await import.RunAsync(new MemoryStream(file), dryRun: false, Ct);
            Assert.True(report.Applied, string.Join("; ", report.Errors.Select(e => e.Message)));
        }

        await using var read = NewDb(database);
        var rows = await read.AuditEvents.Where(e => e.Id > before).ToListAsync();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal("import", r.Operation));
        Assert.Contains(rows, r => r.EntityType == nameof(ResidentialUnitPeriod) && r.Action == "create" &&
                                   AuditRow.From(r, true).Changes.Any(c => c.Field == "Name" && c.After == "Thôn Mới Nhập"));
        var update = AuditRow.From(rows.Single(r => r.EntityType == nameof(ResidentialUnit) && r.Action == "update"), revealPersonal: true);
        Assert.Equal(existing.Id.ToString(CultureInfo.InvariantCulture), update.EntityId);
        AssertChange(update, "HouseholdCount", "200", "260");
    }

    [Fact]
    public async Task A_merge_records_every_row_it_touches_as_a_merge()
    {
        await using var database = await TestDatabase.CreateAsync();
        var a = await EstablishAsync(database, "Thôn Đông", households: 100);
        var b = await EstablishAsync(database, "Thôn Tây", households: 80);
        long before;
        ResidentialUnit merged;
        await using (var db = NewDb(database, await OfficerAsync(database, "can-bo-sap-nhap", UnitBuilder.Xa)))
        {
            before = await db.AuditEvents.IgnoreQueryFilters().MaxAsync(e => e.Id);
            var result = await new MergeUnits(db, _clock).RunAsync(new MergeUnitsInput(
                [new(a.Id, a.Version, 70m), new(b.Id, b.Version, 65m)], new DateOnly(2026, 6, 1), AdjacencyConfirmed: true, NewName: "Thôn Đông Tây"), Ct);
            Assert.True(result.Succeeded, Describe(result.Errors));
            merged = result.Value!;
        }

        await using var read = NewDb(database);
        var rows = (await read.AuditEvents.Where(e => e.Id > before).ToListAsync()).Select(e => AuditRow.From(e, true)).ToList();
        Assert.All(rows, r => Assert.Equal(("merge", "can-bo-sap-nhap"), (r.Operation, r.UserName)));
        Assert.Contains(rows, r => r.EntityType == nameof(ResidentialUnit) && r.Action == "create" && r.EntityId == merged.Id.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(2, rows.Count(r => r.EntityType == nameof(UnitLineage) && r.Action == "create"));
        var closed = rows.Single(r => r.EntityType == nameof(ResidentialUnit) && r.EntityId == a.Id.ToString(CultureInfo.InvariantCulture));
        AssertChange(closed, "Status", nameof(UnitStatus.Active), nameof(UnitStatus.Merged));
        Assert.Equal("Trạng thái: Đang hoạt động → Đã sáp nhập", AuditNames.Changes(closed.Changes.Where(c => c.Field == "Status").ToList()).Single());
        Assert.Equal("Sửa (Sáp nhập)", AuditNames.What(closed.Action, closed.Operation));
    }

    [Fact]
    public async Task A_dated_change_is_named_by_its_event_type()
    {
        await using var database = await TestDatabase.CreateAsync();
        var unit = await EstablishAsync(database, "Thôn Gốc");
        await using (var db = NewDb(database))
        {
            var result = await new RenameUnit(db, _clock).RunAsync(new RenameUnitInput(new UnitChangeInput(unit.Id, unit.Version, new DateOnly(2026, 3, 1)), "Thôn Đổi Tên"), Ct);
            Assert.True(result.Succeeded, Describe(result.Errors));
        }
        var rows = await EventsAsync(database, nameof(ResidentialUnit), unit.Id);
        Assert.Equal("rename", rows.Single(r => r.Action == "update").Operation);
    }

    [Fact]
    public async Task A_permission_granted_by_the_administrator_is_recorded()
    {
        await using var database = await TestDatabase.CreateAsync();
        var admin = await SignedInAsync(database, "quan-tri", Role.SystemAdmin, null);
        var officer = await OfficerAsync(database, "can-bo-moi", UnitBuilder.Xa);
        int grantId;
        await using (var db = NewDb(database, admin))
        {
            var commune = await db.FindCommuneAsync(UnitBuilder.OtherXa, FixedClock.DefaultToday, Ct);
            var grant = new UserGrant { UserId = officer.UserId!.Value, Role = Role.CommuneOfficer, AdminUnitId = commune!.Id, CreatedAt = Now };
            db.UserGrants.Add(grant);
            await db.SaveChangesAsync(Ct);
            grantId = grant.Id;
        }

        var row = Assert.Single(await EventsAsync(database, nameof(UserGrant), grantId));
        Assert.Equal(("create", "quan-tri", Now), (row.Action, row.UserName, row.At));
        AssertChange(row, "UserId", null, officer.UserId.Value.ToString(CultureInfo.InvariantCulture));
        AssertChange(row, "Role", null, nameof(Role.CommuneOfficer));
        Assert.Contains("Vai trò: (trống) → Công chức cấp xã", AuditNames.Changes(row.Changes));
        Assert.Equal("Phân quyền", AuditNames.Entity(row.EntityType));
    }

    // ---- same transaction ----

    [Fact]
    public async Task When_the_audit_record_cannot_be_written_the_change_is_not_saved_either()
    {
        await using var database = await TestDatabase.CreateAsync();
        var unit = await EstablishAsync(database, "Thôn Nguyên Vẹn", households: 200);
        await using (var db = NewDb(database, interceptor: new FailAuditInsert()))
        {
            var result = await Assert.ThrowsAnyAsync<Exception>(() => new UpdateUnit(db, _clock).RunAsync(
                new UpdateUnitInput(unit.Id, unit.Version, 999, null, null, null, "thôn"), Ct));
            Assert.Contains(FailAuditInsert.Message, result.ToString());
        }

        await using var read = NewDb(database);
        Assert.Equal(200, (await read.ResidentialUnits.SingleAsync(u => u.Id == unit.Id)).HouseholdCount);
        Assert.DoesNotContain(await EventsAsync(database, nameof(ResidentialUnit), unit.Id), r => r.Action == "update");
    }

    [Fact]
    public async Task A_change_that_loses_a_concurrency_race_leaves_no_audit_record()
    {
        await using var database = await TestDatabase.CreateAsync();
        var unit = await EstablishAsync(database, "Thôn Tranh Chấp", households: 200);
        await using var first = NewDb(database);
        await using var second = NewDb(database);
        var mine = await first.ResidentialUnits.SingleAsync(u => u.Id == unit.Id);
        var theirs = await second.ResidentialUnits.SingleAsync(u => u.Id == unit.Id);
        theirs.HouseholdCount = 300;
        theirs.Touch(Now);
        await second.SaveChangesAsync(Ct);
        mine.HouseholdCount = 400;
        mine.Touch(Now);

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => first.SaveChangesAsync(Ct));

        var update = Assert.Single(await EventsAsync(database, nameof(ResidentialUnit), unit.Id), r => r.Action == "update");
        AssertChange(update, "HouseholdCount", "200", "300");
    }

    [Fact]
    public async Task A_write_outside_the_users_scope_leaves_no_audit_record()
    {
        await using var database = await TestDatabase.CreateAsync();
        var access = await OfficerAsync(database, "can-bo-ngoai-pham-vi", UnitBuilder.Xa);
        long before;
        await using (var read = NewDb(database)) before = await read.AuditEvents.MaxAsync(e => e.Id);
        await using (var db = NewDb(database, access))
            await Assert.ThrowsAsync<OutOfScopeException>(() => new EstablishUnit(db, _clock).RunAsync(
                new EstablishUnitInput(UnitBuilder.OtherXa, "Thôn Ngoài Phạm Vi", UnitKind.Village, "thôn", UnitBuilder.Reform), Ct));

        await using var check = NewDb(database);
        Assert.False(await check.AuditEvents.AnyAsync(e => e.Id > before));
        Assert.False(await check.ResidentialUnitPeriods.AnyAsync(p => p.Name == "Thôn Ngoài Phạm Vi"));
    }

    // ---- the trail cannot be changed ----

    [Fact]
    public async Task Audit_records_can_be_neither_changed_nor_deleted()
    {
        await using var database = await TestDatabase.CreateAsync();
        var unit = await EstablishAsync(database, "Thôn Bất Biến");
        var id = (await EventsAsync(database, nameof(ResidentialUnit), unit.Id)).Single().Id;

        await using (var db = NewDb(database))
        {
            var record = await db.AuditEvents.SingleAsync(e => e.Id == id);
            record.UserName = "người khác";
            var changed = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync(Ct));
            Assert.Contains("audit trail cannot be changed", changed.Message);
        }
        await using (var db = NewDb(database))
        {
            db.AuditEvents.Remove(await db.AuditEvents.SingleAsync(e => e.Id == id));
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync(Ct));
            db.ChangeTracker.Clear();
            db.AuditEvents.Remove(await db.AuditEvents.SingleAsync(e => e.Id == id));
            Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
        }
        var after = Assert.Single(await EventsAsync(database, nameof(ResidentialUnit), unit.Id));
        Assert.Equal("(hệ thống)", after.UserName);
    }

    // ---- personal identifiers ----

    [Fact]
    public async Task Personal_identifiers_are_masked_for_users_without_the_permission()
    {
        await using var database = await TestDatabase.CreateAsync();
        var user = new AppUser { UserName = "nguoi-co-so-dien-thoai", FullName = "Nguyễn Thị Lan", PhoneNumber = "0912345678", Email = "lan.nguyen@example.vn", CreatedAt = Now };
        await using (var db = NewDb(database))
        {
            db.Users.Add(user);
            await db.SaveChangesAsync(Ct);
        }
        AuditEvent record;
        await using (var db = NewDb(database))
            record = await db.AuditEvents.SingleAsync(e => e.EntityType == nameof(AppUser) && e.EntityId == user.Id.ToString(CultureInfo.InvariantCulture));

        // No role holds ViewAudit without ViewPersonalIdentifiers yet, so the masking is checked with such an access directly.
        var withoutPermission = CurrentAccess.Anonymous();
        Assert.False(AuditQueries.RevealsPersonal(withoutPermission));
        var masked = AuditRow.From(record, AuditQueries.RevealsPersonal(withoutPermission));
        AssertChange(masked, "PhoneNumber", null, "09****78");
        AssertChange(masked, "Email", null, "la****vn");
        AssertChange(masked, "FullName", null, "Nguyễn Thị Lan");
        Assert.DoesNotContain("0912345678", string.Join(" ", AuditNames.Changes(masked.Changes)));

        var officer = await OfficerAsync(database, "can-bo-xem-so-dinh-danh", UnitBuilder.Xa);
        Assert.True(AuditQueries.RevealsPersonal(officer));
        AssertChange(AuditRow.From(record, AuditQueries.RevealsPersonal(officer)), "PhoneNumber", null, "0912345678");
        AssertChange(AuditRow.From(record, AuditQueries.RevealsPersonal(CurrentAccess.System())), "Email", null, "lan.nguyen@example.vn");
    }

    [Theory]
    [InlineData("AppUser", "PhoneNumber", true)]
    [InlineData("AppUser", "Email", true)]
    [InlineData("Person", "NationalId", true)]
    [InlineData("Person", "IdentityNumber", true)]
    [InlineData("Person", "DateOfBirth", true)]
    [InlineData("Person", "BirthDate", true)]
    [InlineData("Person", "Phone", true)]
    [InlineData("ResidentialUnit", "PhoneNumber", true)]
    [InlineData("ResidentialUnit", "Email", false)]
    [InlineData("AppUser", "FullName", false)]
    [InlineData("ResidentialUnit", "HouseholdCount", false)]
    public void Personal_fields_are_listed_in_one_place(string entity, string field, bool personal) =>
        Assert.Equal(personal, PersonalData.IsPersonal(entity, field));

    [Theory]
    [InlineData("0912345678", "09****78")]
    [InlineData("001090012345", "00****45")]
    [InlineData("1990-05-17", "19****17")]
    [InlineData("123456", "****")]
    [InlineData("12", "****")]
    [InlineData("", "")]
    [InlineData(null, null)]
    public void Masking_keeps_two_characters_at_each_end_and_hides_the_length(string? value, string? expected) =>
        Assert.Equal(expected, PersonalData.Mask(value));

    // ---- queries ----

    [Fact]
    public async Task Date_filters_are_Vietnamese_calendar_days_and_pages_follow_a_keyset_cursor()
    {
        await using var database = await TestDatabase.CreateAsync();
        // 16:59 UTC is 23:59 of the same day in Hà Nội; 17:30 UTC is already 00:30 of the next day.
        var times = new[] { (20, 16, 59), (20, 17, 30), (21, 2, 0), (21, 16, 59), (21, 17, 0) };
        foreach (var (day, hour, minute) in times)
        {
            _clock.Now = new DateTimeOffset(2026, 11, day, hour, minute, 0, TimeSpan.Zero);
            await using var db = NewDb(database);
            db.Record("logout", nameof(AppUser), "loc-ngay", "Đăng xuất");
            await db.SaveChangesAsync(Ct);
        }
        await using var read = NewDb(database);
        var onThe21st = await read.Matching(new AuditFilter(EntityId: "loc-ngay", From: new(2026, 11, 21), To: new(2026, 11, 21))).ToListAsync();
        Assert.Equal([new DateTime(2026, 11, 21, 16, 59, 0), new DateTime(2026, 11, 21, 2, 0, 0), new DateTime(2026, 11, 20, 17, 30, 0)],
            onThe21st.Select(e => DateTime.SpecifyKind(e.At, DateTimeKind.Unspecified)).ToList());
        Assert.Single(await read.Matching(new AuditFilter(EntityId: "loc-ngay", To: new(2026, 11, 20))).ToListAsync());
        Assert.Single(await read.Matching(new AuditFilter(EntityId: "loc-ngay", From: new(2026, 11, 22))).ToListAsync());
        Assert.Equal("21/11/2026 00:30:00", AuditNames.Time(onThe21st[^1].At));

        var filter = new AuditFilter(EntityId: "loc-ngay", UserName: "(HỆ THỐNG)");
        var first = await AuditQueries.PageAsync(read, filter, null, 2, Ct);
        var second = await AuditQueries.PageAsync(read, filter, first.NextBefore, 2, Ct);
        var third = await AuditQueries.PageAsync(read, filter, second.NextBefore, 2, Ct);
        var ids = first.Items.Concat(second.Items).Concat(third.Items).Select(r => r.Id).ToList();
        Assert.Equal(5, ids.Distinct().Count());
        Assert.Equal(ids.OrderByDescending(i => i).ToList(), ids);
        Assert.Equal((2, 2, 1), (first.Items.Count, second.Items.Count, third.Items.Count));
        Assert.Null(third.NextBefore);
    }

    [Fact]
    public void Filters_reject_unreadable_dates_and_reversed_ranges()
    {
        Assert.Equal("invalid_date", AuditFilter.Parse(null, null, null, null, "31/02/2026", null, null, null).Errors.Single().Code);
        Assert.Equal("invalid_date_range", AuditFilter.Parse(null, null, null, null, "22/11/2026", "2026-11-21", null, null).Errors.Single().Code);
        var ok = AuditFilter.Parse(" admin ", null, "ResidentialUnit", " ", "01/11/2026", "2026-11-21", "25", "04831").ValueOrThrow;
        Assert.Equal(new AuditFilter("admin", null, "ResidentialUnit", null, new(2026, 11, 1), new(2026, 11, 21), "25", "04831"), ok);
    }

    // ---- helpers ----

    private AppDb NewDb(TestDatabase database, CurrentAccess? access = null, IInterceptor? interceptor = null)
    {
        var options = new DbContextOptionsBuilder<AppDb>();
        database.Settings.Configure(options);
        if (interceptor is not null) options.AddInterceptors(interceptor);
        return new AppDb(options.Options, access, _clock);
    }

    private async Task<ResidentialUnit> EstablishAsync(TestDatabase database, string name, int? households = 200)
    {
        await using var db = NewDb(database);
        return await UnitBuilder.EstablishAsync(db, _clock, name, households: households);
    }

    private async Task<CurrentAccess> OfficerAsync(TestDatabase database, string userName, string communeCode) =>
        await SignedInAsync(database, userName, Role.CommuneOfficer, communeCode);

    /// <summary>A user holding one role (over a commune, or the country) and the access they get when they sign in.</summary>
    private async Task<CurrentAccess> SignedInAsync(TestDatabase database, string userName, Role role, string? communeCode)
    {
        await using var db = NewDb(database);
        var commune = communeCode is null ? null : await db.FindCommuneAsync(communeCode, FixedClock.DefaultToday, Ct);
        var user = new AppUser { UserName = userName, FullName = userName, CreatedAt = Now };
        user.Grants.Add(new UserGrant { Role = role, AdminUnitId = commune?.Id, CreatedAt = Now });
        db.Users.Add(user);
        await db.SaveChangesAsync(Ct);
        var access = CurrentAccess.Anonymous();
        await access.SignInAsync(db, user.Id, Ct);
        return access;
    }

    private async Task<List<AuditRow>> EventsAsync(TestDatabase database, string entityType, int id)
    {
        await using var db = NewDb(database);
        var key = id.ToString(CultureInfo.InvariantCulture);
        return (await db.AuditEvents.Where(e => e.EntityType == entityType && e.EntityId == key).OrderBy(e => e.Id).ToListAsync())
            .Select(e => AuditRow.From(e, revealPersonal: true)).ToList();
    }

    private static void AssertChange(AuditRow row, string field, string? before, string? after)
    {
        var change = row.Changes.SingleOrDefault(c => c.Field == field);
        Assert.True(change is not null, $"No change of {field} in {row.Action} {row.EntityType} {row.EntityId}: {string.Join(", ", row.Changes)}");
        Assert.Equal((before, after), (change.Before, change.After));
    }

    private static string Describe(IReadOnlyList<Error> errors) => string.Join("; ", errors.Select(e => e.Message));

    /// <summary>Fails every insert into the audit trail, to show that the change it records is rolled back with it.</summary>
    private sealed class FailAuditInsert : DbCommandInterceptor
    {
        public const string Message = "audit insert refused by the test";

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Check(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Check(command);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        private static void Check(DbCommand command)
        {
            // SQLite quotes the table name, PostgreSQL does not need to.
            if (command.CommandText.Replace("\"", "", StringComparison.Ordinal).Contains("INSERT INTO audit_events", StringComparison.Ordinal))
                throw new InvalidOperationException(Message);
        }
    }
}
