namespace Grassroots.Features.Training;

public enum AttendanceStatus { Present = 1, Late = 2, Excused = 3, Absent = 4 }

/// <summary>How a mark was made: roll call, entered from a scanned sign-in sheet, the leader's own QR check-in, or a later correction.</summary>
public enum AttendanceMethod { RollCall = 1, SignInSheet = 2, SelfCheckIn = 3, Correction = 4 }

/// <summary>One person's attendance at one session; at most one per session and enrolment.</summary>
public sealed class Attendance
{
    public long Id { get; set; }
    public int SessionId { get; set; }
    public int EnrolmentId { get; set; }
    public Enrolment? Enrolment { get; set; }
    public int? PersonId { get; set; }
    /// <summary>Copied from the enrolment: who may record (the course's place) and who may see (the person's place).</summary>
    public required string CourseProvinceCode { get; set; }
    public int? CourseCommuneId { get; set; }
    public required string ProvinceCode { get; set; }
    public int? CommuneId { get; set; }
    public int? UnitId { get; set; }
    public AttendanceStatus Status { get; set; }
    public AttendanceMethod Method { get; set; }
    public DateTime RecordedAt { get; set; }
    public int Version { get; set; } = 1;

    public static bool Counts(AttendanceStatus status) => status is AttendanceStatus.Present or AttendanceStatus.Late;

    public static string StatusName(AttendanceStatus status) => status switch
    {
        AttendanceStatus.Present => "Có mặt",
        AttendanceStatus.Late => "Đến muộn",
        AttendanceStatus.Excused => "Vắng có phép",
        AttendanceStatus.Absent => "Vắng",
        _ => status.ToString(),
    };
}
