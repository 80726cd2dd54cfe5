using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Grassroots.Data.Migrations;

/// <summary>
/// Each enrolment carries its course's end date, indexed after the person and the result, so that training coverage
/// tests "completed a course that ended during the term" with one index probe per holder (issue 6).
/// </summary>
[DbContext(typeof(AppDb))]
[Migration("20261124000000_EnrolmentCourseEndDate")]
public sealed class EnrolmentCourseEndDate : Migration
{
    private const string Columns = "\"Id\", \"CourseId\", \"ClassId\", \"PersonId\", \"ExternalName\", \"ExternalTitle\", \"ExternalOrganisation\", " +
        "\"CourseProvinceCode\", \"CourseCommuneId\", \"ProvinceCode\", \"CommuneId\", \"UnitId\", \"Position\", \"Status\", \"WithdrawReason\", \"Source\", " +
        "\"TargetGroupId\", \"InvitationCode\", \"AssessmentScore\", \"Result\", \"ResultOverridden\", \"ResultNote\", \"Version\", \"CreatedAt\", \"UpdatedAt\"";

    protected override void Up(MigrationBuilder m)
    {
        if (ActiveProvider == "Microsoft.EntityFrameworkCore.Sqlite")
        {
            RebuildOnSqlite(m);
            return;
        }
        m.AddColumn<DateOnly>("CourseEndDate", "enrolments", nullable: true);
        m.Sql("UPDATE enrolments SET \"CourseEndDate\" = (SELECT c.\"EndDate\" FROM courses c WHERE c.\"Id\" = enrolments.\"CourseId\")");
        m.AlterColumn<DateOnly>("CourseEndDate", "enrolments", nullable: false, oldClrType: typeof(DateOnly), oldNullable: true);
        m.DropIndex("IX_enrolments_PersonId_Result", "enrolments");
        m.CreateIndex("IX_enrolments_PersonId_Result_CourseEndDate", "enrolments", ["PersonId", "Result", "CourseEndDate"]);
    }

    /// <summary>
    /// SQLite adds a NOT NULL column only with a default, which the model does not have: the table is rebuilt with the
    /// column, as EF Core itself rebuilds tables, with foreign keys off meanwhile (dropping the old table would otherwise
    /// delete the attendance rows that cascade from it).
    /// </summary>
    private static void RebuildOnSqlite(MigrationBuilder m)
    {
        m.Sql("PRAGMA foreign_keys = 0;", suppressTransaction: true);
        m.CreateTable("ef_temp_enrolments", t => new
        {
            Id = t.Identity(),
            CourseId = t.Column<int>(nullable: false),
            CourseEndDate = t.Column<DateOnly>(nullable: false),
            ClassId = t.Column<int>(nullable: true),
            PersonId = t.Column<int>(nullable: true),
            ExternalName = t.Column<string>(maxLength: 100, nullable: true),
            ExternalTitle = t.Column<string>(maxLength: 100, nullable: true),
            ExternalOrganisation = t.Column<string>(maxLength: 200, nullable: true),
            CourseProvinceCode = t.Column<string>(maxLength: 2, nullable: false),
            CourseCommuneId = t.Column<int>(nullable: true),
            ProvinceCode = t.Column<string>(maxLength: 2, nullable: false),
            CommuneId = t.Column<int>(nullable: true),
            UnitId = t.Column<int>(nullable: true),
            Position = t.Column<string>(maxLength: 32, nullable: true),
            Status = t.Column<string>(maxLength: 16, nullable: false),
            WithdrawReason = t.Column<string>(maxLength: 500, nullable: true),
            Source = t.Column<string>(maxLength: 16, nullable: false),
            TargetGroupId = t.Column<int>(nullable: true),
            InvitationCode = t.Column<string>(maxLength: 32, nullable: false),
            AssessmentScore = t.Column<decimal>(precision: 5, scale: 2, nullable: true),
            Result = t.Column<string>(maxLength: 16, nullable: false),
            ResultOverridden = t.Column<bool>(nullable: false),
            ResultNote = t.Column<string>(maxLength: 500, nullable: true),
            Version = t.Column<int>(nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            UpdatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_enrolments", x => x.Id);
            t.ForeignKey("FK_enrolments_course_classes_ClassId", x => x.ClassId, "course_classes", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_enrolments_courses_CourseId", x => x.CourseId, "courses", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_enrolments_people_PersonId", x => x.PersonId, "people", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_enrolments_target_groups_TargetGroupId", x => x.TargetGroupId, "target_groups", "Id", onDelete: ReferentialAction.SetNull);
        });
        m.Sql($"INSERT INTO ef_temp_enrolments ({Columns}, \"CourseEndDate\") " +
              $"SELECT {Columns}, (SELECT c.\"EndDate\" FROM courses c WHERE c.\"Id\" = enrolments.\"CourseId\") FROM enrolments");
        m.DropTable("enrolments");
        m.RenameTable("ef_temp_enrolments", newName: "enrolments");
        m.CreateIndex("IX_enrolments_ClassId", "enrolments", "ClassId");
        m.CreateIndex("IX_enrolments_CourseId_PersonId", "enrolments", ["CourseId", "PersonId"], unique: true);
        m.CreateIndex("IX_enrolments_InvitationCode", "enrolments", "InvitationCode", unique: true);
        m.CreateIndex("IX_enrolments_PersonId_Result_CourseEndDate", "enrolments", ["PersonId", "Result", "CourseEndDate"]);
        m.CreateIndex("IX_enrolments_ProvinceCode_CommuneId", "enrolments", ["ProvinceCode", "CommuneId"]);
        m.CreateIndex("IX_enrolments_TargetGroupId", "enrolments", "TargetGroupId");
        m.Sql("PRAGMA foreign_keys = 1;", suppressTransaction: true);
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropIndex("IX_enrolments_PersonId_Result_CourseEndDate", "enrolments");
        m.CreateIndex("IX_enrolments_PersonId_Result", "enrolments", ["PersonId", "Result"]);
        // SQLite (3.35 and later) drops a column in place, but EF Core would only do it by a rebuild it cannot plan here.
        if (ActiveProvider == "Microsoft.EntityFrameworkCore.Sqlite") m.Sql("ALTER TABLE enrolments DROP COLUMN \"CourseEndDate\"");
        else m.DropColumn("CourseEndDate", "enrolments");
    }
}
