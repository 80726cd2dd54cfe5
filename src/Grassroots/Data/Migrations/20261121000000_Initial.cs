using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Grassroots.Data.Migrations;

[DbContext(typeof(AppDb))]
[Migration("20261121000000_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("catalog_info", t => new
        {
            Key = t.Column<string>(maxLength: 40, nullable: false),
            Value = t.Column<string>(maxLength: 200, nullable: false),
        }, constraints: t => t.PrimaryKey("PK_catalog_info", x => x.Key));

        m.CreateTable("admin_units", t => new
        {
            Id = t.Identity(),
            Code = t.Column<string>(maxLength: 8, nullable: false),
            Level = t.Column<string>(maxLength: 16, nullable: false),
            Type = t.Column<string>(maxLength: 24, nullable: false),
            Name = t.Column<string>(maxLength: 100, nullable: false),
            FullName = t.Column<string>(maxLength: 150, nullable: false),
            SearchName = t.Column<string>(maxLength: 150, nullable: false),
            NameEn = t.Column<string>(maxLength: 150, nullable: true),
            ParentId = t.Column<int>(nullable: true),
            ProvinceCode = t.Column<string>(maxLength: 2, nullable: false),
            Path = t.Column<string>(maxLength: 64, nullable: false),
            ValidFrom = t.Column<DateOnly>(nullable: true),
            ValidTo = t.Column<DateOnly>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_admin_units", x => x.Id);
            t.ForeignKey("FK_admin_units_admin_units_ParentId", x => x.ParentId, "admin_units", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_admin_units_Level_Code", "admin_units", ["Level", "Code"]);
        m.CreateIndex("IX_admin_units_ParentId", "admin_units", "ParentId");
        m.CreateIndex("IX_admin_units_Path", "admin_units", "Path");
        m.CreateIndex("IX_admin_units_SearchName", "admin_units", "SearchName");

        m.CreateTable("admin_unit_type_changes", t => new
        {
            Id = t.Identity(),
            AdminUnitId = t.Column<int>(nullable: false),
            EffectiveDate = t.Column<DateOnly>(nullable: false),
            PreviousType = t.Column<string>(maxLength: 24, nullable: false),
            PreviousFullName = t.Column<string>(maxLength: 150, nullable: false),
            NewType = t.Column<string>(maxLength: 24, nullable: false),
            NewFullName = t.Column<string>(maxLength: 150, nullable: false),
            Basis = t.Column<string>(maxLength: 200, nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_admin_unit_type_changes", x => x.Id);
            t.ForeignKey("FK_admin_unit_type_changes_admin_units_AdminUnitId", x => x.AdminUnitId, "admin_units", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_admin_unit_type_changes_AdminUnitId", "admin_unit_type_changes", "AdminUnitId");

        m.CreateTable("admin_unit_lineages", t => new
        {
            Id = t.Identity(),
            PredecessorId = t.Column<int>(nullable: true),
            SuccessorId = t.Column<int>(nullable: false),
            Kind = t.Column<string>(maxLength: 16, nullable: false),
            EffectiveDate = t.Column<DateOnly>(nullable: false),
            PredecessorSplit = t.Column<bool>(nullable: false),
            Note = t.Column<string>(maxLength: 300, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_admin_unit_lineages", x => x.Id);
            t.ForeignKey("FK_admin_unit_lineages_admin_units_PredecessorId", x => x.PredecessorId, "admin_units", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_admin_unit_lineages_admin_units_SuccessorId", x => x.SuccessorId, "admin_units", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_admin_unit_lineages_PredecessorId", "admin_unit_lineages", "PredecessorId");
        m.CreateIndex("IX_admin_unit_lineages_SuccessorId", "admin_unit_lineages", "SuccessorId");

        m.CreateTable("province_unit_rules", t => new
        {
            Id = t.Identity(),
            ProvinceCode = t.Column<string>(maxLength: 2, nullable: false),
            ValidFrom = t.Column<DateOnly>(nullable: true),
            ValidTo = t.Column<DateOnly>(nullable: true),
            Region = t.Column<string>(maxLength: 32, nullable: false),
            MinHouseholdsVillage = t.Column<int>(nullable: false),
            MinHouseholdsGroup = t.Column<int>(nullable: false),
            MinHouseholdsVillageIsland = t.Column<int>(nullable: false),
            MinHouseholdsGroupIsland = t.Column<int>(nullable: false),
            MustMergeBelowPercent = t.Column<int>(nullable: false),
            Source = t.Column<string>(maxLength: 200, nullable: false),
        }, constraints: t => t.PrimaryKey("PK_province_unit_rules", x => x.Id));
        m.CreateIndex("IX_province_unit_rules_ProvinceCode", "province_unit_rules", "ProvinceCode");

        m.CreateTable("residential_units", t => new
        {
            Id = t.Identity(),
            ProvinceCode = t.Column<string>(maxLength: 2, nullable: false),
            CurrentCommuneId = t.Column<int>(nullable: false),
            Status = t.Column<string>(maxLength: 16, nullable: false),
            HouseholdCount = t.Column<int>(nullable: true),
            Population = t.Column<int>(nullable: true),
            CountsAsOf = t.Column<DateOnly>(nullable: true),
            Classification = t.Column<string>(maxLength: 8, nullable: true),
            IsDemo = t.Column<bool>(nullable: false),
            Version = t.Column<int>(nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            UpdatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_residential_units", x => x.Id);
            t.ForeignKey("FK_residential_units_admin_units_CurrentCommuneId", x => x.CurrentCommuneId, "admin_units", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_residential_units_CurrentCommuneId", "residential_units", "CurrentCommuneId");
        m.CreateIndex("IX_residential_units_ProvinceCode", "residential_units", "ProvinceCode");

        m.CreateTable("unit_events", t => new
        {
            Id = t.Identity(),
            Type = t.Column<string>(maxLength: 16, nullable: false),
            EffectiveDate = t.Column<DateOnly>(nullable: false),
            DecisionNumber = t.Column<string>(maxLength: 60, nullable: true),
            DecisionDate = t.Column<DateOnly>(nullable: true),
            DecisionIssuer = t.Column<string>(maxLength: 200, nullable: true),
            Note = t.Column<string>(maxLength: 1000, nullable: true),
            ProvinceCode = t.Column<string>(maxLength: 2, nullable: false),
            RecordedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_unit_events", x => x.Id));
        m.CreateIndex("IX_unit_events_ProvinceCode", "unit_events", "ProvinceCode");

        m.CreateTable("residential_unit_periods", t => new
        {
            Id = t.Identity(),
            UnitId = t.Column<int>(nullable: false),
            CommuneId = t.Column<int>(nullable: false),
            ProvinceCode = t.Column<string>(maxLength: 2, nullable: false),
            Name = t.Column<string>(maxLength: 150, nullable: false),
            NameKey = t.Column<string>(maxLength: 150, nullable: false),
            SearchName = t.Column<string>(maxLength: 150, nullable: false),
            Kind = t.Column<string>(maxLength: 24, nullable: false),
            LocalLabel = t.Column<string>(maxLength: 40, nullable: true),
            ValidFrom = t.Column<DateOnly>(nullable: false),
            ValidTo = t.Column<DateOnly>(nullable: true),
            OpenedByEventId = t.Column<int>(nullable: false),
            ClosedByEventId = t.Column<int>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_residential_unit_periods", x => x.Id);
            t.ForeignKey("FK_residential_unit_periods_residential_units_UnitId", x => x.UnitId, "residential_units", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_residential_unit_periods_admin_units_CommuneId", x => x.CommuneId, "admin_units", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_residential_unit_periods_unit_events_OpenedByEventId", x => x.OpenedByEventId, "unit_events", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_residential_unit_periods_unit_events_ClosedByEventId", x => x.ClosedByEventId, "unit_events", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_residential_unit_periods_ClosedByEventId", "residential_unit_periods", "ClosedByEventId");
        m.CreateIndex("IX_residential_unit_periods_CommuneId_NameKey", "residential_unit_periods", ["CommuneId", "NameKey"]);
        m.CreateIndex("IX_residential_unit_periods_CommuneId_ValidFrom", "residential_unit_periods", ["CommuneId", "ValidFrom"]);
        m.CreateIndex("IX_residential_unit_periods_OpenedByEventId", "residential_unit_periods", "OpenedByEventId");
        m.CreateIndex("IX_residential_unit_periods_ProvinceCode", "residential_unit_periods", "ProvinceCode");
        m.CreateIndex("IX_residential_unit_periods_UnitId", "residential_unit_periods", "UnitId");

        m.CreateTable("unit_lineages", t => new
        {
            Id = t.Identity(),
            EventId = t.Column<int>(nullable: false),
            PredecessorId = t.Column<int>(nullable: false),
            SuccessorId = t.Column<int>(nullable: false),
            ApprovalPercent = t.Column<decimal>(precision: 5, scale: 2, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_unit_lineages", x => x.Id);
            t.ForeignKey("FK_unit_lineages_unit_events_EventId", x => x.EventId, "unit_events", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_unit_lineages_residential_units_PredecessorId", x => x.PredecessorId, "residential_units", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_unit_lineages_residential_units_SuccessorId", x => x.SuccessorId, "residential_units", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_unit_lineages_EventId", "unit_lineages", "EventId");
        m.CreateIndex("IX_unit_lineages_PredecessorId", "unit_lineages", "PredecessorId");
        m.CreateIndex("IX_unit_lineages_SuccessorId", "unit_lineages", "SuccessorId");

        AccountsAndAudit(m);
    }

    private static void AccountsAndAudit(MigrationBuilder m)
    {
        m.CreateTable("users", t => new
        {
            Id = t.Identity(),
            FullName = t.Column<string>(maxLength: 150, nullable: false),
            IsDisabled = t.Column<bool>(nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            UserName = t.Column<string>(maxLength: 256, nullable: true),
            NormalizedUserName = t.Column<string>(maxLength: 256, nullable: true),
            Email = t.Column<string>(maxLength: 256, nullable: true),
            NormalizedEmail = t.Column<string>(maxLength: 256, nullable: true),
            EmailConfirmed = t.Column<bool>(nullable: false),
            PasswordHash = t.Column<string>(nullable: true),
            SecurityStamp = t.Column<string>(nullable: true),
            ConcurrencyStamp = t.Column<string>(nullable: true),
            PhoneNumber = t.Column<string>(nullable: true),
            PhoneNumberConfirmed = t.Column<bool>(nullable: false),
            TwoFactorEnabled = t.Column<bool>(nullable: false),
            LockoutEnd = t.Column<DateTimeOffset>(nullable: true),
            LockoutEnabled = t.Column<bool>(nullable: false),
            AccessFailedCount = t.Column<int>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_users", x => x.Id));
        m.CreateIndex("EmailIndex", "users", "NormalizedEmail");
        m.CreateIndex("UserNameIndex", "users", "NormalizedUserName", unique: true);

        m.CreateTable("user_claims", t => new
        {
            Id = t.Identity(),
            UserId = t.Column<int>(nullable: false),
            ClaimType = t.Column<string>(nullable: true),
            ClaimValue = t.Column<string>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_user_claims", x => x.Id);
            t.ForeignKey("FK_user_claims_users_UserId", x => x.UserId, "users", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_user_claims_UserId", "user_claims", "UserId");

        m.CreateTable("user_logins", t => new
        {
            LoginProvider = t.Column<string>(nullable: false),
            ProviderKey = t.Column<string>(nullable: false),
            ProviderDisplayName = t.Column<string>(nullable: true),
            UserId = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_user_logins", x => new { x.LoginProvider, x.ProviderKey });
            t.ForeignKey("FK_user_logins_users_UserId", x => x.UserId, "users", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_user_logins_UserId", "user_logins", "UserId");

        m.CreateTable("user_tokens", t => new
        {
            UserId = t.Column<int>(nullable: false),
            LoginProvider = t.Column<string>(nullable: false),
            Name = t.Column<string>(nullable: false),
            Value = t.Column<string>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_user_tokens", x => new { x.UserId, x.LoginProvider, x.Name });
            t.ForeignKey("FK_user_tokens_users_UserId", x => x.UserId, "users", "Id", onDelete: ReferentialAction.Cascade);
        });

        m.CreateTable("user_grants", t => new
        {
            Id = t.Identity(),
            UserId = t.Column<int>(nullable: false),
            Role = t.Column<string>(maxLength: 24, nullable: false),
            AdminUnitId = t.Column<int>(nullable: true),
            ResidentialUnitId = t.Column<int>(nullable: true),
            CreatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_user_grants", x => x.Id);
            t.ForeignKey("FK_user_grants_users_UserId", x => x.UserId, "users", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_user_grants_admin_units_AdminUnitId", x => x.AdminUnitId, "admin_units", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_user_grants_residential_units_ResidentialUnitId", x => x.ResidentialUnitId, "residential_units", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_user_grants_AdminUnitId", "user_grants", "AdminUnitId");
        m.CreateIndex("IX_user_grants_ResidentialUnitId", "user_grants", "ResidentialUnitId");
        m.CreateIndex("IX_user_grants_UserId", "user_grants", "UserId");

        m.CreateTable("audit_events", t => new
        {
            Id = t.Column<long>(nullable: false)
                .Annotation("Sqlite:Autoincrement", true)
                .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
            At = t.Column<DateTime>(nullable: false),
            UserId = t.Column<int>(nullable: true),
            UserName = t.Column<string>(maxLength: 256, nullable: true),
            IpAddress = t.Column<string>(maxLength: 64, nullable: true),
            Action = t.Column<string>(maxLength: 32, nullable: false),
            Operation = t.Column<string>(maxLength: 32, nullable: true),
            EntityType = t.Column<string>(maxLength: 64, nullable: false),
            EntityId = t.Column<string>(maxLength: 64, nullable: true),
            Changes = t.Column<string>(nullable: true),
            ProvinceCode = t.Column<string>(maxLength: 2, nullable: true),
            CommuneId = t.Column<int>(nullable: true),
            Summary = t.Column<string>(maxLength: 500, nullable: true),
        }, constraints: t => t.PrimaryKey("PK_audit_events", x => x.Id));
        m.CreateIndex("IX_audit_events_At", "audit_events", "At");
        m.CreateIndex("IX_audit_events_EntityType_EntityId", "audit_events", ["EntityType", "EntityId"]);
        m.CreateIndex("IX_audit_events_ProvinceCode", "audit_events", "ProvinceCode");
        m.CreateIndex("IX_audit_events_UserId", "audit_events", "UserId");

        m.CreateTable("data_protection_keys", t => new
        {
            Id = t.Identity(),
            FriendlyName = t.Column<string>(maxLength: 200, nullable: true),
            Xml = t.Column<string>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_data_protection_keys", x => x.Id));
    }

    protected override void Down(MigrationBuilder m)
    {
        foreach (var table in new[] { "data_protection_keys", "audit_events", "user_grants", "user_tokens", "user_logins", "user_claims", "users", "unit_lineages", "residential_unit_periods", "unit_events", "residential_units", "province_unit_rules", "admin_unit_lineages", "admin_unit_type_changes", "admin_units", "catalog_info" })
            m.DropTable(table);
    }
}
