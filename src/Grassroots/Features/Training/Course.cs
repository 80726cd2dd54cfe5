namespace Grassroots.Features.Training;

/// <summary>planned → open → running → finished, or cancelled.</summary>
public enum CourseStatus { Planned = 1, Open = 2, Running = 3, Finished = 4, Cancelled = 5 }

/// <summary>
/// A training plan of an organiser for a year (kế hoạch bồi dưỡng), with the decision that adopted it, e.g.
/// "QĐ 297/QĐ-UBND ngày 18/02/2022"; it lists its courses.
/// </summary>
public sealed class TrainingPlan
{
    public int Id { get; set; }
    /// <summary>Where the organiser sits: a province, and the commune for a commune's plan.</summary>
    public required string ProvinceCode { get; set; }
    public int? CommuneId { get; set; }
    /// <summary>The body that issues the plan ("UBND tỉnh Phú Thọ", "Sở Nội vụ", "Đảng ủy xã …").</summary>
    public required string Organiser { get; set; }
    public int Year { get; set; }
    public required string Title { get; set; }
    public string? DecisionNumber { get; set; }
    public DateOnly? DecisionDate { get; set; }
    public string? DecisionIssuer { get; set; }
    public string? Note { get; set; }
    public bool IsDemo { get; set; }
    public int Version { get; set; } = 1;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<Course> Courses { get; set; } = [];
}

/// <summary>
/// A course (lớp bồi dưỡng, lớp tập huấn) of a programme: organiser, legal basis, venue, dates, capacity, term, funding,
/// status, its classes (when the audience is split) and sessions, and the rules of completion and of its certificates.
/// </summary>
public sealed class Course
{
    public int Id { get; set; }
    public int? PlanId { get; set; }
    public TrainingPlan? Plan { get; set; }
    public int ProgrammeId { get; set; }
    public Programme? Programme { get; set; }
    public required string Title { get; set; }
    /// <summary>The organising body as named on papers ("Trường Chính trị tỉnh Phú Thọ", "UBND xã Đà Bắc").</summary>
    public required string Organiser { get; set; }
    /// <summary>Where the organiser sits: a province, and the commune for a commune's course (what scopes reach it by).</summary>
    public required string ProvinceCode { get; set; }
    public int? CommuneId { get; set; }
    public string? LegalBasis { get; set; }
    public string? Venue { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }
    public int? Capacity { get; set; }
    public string? TermLabel { get; set; }
    public string? FundingSource { get; set; }
    public CourseStatus Status { get; set; } = CourseStatus.Planned;
    /// <summary>Completion: the share of sessions attended (present or late), in percent.</summary>
    public decimal MinAttendancePercent { get; set; } = 80;
    /// <summary>Completion also needs a final assessment (bài thu hoạch, test) scored at least <see cref="PassMark"/>.</summary>
    public bool AssessmentRequired { get; set; }
    public decimal? PassMark { get; set; }
    /// <summary>Certificates: the register's symbol ("GCN-TCT"), and who signs ("KT. HIỆU TRƯỞNG" / "PHÓ HIỆU TRƯỞNG" / name).</summary>
    public string? CertificateSymbol { get; set; }
    public string? SignerAuthority { get; set; }
    public string? SignerTitle { get; set; }
    public string? SignerName { get; set; }
    public string? Note { get; set; }
    public bool IsDemo { get; set; }
    public int Version { get; set; } = 1;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<CourseClass> Classes { get; set; } = [];
    public List<CourseSession> Sessions { get; set; } = [];

    public void Touch(DateTime now)
    {
        Version++;
        UpdatedAt = now;
    }

    public static string StatusName(CourseStatus status) => status switch
    {
        CourseStatus.Planned => "Dự kiến",
        CourseStatus.Open => "Đang nhận học viên",
        CourseStatus.Running => "Đang học",
        CourseStatus.Finished => "Đã kết thúc",
        CourseStatus.Cancelled => "Đã hủy",
        _ => status.ToString(),
    };
}

/// <summary>A class (lớp) of a course when its audience is split ("Lớp 1", "Lớp 2"), with its own capacity and room.</summary>
public sealed class CourseClass
{
    public int Id { get; set; }
    public int CourseId { get; set; }
    public required string Name { get; set; }
    public int? Capacity { get; set; }
    public string? Venue { get; set; }
}

/// <summary>
/// A session (buổi học) of a course, or of one of its classes: date, hours, topic, lecturer, room. The check-in secret
/// makes the rotating QR code shown in the room for self check-in.
/// </summary>
public sealed class CourseSession
{
    public int Id { get; set; }
    public int CourseId { get; set; }
    public Course? Course { get; set; }
    /// <summary>The class it is for; null when all classes sit together.</summary>
    public int? ClassId { get; set; }
    public DateOnly Date { get; set; }
    public TimeOnly StartTime { get; set; }
    public TimeOnly EndTime { get; set; }
    public int? TopicId { get; set; }
    public required string Topic { get; set; }
    public string? Lecturer { get; set; }
    public string? LecturerOrganisation { get; set; }
    public string? Room { get; set; }
    /// <summary>Random key (base64) for the rotating check-in code; never shown.</summary>
    public required string CheckInSecret { get; set; }
    public int Version { get; set; } = 1;
}
