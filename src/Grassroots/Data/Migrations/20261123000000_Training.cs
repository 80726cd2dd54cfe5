using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Grassroots.Data.Migrations;

/// <summary>
/// Training: programmes and topics, plans, courses with classes and sessions, target groups, enrolments, attendance,
/// certificates and anonymous feedback; a user account may belong to a registry person (a unit leader's own account).
/// </summary>
[DbContext(typeof(AppDb))]
[Migration("20261123000000_Training")]
public sealed class Training : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<int>("PersonId", "users", nullable: true);
        m.CreateIndex("IX_users_PersonId", "users", "PersonId");

        m.CreateTable("programmes", t => new
        {
            Id = t.Identity(),
            Title = t.Column<string>(maxLength: 300, nullable: false),
            Description = t.Column<string>(maxLength: 2000, nullable: true),
            Type = t.Column<string>(maxLength: 24, nullable: false),
            ProvinceCode = t.Column<string>(maxLength: 2, nullable: true),
            IsDemo = t.Column<bool>(nullable: false),
            Version = t.Column<int>(nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            UpdatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_programmes", x => x.Id));
        m.CreateIndex("IX_programmes_ProvinceCode", "programmes", "ProvinceCode");

        m.CreateTable("programme_topics", t => new
        {
            Id = t.Identity(),
            ProgrammeId = t.Column<int>(nullable: false),
            Order = t.Column<int>(nullable: false),
            Title = t.Column<string>(maxLength: 300, nullable: false),
            Hours = t.Column<decimal>(precision: 5, scale: 1, nullable: false),
            Lecturer = t.Column<string>(maxLength: 100, nullable: true),
            LecturerOrganisation = t.Column<string>(maxLength: 200, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_programme_topics", x => x.Id);
            t.ForeignKey("FK_programme_topics_programmes_ProgrammeId", x => x.ProgrammeId, "programmes", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_programme_topics_ProgrammeId", "programme_topics", "ProgrammeId");

        m.CreateTable("training_plans", t => new
        {
            Id = t.Identity(),
            ProvinceCode = t.Column<string>(maxLength: 2, nullable: false),
            CommuneId = t.Column<int>(nullable: true),
            Organiser = t.Column<string>(maxLength: 200, nullable: false),
            Year = t.Column<int>(nullable: false),
            Title = t.Column<string>(maxLength: 300, nullable: false),
            DecisionNumber = t.Column<string>(maxLength: 60, nullable: true),
            DecisionDate = t.Column<DateOnly>(nullable: true),
            DecisionIssuer = t.Column<string>(maxLength: 200, nullable: true),
            Note = t.Column<string>(maxLength: 1000, nullable: true),
            IsDemo = t.Column<bool>(nullable: false),
            Version = t.Column<int>(nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            UpdatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_training_plans", x => x.Id);
            t.ForeignKey("FK_training_plans_admin_units_CommuneId", x => x.CommuneId, "admin_units", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_training_plans_CommuneId", "training_plans", "CommuneId");
        m.CreateIndex("IX_training_plans_ProvinceCode_Year", "training_plans", ["ProvinceCode", "Year"]);

        m.CreateTable("courses", t => new
        {
            Id = t.Identity(),
            PlanId = t.Column<int>(nullable: true),
            ProgrammeId = t.Column<int>(nullable: false),
            Title = t.Column<string>(maxLength: 300, nullable: false),
            Organiser = t.Column<string>(maxLength: 200, nullable: false),
            ProvinceCode = t.Column<string>(maxLength: 2, nullable: false),
            CommuneId = t.Column<int>(nullable: true),
            LegalBasis = t.Column<string>(maxLength: 500, nullable: true),
            Venue = t.Column<string>(maxLength: 300, nullable: true),
            StartDate = t.Column<DateOnly>(nullable: false),
            EndDate = t.Column<DateOnly>(nullable: false),
            Capacity = t.Column<int>(nullable: true),
            TermLabel = t.Column<string>(maxLength: 20, nullable: true),
            FundingSource = t.Column<string>(maxLength: 200, nullable: true),
            Status = t.Column<string>(maxLength: 16, nullable: false),
            MinAttendancePercent = t.Column<decimal>(precision: 5, scale: 2, nullable: false),
            AssessmentRequired = t.Column<bool>(nullable: false),
            PassMark = t.Column<decimal>(precision: 5, scale: 2, nullable: true),
            CertificateSymbol = t.Column<string>(maxLength: 30, nullable: true),
            SignerAuthority = t.Column<string>(maxLength: 60, nullable: true),
            SignerTitle = t.Column<string>(maxLength: 100, nullable: true),
            SignerName = t.Column<string>(maxLength: 100, nullable: true),
            Note = t.Column<string>(maxLength: 1000, nullable: true),
            IsDemo = t.Column<bool>(nullable: false),
            Version = t.Column<int>(nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            UpdatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_courses", x => x.Id);
            t.ForeignKey("FK_courses_admin_units_CommuneId", x => x.CommuneId, "admin_units", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_courses_programmes_ProgrammeId", x => x.ProgrammeId, "programmes", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_courses_training_plans_PlanId", x => x.PlanId, "training_plans", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_courses_CommuneId", "courses", "CommuneId");
        m.CreateIndex("IX_courses_PlanId", "courses", "PlanId");
        m.CreateIndex("IX_courses_ProgrammeId", "courses", "ProgrammeId");
        m.CreateIndex("IX_courses_ProvinceCode_StartDate", "courses", ["ProvinceCode", "StartDate"]);

        m.CreateTable("course_classes", t => new
        {
            Id = t.Identity(),
            CourseId = t.Column<int>(nullable: false),
            Name = t.Column<string>(maxLength: 100, nullable: false),
            Capacity = t.Column<int>(nullable: true),
            Venue = t.Column<string>(maxLength: 300, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_course_classes", x => x.Id);
            t.ForeignKey("FK_course_classes_courses_CourseId", x => x.CourseId, "courses", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_course_classes_CourseId", "course_classes", "CourseId");

        m.CreateTable("course_sessions", t => new
        {
            Id = t.Identity(),
            CourseId = t.Column<int>(nullable: false),
            ClassId = t.Column<int>(nullable: true),
            Date = t.Column<DateOnly>(nullable: false),
            StartTime = t.Column<TimeOnly>(nullable: false),
            EndTime = t.Column<TimeOnly>(nullable: false),
            TopicId = t.Column<int>(nullable: true),
            Topic = t.Column<string>(maxLength: 300, nullable: false),
            Lecturer = t.Column<string>(maxLength: 100, nullable: true),
            LecturerOrganisation = t.Column<string>(maxLength: 200, nullable: true),
            Room = t.Column<string>(maxLength: 100, nullable: true),
            CheckInSecret = t.Column<string>(maxLength: 64, nullable: false),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_course_sessions", x => x.Id);
            t.ForeignKey("FK_course_sessions_course_classes_ClassId", x => x.ClassId, "course_classes", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_course_sessions_courses_CourseId", x => x.CourseId, "courses", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_course_sessions_programme_topics_TopicId", x => x.TopicId, "programme_topics", "Id", onDelete: ReferentialAction.SetNull);
        });
        m.CreateIndex("IX_course_sessions_ClassId", "course_sessions", "ClassId");
        m.CreateIndex("IX_course_sessions_CourseId_Date", "course_sessions", ["CourseId", "Date"]);
        m.CreateIndex("IX_course_sessions_TopicId", "course_sessions", "TopicId");

        m.CreateTable("target_groups", t => new
        {
            Id = t.Identity(),
            CourseId = t.Column<int>(nullable: true),
            ProvinceCode = t.Column<string>(maxLength: 2, nullable: false),
            CommuneId = t.Column<int>(nullable: true),
            Name = t.Column<string>(maxLength: 300, nullable: false),
            AsOf = t.Column<DateOnly>(nullable: true),
            Rule = t.Column<string>(maxLength: 8000, nullable: false),
            Version = t.Column<int>(nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            UpdatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_target_groups", x => x.Id);
            t.ForeignKey("FK_target_groups_admin_units_CommuneId", x => x.CommuneId, "admin_units", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_target_groups_courses_CourseId", x => x.CourseId, "courses", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_target_groups_CommuneId", "target_groups", "CommuneId");
        m.CreateIndex("IX_target_groups_CourseId", "target_groups", "CourseId");
        m.CreateIndex("IX_target_groups_ProvinceCode", "target_groups", "ProvinceCode");

        m.CreateTable("enrolments", t => new
        {
            Id = t.Identity(),
            CourseId = t.Column<int>(nullable: false),
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
        m.CreateIndex("IX_enrolments_ClassId", "enrolments", "ClassId");
        m.CreateIndex("IX_enrolments_CourseId_PersonId", "enrolments", ["CourseId", "PersonId"], unique: true);
        m.CreateIndex("IX_enrolments_InvitationCode", "enrolments", "InvitationCode", unique: true);
        m.CreateIndex("IX_enrolments_PersonId_Result", "enrolments", ["PersonId", "Result"]);
        m.CreateIndex("IX_enrolments_ProvinceCode_CommuneId", "enrolments", ["ProvinceCode", "CommuneId"]);
        m.CreateIndex("IX_enrolments_TargetGroupId", "enrolments", "TargetGroupId");

        m.CreateTable("attendances", t => new
        {
            Id = t.Column<long>(nullable: false)
                .Annotation("Sqlite:Autoincrement", true)
                .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
            SessionId = t.Column<int>(nullable: false),
            EnrolmentId = t.Column<int>(nullable: false),
            PersonId = t.Column<int>(nullable: true),
            CourseProvinceCode = t.Column<string>(maxLength: 2, nullable: false),
            CourseCommuneId = t.Column<int>(nullable: true),
            ProvinceCode = t.Column<string>(maxLength: 2, nullable: false),
            CommuneId = t.Column<int>(nullable: true),
            UnitId = t.Column<int>(nullable: true),
            Status = t.Column<string>(maxLength: 16, nullable: false),
            Method = t.Column<string>(maxLength: 16, nullable: false),
            RecordedAt = t.Column<DateTime>(nullable: false),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_attendances", x => x.Id);
            t.ForeignKey("FK_attendances_course_sessions_SessionId", x => x.SessionId, "course_sessions", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_attendances_enrolments_EnrolmentId", x => x.EnrolmentId, "enrolments", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_attendances_EnrolmentId", "attendances", "EnrolmentId");
        m.CreateIndex("IX_attendances_SessionId_EnrolmentId", "attendances", ["SessionId", "EnrolmentId"], unique: true);

        m.CreateTable("certificates", t => new
        {
            Id = t.Identity(),
            EnrolmentId = t.Column<int>(nullable: false),
            CourseId = t.Column<int>(nullable: false),
            CourseProvinceCode = t.Column<string>(maxLength: 2, nullable: false),
            CourseCommuneId = t.Column<int>(nullable: true),
            ProvinceCode = t.Column<string>(maxLength: 2, nullable: false),
            CommuneId = t.Column<int>(nullable: true),
            UnitId = t.Column<int>(nullable: true),
            Register = t.Column<string>(maxLength: 260, nullable: false),
            Sequence = t.Column<int>(nullable: false),
            Number = t.Column<string>(maxLength: 60, nullable: false),
            Code = t.Column<string>(maxLength: 32, nullable: false),
            IssuedOn = t.Column<DateOnly>(nullable: false),
            HolderName = t.Column<string>(maxLength: 100, nullable: false),
            HolderBirthDate = t.Column<DateOnly>(nullable: true),
            Revoked = t.Column<bool>(nullable: false),
            RevokedReason = t.Column<string>(maxLength: 500, nullable: true),
            RevokedAt = t.Column<DateTime>(nullable: true),
            CreatedAt = t.Column<DateTime>(nullable: false),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_certificates", x => x.Id);
            t.ForeignKey("FK_certificates_courses_CourseId", x => x.CourseId, "courses", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_certificates_enrolments_EnrolmentId", x => x.EnrolmentId, "enrolments", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_certificates_Code", "certificates", "Code", unique: true);
        m.CreateIndex("IX_certificates_CourseId", "certificates", "CourseId");
        m.CreateIndex("IX_certificates_EnrolmentId", "certificates", "EnrolmentId", unique: true);
        m.CreateIndex("IX_certificates_Register_Sequence", "certificates", ["Register", "Sequence"], unique: true);

        m.CreateTable("feedback_receipts", t => new
        {
            Id = t.Identity(),
            CourseId = t.Column<int>(nullable: false),
            EnrolmentId = t.Column<int>(nullable: false),
            ProvinceCode = t.Column<string>(maxLength: 2, nullable: false),
            SubmittedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_feedback_receipts", x => x.Id);
            t.ForeignKey("FK_feedback_receipts_courses_CourseId", x => x.CourseId, "courses", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_feedback_receipts_enrolments_EnrolmentId", x => x.EnrolmentId, "enrolments", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_feedback_receipts_CourseId_EnrolmentId", "feedback_receipts", ["CourseId", "EnrolmentId"], unique: true);
        m.CreateIndex("IX_feedback_receipts_EnrolmentId", "feedback_receipts", "EnrolmentId");

        m.CreateTable("feedback_answers", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            CourseId = t.Column<int>(nullable: false),
            CourseProvinceCode = t.Column<string>(maxLength: 2, nullable: false),
            CourseCommuneId = t.Column<int>(nullable: true),
            SessionId = t.Column<int>(nullable: true),
            Topic = t.Column<string>(maxLength: 300, nullable: false),
            Lecturer = t.Column<string>(maxLength: 100, nullable: true),
            Rating = t.Column<int>(nullable: false),
            Comment = t.Column<string>(maxLength: 2000, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_feedback_answers", x => x.Id);
            t.ForeignKey("FK_feedback_answers_course_sessions_SessionId", x => x.SessionId, "course_sessions", "Id", onDelete: ReferentialAction.SetNull);
            t.ForeignKey("FK_feedback_answers_courses_CourseId", x => x.CourseId, "courses", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_feedback_answers_CourseId", "feedback_answers", "CourseId");
        m.CreateIndex("IX_feedback_answers_SessionId", "feedback_answers", "SessionId");
    }

    protected override void Down(MigrationBuilder m)
    {
        foreach (var table in new[] { "feedback_answers", "feedback_receipts", "certificates", "attendances", "enrolments", "target_groups",
                     "course_sessions", "course_classes", "courses", "training_plans", "programme_topics", "programmes" })
            m.DropTable(table);
        m.DropIndex("IX_users_PersonId", "users");
        m.DropColumn("PersonId", "users");
    }
}
