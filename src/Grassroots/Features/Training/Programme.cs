namespace Grassroots.Features.Training;

/// <summary>bồi dưỡng / tập huấn / đào tạo (glossary).</summary>
public enum TrainingType
{
    CapacityBuilding = 1, // bồi dưỡng
    ShortTraining = 2,    // tập huấn
    FormalEducation = 3,  // đào tạo
}

/// <summary>
/// A training programme (chương trình bồi dưỡng) and its topics (chuyên đề). A programme without a province is in the
/// shared catalogue (seeded from domain.md §3.3); a province may keep its own.
/// </summary>
public sealed class Programme
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public TrainingType Type { get; set; } = TrainingType.CapacityBuilding;
    /// <summary>The province that keeps it; null for the shared catalogue.</summary>
    public string? ProvinceCode { get; set; }
    public bool IsDemo { get; set; }
    public int Version { get; set; } = 1;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<ProgrammeTopic> Topics { get; set; } = [];

    public decimal TotalHours => Topics.Sum(t => t.Hours);

    public static string TypeName(TrainingType type) => type switch
    {
        TrainingType.CapacityBuilding => "Bồi dưỡng",
        TrainingType.ShortTraining => "Tập huấn",
        TrainingType.FormalEducation => "Đào tạo",
        _ => type.ToString(),
    };
}

/// <summary>A topic of a programme (chuyên đề): title, hours, and who usually teaches it.</summary>
public sealed class ProgrammeTopic
{
    public int Id { get; set; }
    public int ProgrammeId { get; set; }
    public int Order { get; set; }
    public required string Title { get; set; }
    public decimal Hours { get; set; }
    public string? Lecturer { get; set; }
    public string? LecturerOrganisation { get; set; }
}
