using Grassroots.Features.Accounts;
using Grassroots.Features.Audit;
using Grassroots.Features.People;
using Grassroots.Features.Training;
using Grassroots.Features.Units;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Data;

/// <summary>
/// The database. Besides mapping, it is the one place where jurisdiction is enforced: query filters limit every read
/// of scoped data to what the current user may see, and <see cref="SaveChangesAsync(bool, CancellationToken)"/> refuses
/// writes outside what they may change and records every change in the audit trail, in the same transaction.
/// Constructed without a <see cref="CurrentAccess"/> (tests, tools) it acts as the system: everything, no user.
/// </summary>
public sealed partial class AppDb(DbContextOptions<AppDb> options, CurrentAccess? access = null, TimeProvider? time = null)
    : IdentityUserContext<AppUser, int>(options)
{
    public CurrentAccess Access { get; } = access ?? CurrentAccess.System();

    /// <summary>The clock audit records are stamped with.</summary>
    public TimeProvider Time { get; } = time ?? TimeProvider.System;

    public DbSet<AdminUnit> AdminUnits => Set<AdminUnit>();
    public DbSet<AdminUnitTypeChange> AdminUnitTypeChanges => Set<AdminUnitTypeChange>();
    public DbSet<AdminUnitLineage> AdminUnitLineages => Set<AdminUnitLineage>();
    public DbSet<ProvinceUnitRules> ProvinceUnitRules => Set<ProvinceUnitRules>();
    public DbSet<ResidentialUnit> ResidentialUnits => Set<ResidentialUnit>();
    public DbSet<ResidentialUnitPeriod> ResidentialUnitPeriods => Set<ResidentialUnitPeriod>();
    public DbSet<UnitEvent> UnitEvents => Set<UnitEvent>();
    public DbSet<UnitLineage> UnitLineages => Set<UnitLineage>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<Tenure> Tenures => Set<Tenure>();
    public DbSet<TenureWarning> TenureWarnings => Set<TenureWarning>();
    public DbSet<Programme> Programmes => Set<Programme>();
    public DbSet<ProgrammeTopic> ProgrammeTopics => Set<ProgrammeTopic>();
    public DbSet<TrainingPlan> TrainingPlans => Set<TrainingPlan>();
    public DbSet<Course> Courses => Set<Course>();
    public DbSet<CourseClass> CourseClasses => Set<CourseClass>();
    public DbSet<CourseSession> CourseSessions => Set<CourseSession>();
    public DbSet<TargetGroup> TargetGroups => Set<TargetGroup>();
    public DbSet<Enrolment> Enrolments => Set<Enrolment>();
    public DbSet<Attendance> Attendances => Set<Attendance>();
    public DbSet<Certificate> Certificates => Set<Certificate>();
    public DbSet<FeedbackReceipt> FeedbackReceipts => Set<FeedbackReceipt>();
    public DbSet<FeedbackAnswer> FeedbackAnswers => Set<FeedbackAnswer>();
    public DbSet<CatalogInfo> CatalogInfo => Set<CatalogInfo>();
    public DbSet<UserGrant> UserGrants => Set<UserGrant>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    // What the query filters read; EF turns them into parameters on every query.
    private AccessScope UnitScope => Access.ScopeFor(Permission.ViewUnits);
    private AccessScope AuditScope => Access.ScopeFor(Permission.ViewAudit);
    public bool UnitScopeAll => UnitScope.All;
    public string[] UnitScopeProvinces => [.. UnitScope.Provinces];
    public int[] UnitScopeCommunes => [.. UnitScope.Communes];
    public int[] UnitScopeUnits => [.. UnitScope.Units];
    private AccessScope PeopleScope => Access.ScopeFor(Permission.ViewPeople);
    public bool PeopleScopeAll => PeopleScope.All;
    public string[] PeopleScopeProvinces => [.. PeopleScope.Provinces];
    public int[] PeopleScopeCommunes => [.. PeopleScope.Communes];
    public int[] PeopleScopeUnits => [.. PeopleScope.Units];
    public string[] PeopleScopeReachedProvinces => [.. PeopleScope.ReachedProvinces ?? []];
    public int[] PeopleScopeReachedCommunes => [.. PeopleScope.ReachedCommunes ?? []];
    public bool AuditScopeAll => AuditScope.All;
    public string[] AuditScopeProvinces => [.. AuditScope.Provinces];
    public int[] AuditScopeCommunes => [.. AuditScope.Communes];

    /// <summary>Name of the Vietnamese collation on this provider, for EF.Functions.Collate.</summary>
    public string VietnameseCollation => Database.IsNpgsql() ? "vi-VN-x-icu" : SqlitePragmas.CollationName;

    /// <summary>Byte-order collation on this provider, for sort keys built to compare that way.</summary>
    public string OrdinalCollation => Database.IsNpgsql() ? "C" : "BINARY";

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        b.Entity<AppUser>(e =>
        {
            e.ToTable("users");
            e.Property(x => x.FullName).HasMaxLength(150);
            // A plain column (SQLite cannot add a foreign key to an existing table): the link is checked where it is set.
            e.HasIndex(x => x.PersonId);
            e.HasMany(x => x.Grants).WithOne().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Microsoft.AspNetCore.Identity.IdentityUserClaim<int>>().ToTable("user_claims");
        b.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<int>>().ToTable("user_logins");
        b.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<int>>().ToTable("user_tokens");
        b.Entity<UserGrant>(e =>
        {
            e.ToTable("user_grants");
            e.Property(x => x.Role).HasConversion<string>().HasMaxLength(24);
            e.HasOne(x => x.AdminUnit).WithMany().HasForeignKey(x => x.AdminUnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.ResidentialUnit).WithMany().HasForeignKey(x => x.ResidentialUnitId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<AuditEvent>(e =>
        {
            e.ToTable("audit_events");
            e.Property(x => x.UserName).HasMaxLength(256);
            e.Property(x => x.IpAddress).HasMaxLength(64);
            e.Property(x => x.Action).HasMaxLength(32);
            e.Property(x => x.Operation).HasMaxLength(32);
            e.Property(x => x.EntityType).HasMaxLength(64);
            e.Property(x => x.EntityId).HasMaxLength(64);
            e.Property(x => x.ProvinceCode).HasMaxLength(2);
            e.Property(x => x.Summary).HasMaxLength(500);
            e.HasIndex(x => x.At);
            e.HasIndex(x => new { x.EntityType, x.EntityId });
            e.HasIndex(x => x.UserId);
            e.HasIndex(x => x.ProvinceCode);
            e.HasQueryFilter(x => AuditScopeAll || (x.ProvinceCode != null && AuditScopeProvinces.Contains(x.ProvinceCode))
                || (x.CommuneId != null && AuditScopeCommunes.Contains(x.CommuneId.Value)));
        });
        b.Entity<DataProtectionKey>(e =>
        {
            e.ToTable("data_protection_keys");
            e.Property(x => x.FriendlyName).HasMaxLength(200);
        });
        b.Entity<AdminUnit>(e =>
        {
            e.ToTable("admin_units");
            e.Property(x => x.Code).HasMaxLength(8);
            e.Property(x => x.Level).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Type).HasConversion<string>().HasMaxLength(24);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.FullName).HasMaxLength(150);
            e.Property(x => x.SearchName).HasMaxLength(150);
            e.Property(x => x.NameEn).HasMaxLength(150);
            e.Property(x => x.ProvinceCode).HasMaxLength(2);
            e.Property(x => x.Path).HasMaxLength(64);
            e.HasOne(x => x.Parent).WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.TypeChanges).WithOne().HasForeignKey(x => x.AdminUnitId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.Level, x.Code });
            e.HasIndex(x => x.Path);
            e.HasIndex(x => x.SearchName);
        });
        b.Entity<AdminUnitTypeChange>(e =>
        {
            e.ToTable("admin_unit_type_changes");
            e.Property(x => x.PreviousType).HasConversion<string>().HasMaxLength(24);
            e.Property(x => x.NewType).HasConversion<string>().HasMaxLength(24);
            e.Property(x => x.PreviousFullName).HasMaxLength(150);
            e.Property(x => x.NewFullName).HasMaxLength(150);
            e.Property(x => x.Basis).HasMaxLength(200);
        });
        b.Entity<AdminUnitLineage>(e =>
        {
            e.ToTable("admin_unit_lineages");
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Note).HasMaxLength(300);
            e.HasOne(x => x.Predecessor).WithMany().HasForeignKey(x => x.PredecessorId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Successor).WithMany().HasForeignKey(x => x.SuccessorId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<ProvinceUnitRules>(e =>
        {
            e.ToTable("province_unit_rules");
            e.Property(x => x.ProvinceCode).HasMaxLength(2);
            e.Property(x => x.Region).HasConversion<string>().HasMaxLength(32);
            e.Property(x => x.Source).HasMaxLength(200);
            // Database defaults fill the rows that existed before these columns; EF always sends the values it has.
            e.Property(x => x.TermYears).HasPrecision(3, 1).HasDefaultValue(5m).HasSentinel(-1m);
            e.Property(x => x.MaxDeputies).HasDefaultValue(1).HasSentinel(-1);
            e.Property(x => x.MinLeaderAge).HasDefaultValue(21).HasSentinel(-1);
            e.Property(x => x.ActingMaxMonths).HasDefaultValue(6).HasSentinel(-1);
            e.Property(x => x.MaxPaidTitles).HasDefaultValue(3).HasSentinel(-1);
            e.Property(x => x.LeaderSource).HasMaxLength(300).HasDefaultValue(Features.Units.ProvinceUnitRules.DefaultLeaderSource);
            e.HasIndex(x => x.ProvinceCode);
        });
        b.Entity<ResidentialUnit>(e =>
        {
            e.ToTable("residential_units");
            e.Property(x => x.ProvinceCode).HasMaxLength(2);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Classification).HasConversion<string>().HasMaxLength(8);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasMany(x => x.Periods).WithOne(x => x.Unit).HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<AdminUnit>().WithMany().HasForeignKey(x => x.CurrentCommuneId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => x.ProvinceCode);
            e.HasQueryFilter(u => UnitScopeAll || UnitScopeProvinces.Contains(u.ProvinceCode) || UnitScopeCommunes.Contains(u.CurrentCommuneId) || UnitScopeUnits.Contains(u.Id));
        });
        b.Entity<ResidentialUnitPeriod>(e =>
        {
            e.ToTable("residential_unit_periods");
            e.Property(x => x.ProvinceCode).HasMaxLength(2);
            e.Property(x => x.Name).HasMaxLength(150);
            e.Property(x => x.NameKey).HasMaxLength(150);
            e.Property(x => x.SearchName).HasMaxLength(150);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(24);
            e.Property(x => x.LocalLabel).HasMaxLength(40);
            e.HasOne(x => x.Commune).WithMany().HasForeignKey(x => x.CommuneId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.OpenedBy).WithMany().HasForeignKey(x => x.OpenedByEventId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.ClosedBy).WithMany().HasForeignKey(x => x.ClosedByEventId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.CommuneId, x.ValidFrom });
            e.HasIndex(x => new { x.CommuneId, x.NameKey });
            e.HasIndex(x => x.ProvinceCode);
            e.HasQueryFilter(p => UnitScopeAll || UnitScopeProvinces.Contains(p.Unit!.ProvinceCode) || UnitScopeCommunes.Contains(p.Unit.CurrentCommuneId) || UnitScopeUnits.Contains(p.UnitId));
        });
        b.Entity<UnitEvent>(e =>
        {
            e.ToTable("unit_events");
            e.Property(x => x.Type).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.DecisionNumber).HasMaxLength(60);
            e.Property(x => x.DecisionIssuer).HasMaxLength(200);
            e.Property(x => x.Note).HasMaxLength(1000);
            e.Property(x => x.ProvinceCode).HasMaxLength(2);
            e.HasMany(x => x.Lineage).WithOne().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => x.ProvinceCode);
            // An event is visible when a unit it opened or closed a period of is.
            e.HasQueryFilter(x => UnitScopeAll || ResidentialUnitPeriods.Any(p => p.OpenedByEventId == x.Id || p.ClosedByEventId == x.Id));
        });
        b.Entity<UnitLineage>(e =>
        {
            e.ToTable("unit_lineages");
            e.Property(x => x.ApprovalPercent).HasPrecision(5, 2);
            e.HasOne(x => x.Predecessor).WithMany().HasForeignKey(x => x.PredecessorId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Successor).WithMany().HasForeignKey(x => x.SuccessorId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(l => UnitScopeAll || UnitScopeProvinces.Contains(l.Successor!.ProvinceCode) || UnitScopeCommunes.Contains(l.Successor.CurrentCommuneId)
                || UnitScopeUnits.Contains(l.SuccessorId) || UnitScopeUnits.Contains(l.PredecessorId));
        });
        b.Entity<Person>(e =>
        {
            e.ToTable("people");
            e.Property(x => x.ProvinceCode).HasMaxLength(2);
            e.Property(x => x.FullName).HasMaxLength(100);
            e.Property(x => x.SearchName).HasMaxLength(100);
            e.Property(x => x.SortKey).HasMaxLength(250);
            e.Property(x => x.Gender).HasConversion<string>().HasMaxLength(8);
            e.Property(x => x.EthnicityCode).HasMaxLength(2);
            e.Property(x => x.ReligionCode).HasMaxLength(2);
            e.Property(x => x.NationalId).HasMaxLength(12);
            e.Property(x => x.Phone).HasMaxLength(20);
            e.Property(x => x.PartyStatus).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.GeneralEducation).HasMaxLength(10);
            e.Property(x => x.ProfessionalQualification).HasMaxLength(8);
            e.Property(x => x.PoliticalTheory).HasMaxLength(8);
            e.Property(x => x.StateManagement).HasMaxLength(8);
            e.Property(x => x.Note).HasMaxLength(1000);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne<AdminUnit>().WithMany().HasForeignKey(x => x.CommuneId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.ResidenceUnit).WithMany().HasForeignKey(x => x.ResidenceUnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Tenures).WithOne(x => x.Person).HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => x.NationalId).IsUnique();
            e.HasIndex(x => new { x.CommuneId, x.SortKey });
            e.HasIndex(x => new { x.ProvinceCode, x.SortKey });
            e.HasIndex(x => x.SearchName);
            e.HasQueryFilter(p => PeopleScopeAll || PeopleScopeProvinces.Contains(p.ProvinceCode) || PeopleScopeCommunes.Contains(p.CommuneId)
                || (p.ResidenceUnitId != null && PeopleScopeUnits.Contains(p.ResidenceUnitId.Value))
                || Tenures.Any(t => t.PersonId == p.Id && PeopleScopeUnits.Contains(t.UnitId)));
        });
        b.Entity<Tenure>(e =>
        {
            e.ToTable("tenures");
            e.Property(x => x.ProvinceCode).HasMaxLength(2);
            e.Property(x => x.Position).HasConversion<string>().HasMaxLength(32);
            e.Property(x => x.Title).HasMaxLength(100);
            e.Property(x => x.Mode).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.TermLabel).HasMaxLength(20);
            e.Property(x => x.EndReason).HasConversion<string>().HasMaxLength(24);
            e.Property(x => x.StartDecisionNumber).HasMaxLength(60);
            e.Property(x => x.StartDecisionIssuer).HasMaxLength(200);
            e.Property(x => x.StartDecisionSigner).HasMaxLength(100);
            e.Property(x => x.EndDecisionNumber).HasMaxLength(60);
            e.Property(x => x.EndDecisionIssuer).HasMaxLength(200);
            e.Property(x => x.EndDecisionSigner).HasMaxLength(100);
            e.Property(x => x.Note).HasMaxLength(1000);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Tenure>().WithMany().HasForeignKey(x => x.CarriedFromId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Warnings).WithOne(x => x.Tenure).HasForeignKey(x => x.TenureId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.UnitId, x.Position, x.StartDate });
            e.HasIndex(x => new { x.ProvinceCode, x.Position, x.StartDate });
            e.HasIndex(x => new { x.CommuneId, x.Position });
            e.HasQueryFilter(t => PeopleScopeAll || PeopleScopeProvinces.Contains(t.Unit!.ProvinceCode) || PeopleScopeCommunes.Contains(t.Unit.CurrentCommuneId)
                || PeopleScopeUnits.Contains(t.UnitId));
        });
        b.Entity<TenureWarning>(e =>
        {
            e.ToTable("tenure_warnings");
            e.Property(x => x.Rule).HasMaxLength(16);
            e.Property(x => x.Message).HasMaxLength(500);
            e.Property(x => x.Source).HasMaxLength(300);
            e.HasIndex(x => x.Rule);
        });
        OnTrainingModelCreating(b);
        b.Entity<CatalogInfo>(e =>
        {
            e.ToTable("catalog_info");
            e.HasKey(x => x.Key);
            e.Property(x => x.Key).HasMaxLength(40);
            e.Property(x => x.Value).HasMaxLength(200);
        });
    }
}

/// <summary>Key/value facts about the loaded data: catalog version, whether the demo province is loaded.</summary>
public sealed class CatalogInfo
{
    public required string Key { get; set; }
    public required string Value { get; set; }
}
