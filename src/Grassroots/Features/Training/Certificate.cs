namespace Grassroots.Features.Training;

/// <summary>
/// A certificate of completion (giấy chứng nhận): its number in the organiser's register (sequence within
/// <see cref="Register"/>, shown as "15/GCN-TCT"), an unguessable <see cref="Code"/> for the public verification page,
/// the holder as printed, and whether it was revoked.
/// </summary>
public sealed class Certificate
{
    public int Id { get; set; }
    public int EnrolmentId { get; set; }
    public Enrolment? Enrolment { get; set; }
    public int CourseId { get; set; }
    public required string CourseProvinceCode { get; set; }
    public int? CourseCommuneId { get; set; }
    public required string ProvinceCode { get; set; }
    public int? CommuneId { get; set; }
    public int? UnitId { get; set; }
    /// <summary>The organiser's register: province, organiser and year ("25|Trường Chính trị tỉnh Phú Thọ|2026").</summary>
    public required string Register { get; set; }
    public int Sequence { get; set; }
    public required string Number { get; set; }
    public required string Code { get; set; }
    public DateOnly IssuedOn { get; set; }
    public required string HolderName { get; set; }
    public DateOnly? HolderBirthDate { get; set; }
    public bool Revoked { get; set; }
    public string? RevokedReason { get; set; }
    public DateTime? RevokedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; } = 1;
}

/// <summary>That a participant has answered a course's feedback (once); what they answered is kept apart, without them.</summary>
public sealed class FeedbackReceipt
{
    public int Id { get; set; }
    public int CourseId { get; set; }
    public int EnrolmentId { get; set; }
    public required string ProvinceCode { get; set; }
    public DateTime SubmittedAt { get; set; }
}

/// <summary>
/// One anonymous rating (1–5) of a topic and its lecturer, with an optional comment. It holds no link to who gave it,
/// a random key (no insertion order to match against receipts) and no time.
/// </summary>
public sealed class FeedbackAnswer
{
    public Guid Id { get; set; }
    public int CourseId { get; set; }
    public required string CourseProvinceCode { get; set; }
    public int? CourseCommuneId { get; set; }
    public int? SessionId { get; set; }
    public required string Topic { get; set; }
    public string? Lecturer { get; set; }
    public int Rating { get; set; }
    public string? Comment { get; set; }
}
