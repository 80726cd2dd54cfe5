using Grassroots.Features.Units;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Grassroots.Data.Migrations;

/// <summary>People, their tenures in residential units, rule warnings, and the provinces' limits for leaders.</summary>
[DbContext(typeof(AppDb))]
[Migration("20261122000000_LeadersRegistry")]
public sealed class LeadersRegistry : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<decimal>("TermYears", "province_unit_rules", precision: 3, scale: 1, nullable: false, defaultValue: 5m);
        m.AddColumn<int>("MaxDeputies", "province_unit_rules", nullable: false, defaultValue: 1);
        m.AddColumn<int>("MinLeaderAge", "province_unit_rules", nullable: false, defaultValue: 21);
        m.AddColumn<int>("ActingMaxMonths", "province_unit_rules", nullable: false, defaultValue: 6);
        m.AddColumn<int>("MaxPaidTitles", "province_unit_rules", nullable: false, defaultValue: 3);
        m.AddColumn<string>("LeaderSource", "province_unit_rules", maxLength: 300, nullable: false, defaultValue: ProvinceUnitRules.DefaultLeaderSource);
        // Cao Bằng chose a 2.5-year term (QĐ 37/2019/QĐ-UBND Điều 16 khoản 5).
        m.Sql("UPDATE province_unit_rules SET \"TermYears\" = 2.5, \"LeaderSource\" = '" + ProvinceUnitRules.DefaultLeaderSource +
              "; QĐ 37/2019/QĐ-UBND tỉnh Cao Bằng Điều 16 khoản 5' WHERE \"ProvinceCode\" = '04'");

        m.CreateTable("people", t => new
        {
            Id = t.Identity(),
            ProvinceCode = t.Column<string>(maxLength: 2, nullable: false),
            CommuneId = t.Column<int>(nullable: false),
            FullName = t.Column<string>(maxLength: 100, nullable: false),
            SearchName = t.Column<string>(maxLength: 100, nullable: false),
            SortKey = t.Column<string>(maxLength: 250, nullable: false),
            Gender = t.Column<string>(maxLength: 8, nullable: false),
            DateOfBirth = t.Column<DateOnly>(nullable: true),
            EthnicityCode = t.Column<string>(maxLength: 2, nullable: true),
            ReligionCode = t.Column<string>(maxLength: 2, nullable: true),
            NationalId = t.Column<string>(maxLength: 12, nullable: true),
            Phone = t.Column<string>(maxLength: 20, nullable: true),
            ResidenceUnitId = t.Column<int>(nullable: true),
            LivesInUnit = t.Column<bool>(nullable: false),
            PartyMember = t.Column<bool>(nullable: false),
            PartyAdmissionDate = t.Column<DateOnly>(nullable: true),
            PartyStatus = t.Column<string>(maxLength: 16, nullable: true),
            GeneralEducation = t.Column<string>(maxLength: 10, nullable: true),
            ProfessionalQualification = t.Column<string>(maxLength: 8, nullable: true),
            PoliticalTheory = t.Column<string>(maxLength: 8, nullable: true),
            StateManagement = t.Column<string>(maxLength: 8, nullable: true),
            Note = t.Column<string>(maxLength: 1000, nullable: true),
            IsDemo = t.Column<bool>(nullable: false),
            Version = t.Column<int>(nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            UpdatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_people", x => x.Id);
            t.ForeignKey("FK_people_admin_units_CommuneId", x => x.CommuneId, "admin_units", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_people_residential_units_ResidenceUnitId", x => x.ResidenceUnitId, "residential_units", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_people_CommuneId_SortKey", "people", ["CommuneId", "SortKey"]);
        m.CreateIndex("IX_people_NationalId", "people", "NationalId", unique: true);
        m.CreateIndex("IX_people_ProvinceCode_SortKey", "people", ["ProvinceCode", "SortKey"]);
        m.CreateIndex("IX_people_ResidenceUnitId", "people", "ResidenceUnitId");
        m.CreateIndex("IX_people_SearchName", "people", "SearchName");

        m.CreateTable("tenures", t => new
        {
            Id = t.Identity(),
            PersonId = t.Column<int>(nullable: false),
            UnitId = t.Column<int>(nullable: false),
            ProvinceCode = t.Column<string>(maxLength: 2, nullable: false),
            CommuneId = t.Column<int>(nullable: false),
            Position = t.Column<string>(maxLength: 32, nullable: false),
            Title = t.Column<string>(maxLength: 100, nullable: true),
            Mode = t.Column<string>(maxLength: 16, nullable: false),
            TermLabel = t.Column<string>(maxLength: 20, nullable: true),
            StartDate = t.Column<DateOnly>(nullable: false),
            PlannedEndDate = t.Column<DateOnly>(nullable: true),
            EndDate = t.Column<DateOnly>(nullable: true),
            EndReason = t.Column<string>(maxLength: 24, nullable: true),
            StartDecisionNumber = t.Column<string>(maxLength: 60, nullable: true),
            StartDecisionDate = t.Column<DateOnly>(nullable: true),
            StartDecisionIssuer = t.Column<string>(maxLength: 200, nullable: true),
            StartDecisionSigner = t.Column<string>(maxLength: 100, nullable: true),
            EndDecisionNumber = t.Column<string>(maxLength: 60, nullable: true),
            EndDecisionDate = t.Column<DateOnly>(nullable: true),
            EndDecisionIssuer = t.Column<string>(maxLength: 200, nullable: true),
            EndDecisionSigner = t.Column<string>(maxLength: 100, nullable: true),
            CarriedFromId = t.Column<int>(nullable: true),
            Note = t.Column<string>(maxLength: 1000, nullable: true),
            Version = t.Column<int>(nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            UpdatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_tenures", x => x.Id);
            t.ForeignKey("FK_tenures_people_PersonId", x => x.PersonId, "people", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_tenures_residential_units_UnitId", x => x.UnitId, "residential_units", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_tenures_tenures_CarriedFromId", x => x.CarriedFromId, "tenures", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_tenures_CarriedFromId", "tenures", "CarriedFromId");
        m.CreateIndex("IX_tenures_CommuneId_Position", "tenures", ["CommuneId", "Position"]);
        m.CreateIndex("IX_tenures_PersonId", "tenures", "PersonId");
        m.CreateIndex("IX_tenures_ProvinceCode_Position_StartDate", "tenures", ["ProvinceCode", "Position", "StartDate"]);
        m.CreateIndex("IX_tenures_UnitId_Position_StartDate", "tenures", ["UnitId", "Position", "StartDate"]);

        m.CreateTable("tenure_warnings", t => new
        {
            Id = t.Identity(),
            TenureId = t.Column<int>(nullable: false),
            Rule = t.Column<string>(maxLength: 16, nullable: false),
            Message = t.Column<string>(maxLength: 500, nullable: false),
            Source = t.Column<string>(maxLength: 300, nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_tenure_warnings", x => x.Id);
            t.ForeignKey("FK_tenure_warnings_tenures_TenureId", x => x.TenureId, "tenures", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_tenure_warnings_Rule", "tenure_warnings", "Rule");
        m.CreateIndex("IX_tenure_warnings_TenureId", "tenure_warnings", "TenureId");
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("tenure_warnings");
        m.DropTable("tenures");
        m.DropTable("people");
        foreach (var column in new[] { "TermYears", "MaxDeputies", "MinLeaderAge", "ActingMaxMonths", "MaxPaidTitles", "LeaderSource" })
            m.DropColumn(column, "province_unit_rules");
    }
}
