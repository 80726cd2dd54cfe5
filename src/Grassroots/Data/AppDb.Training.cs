using Grassroots.Features.Accounts;
using Grassroots.Features.Training;
using Grassroots.Features.Units;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Data;

public sealed partial class AppDb
{
    /// <summary>
    /// Training: plans, programmes, courses and their classes and sessions are reached by where their organiser sits
    /// (a province, or a commune) — a user sees those of the provinces and communes their scope lies in; enrolments,
    /// attendance and certificates by where the person is, as people are; feedback answers only through their course.
    /// </summary>
    /// <summary>
    /// Who may write training records: those who manage courses where the organiser sits; attendance also those who
    /// record it there, or the person themselves checking in; feedback, a person answering for themselves.
    /// </summary>
    private void CheckTrainingWrite(object entity)
    {
        var manage = Access.ScopeFor(Permission.ManageCourses);
        switch (entity)
        {
            case Programme programme:
                Require(programme.ProvinceCode is { } province ? manage.Manages(province, null) : manage.All);
                break;
            case ProgrammeTopic or CourseClass:
                Require(!manage.IsEmpty);
                break;
            case TrainingPlan plan:
                Require(manage.Manages(plan.ProvinceCode, plan.CommuneId));
                break;
            case Course course:
                Require(manage.Manages(course.ProvinceCode, course.CommuneId));
                break;
            case CourseSession session:
                Require(session.Course is { } owner ? manage.Manages(owner.ProvinceCode, owner.CommuneId) : !manage.IsEmpty);
                break;
            case TargetGroup group:
                Require(manage.Manages(group.ProvinceCode, group.CommuneId));
                break;
            case Enrolment enrolment:
                Require(manage.Manages(enrolment.CourseProvinceCode, enrolment.CourseCommuneId));
                break;
            case Attendance attendance:
                Require(Access.ScopeFor(Permission.RecordAttendance).Manages(attendance.CourseProvinceCode, attendance.CourseCommuneId)
                    || (attendance.Method == AttendanceMethod.SelfCheckIn && attendance.PersonId is { } self && self == Access.PersonId));
                break;
            case Certificate certificate:
                Require(manage.Manages(certificate.CourseProvinceCode, certificate.CourseCommuneId));
                break;
            case FeedbackReceipt or FeedbackAnswer:
                Require(Access.PersonId is not null);
                break;
        }
    }

    private void OnTrainingModelCreating(ModelBuilder b)
    {
        b.Entity<Programme>(e =>
        {
            e.ToTable("programmes");
            e.Property(x => x.Title).HasMaxLength(300);
            e.Property(x => x.Description).HasMaxLength(2000);
            e.Property(x => x.Type).HasConversion<string>().HasMaxLength(24);
            e.Property(x => x.ProvinceCode).HasMaxLength(2);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasMany(x => x.Topics).WithOne().HasForeignKey(x => x.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => x.ProvinceCode);
            e.HasQueryFilter(p => p.ProvinceCode == null || PeopleScopeAll || PeopleScopeProvinces.Contains(p.ProvinceCode)
                || PeopleScopeReachedProvinces.Contains(p.ProvinceCode));
        });
        b.Entity<ProgrammeTopic>(e =>
        {
            e.ToTable("programme_topics");
            e.Property(x => x.Title).HasMaxLength(300);
            e.Property(x => x.Hours).HasPrecision(5, 1);
            e.Property(x => x.Lecturer).HasMaxLength(100);
            e.Property(x => x.LecturerOrganisation).HasMaxLength(200);
            e.HasQueryFilter(t => Programmes.Any(p => p.Id == t.ProgrammeId));
        });
        b.Entity<TrainingPlan>(e =>
        {
            e.ToTable("training_plans");
            e.Property(x => x.ProvinceCode).HasMaxLength(2);
            e.Property(x => x.Organiser).HasMaxLength(200);
            e.Property(x => x.Title).HasMaxLength(300);
            e.Property(x => x.DecisionNumber).HasMaxLength(60);
            e.Property(x => x.DecisionIssuer).HasMaxLength(200);
            e.Property(x => x.Note).HasMaxLength(1000);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne<AdminUnit>().WithMany().HasForeignKey(x => x.CommuneId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.ProvinceCode, x.Year });
            e.HasQueryFilter(p => PeopleScopeAll || PeopleScopeProvinces.Contains(p.ProvinceCode)
                || (p.CommuneId != null && (PeopleScopeCommunes.Contains(p.CommuneId.Value) || PeopleScopeReachedCommunes.Contains(p.CommuneId.Value)))
                || (p.CommuneId == null && PeopleScopeReachedProvinces.Contains(p.ProvinceCode)));
        });
        b.Entity<Course>(e =>
        {
            e.ToTable("courses");
            e.Property(x => x.Title).HasMaxLength(300);
            e.Property(x => x.Organiser).HasMaxLength(200);
            e.Property(x => x.ProvinceCode).HasMaxLength(2);
            e.Property(x => x.LegalBasis).HasMaxLength(500);
            e.Property(x => x.Venue).HasMaxLength(300);
            e.Property(x => x.TermLabel).HasMaxLength(20);
            e.Property(x => x.FundingSource).HasMaxLength(200);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.MinAttendancePercent).HasPrecision(5, 2);
            e.Property(x => x.PassMark).HasPrecision(5, 2);
            e.Property(x => x.CertificateSymbol).HasMaxLength(30);
            e.Property(x => x.SignerAuthority).HasMaxLength(60);
            e.Property(x => x.SignerTitle).HasMaxLength(100);
            e.Property(x => x.SignerName).HasMaxLength(100);
            e.Property(x => x.Note).HasMaxLength(1000);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne(x => x.Plan).WithMany(p => p.Courses).HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Programme).WithMany().HasForeignKey(x => x.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<AdminUnit>().WithMany().HasForeignKey(x => x.CommuneId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Classes).WithOne().HasForeignKey(x => x.CourseId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Sessions).WithOne(x => x.Course).HasForeignKey(x => x.CourseId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.ProvinceCode, x.StartDate });
            e.HasQueryFilter(c => PeopleScopeAll || PeopleScopeProvinces.Contains(c.ProvinceCode)
                || (c.CommuneId != null && (PeopleScopeCommunes.Contains(c.CommuneId.Value) || PeopleScopeReachedCommunes.Contains(c.CommuneId.Value)))
                || (c.CommuneId == null && PeopleScopeReachedProvinces.Contains(c.ProvinceCode)));
        });
        b.Entity<CourseClass>(e =>
        {
            e.ToTable("course_classes");
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Venue).HasMaxLength(300);
            e.HasQueryFilter(c => Courses.Any(course => course.Id == c.CourseId));
        });
        b.Entity<CourseSession>(e =>
        {
            e.ToTable("course_sessions");
            e.Property(x => x.Topic).HasMaxLength(300);
            e.Property(x => x.Lecturer).HasMaxLength(100);
            e.Property(x => x.LecturerOrganisation).HasMaxLength(200);
            e.Property(x => x.Room).HasMaxLength(100);
            e.Property(x => x.CheckInSecret).HasMaxLength(64);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne<CourseClass>().WithMany().HasForeignKey(x => x.ClassId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<ProgrammeTopic>().WithMany().HasForeignKey(x => x.TopicId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(x => new { x.CourseId, x.Date });
            e.HasQueryFilter(s => Courses.Any(c => c.Id == s.CourseId));
        });
        b.Entity<TargetGroup>(e =>
        {
            e.ToTable("target_groups");
            e.Property(x => x.ProvinceCode).HasMaxLength(2);
            e.Property(x => x.Name).HasMaxLength(300);
            e.Property(x => x.Rule).HasMaxLength(8000);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne<Course>().WithMany().HasForeignKey(x => x.CourseId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<AdminUnit>().WithMany().HasForeignKey(x => x.CommuneId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => x.ProvinceCode);
            e.HasQueryFilter(g => PeopleScopeAll || PeopleScopeProvinces.Contains(g.ProvinceCode)
                || (g.CommuneId != null && (PeopleScopeCommunes.Contains(g.CommuneId.Value) || PeopleScopeReachedCommunes.Contains(g.CommuneId.Value)))
                || (g.CommuneId == null && PeopleScopeReachedProvinces.Contains(g.ProvinceCode)));
        });
        b.Entity<Enrolment>(e =>
        {
            e.ToTable("enrolments");
            e.Property(x => x.ExternalName).HasMaxLength(100);
            e.Property(x => x.ExternalTitle).HasMaxLength(100);
            e.Property(x => x.ExternalOrganisation).HasMaxLength(200);
            e.Property(x => x.CourseProvinceCode).HasMaxLength(2);
            e.Property(x => x.ProvinceCode).HasMaxLength(2);
            e.Property(x => x.Position).HasConversion<string>().HasMaxLength(32);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.WithdrawReason).HasMaxLength(500);
            e.Property(x => x.Source).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.InvitationCode).HasMaxLength(32);
            e.Property(x => x.AssessmentScore).HasPrecision(5, 2);
            e.Property(x => x.Result).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.ResultNote).HasMaxLength(500);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne(x => x.Course).WithMany().HasForeignKey(x => x.CourseId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<CourseClass>().WithMany().HasForeignKey(x => x.ClassId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Person).WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<TargetGroup>().WithMany().HasForeignKey(x => x.TargetGroupId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(x => new { x.CourseId, x.PersonId }).IsUnique();
            e.HasIndex(x => x.InvitationCode).IsUnique();
            e.HasIndex(x => new { x.PersonId, x.Result, x.CourseEndDate });
            e.HasIndex(x => new { x.ProvinceCode, x.CommuneId });
            e.HasQueryFilter(x => PeopleScopeAll || PeopleScopeProvinces.Contains(x.ProvinceCode)
                || (x.CommuneId != null && PeopleScopeCommunes.Contains(x.CommuneId.Value)) || (x.UnitId != null && PeopleScopeUnits.Contains(x.UnitId.Value)));
        });
        b.Entity<Attendance>(e =>
        {
            e.ToTable("attendances");
            e.Property(x => x.CourseProvinceCode).HasMaxLength(2);
            e.Property(x => x.ProvinceCode).HasMaxLength(2);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Method).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne<CourseSession>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(x => x.Enrolment).WithMany().HasForeignKey(x => x.EnrolmentId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.SessionId, x.EnrolmentId }).IsUnique();
            e.HasIndex(x => x.EnrolmentId);
            e.HasQueryFilter(x => PeopleScopeAll || PeopleScopeProvinces.Contains(x.ProvinceCode)
                || (x.CommuneId != null && PeopleScopeCommunes.Contains(x.CommuneId.Value)) || (x.UnitId != null && PeopleScopeUnits.Contains(x.UnitId.Value)));
        });
        b.Entity<Certificate>(e =>
        {
            e.ToTable("certificates");
            e.Property(x => x.CourseProvinceCode).HasMaxLength(2);
            e.Property(x => x.ProvinceCode).HasMaxLength(2);
            e.Property(x => x.Register).HasMaxLength(260);
            e.Property(x => x.Number).HasMaxLength(60);
            e.Property(x => x.Code).HasMaxLength(32);
            e.Property(x => x.HolderName).HasMaxLength(100);
            e.Property(x => x.RevokedReason).HasMaxLength(500);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne(x => x.Enrolment).WithMany().HasForeignKey(x => x.EnrolmentId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Course>().WithMany().HasForeignKey(x => x.CourseId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => x.Code).IsUnique();
            e.HasIndex(x => new { x.Register, x.Sequence }).IsUnique();
            e.HasIndex(x => x.EnrolmentId).IsUnique();
            e.HasQueryFilter(x => PeopleScopeAll || PeopleScopeProvinces.Contains(x.ProvinceCode)
                || (x.CommuneId != null && PeopleScopeCommunes.Contains(x.CommuneId.Value)) || (x.UnitId != null && PeopleScopeUnits.Contains(x.UnitId.Value)));
        });
        b.Entity<FeedbackReceipt>(e =>
        {
            e.ToTable("feedback_receipts");
            e.Property(x => x.ProvinceCode).HasMaxLength(2);
            e.HasOne<Course>().WithMany().HasForeignKey(x => x.CourseId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Enrolment>().WithMany().HasForeignKey(x => x.EnrolmentId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.CourseId, x.EnrolmentId }).IsUnique();
            e.HasIndex(x => x.EnrolmentId);
            e.HasQueryFilter(r => Courses.Any(c => c.Id == r.CourseId));
        });
        b.Entity<FeedbackAnswer>(e =>
        {
            e.ToTable("feedback_answers");
            e.Property(x => x.CourseProvinceCode).HasMaxLength(2);
            e.Property(x => x.Topic).HasMaxLength(300);
            e.Property(x => x.Lecturer).HasMaxLength(100);
            e.Property(x => x.Comment).HasMaxLength(2000);
            e.HasOne<Course>().WithMany().HasForeignKey(x => x.CourseId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<CourseSession>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(x => x.CourseId);
            e.HasQueryFilter(a => Courses.Any(c => c.Id == a.CourseId));
        });
    }
}
