using Grassroots.Features.People;

namespace Grassroots.Features.Training;

public enum EnrolmentStatus { Enrolled = 1, Waiting = 2, Withdrawn = 3 }

/// <summary>How someone came on the list: by a target group's rule, by hand, or as an invited guest not in the registry.</summary>
public enum EnrolmentSource { Rule = 1, Manual = 2, External = 3 }

public enum TrainingResult { Pending = 1, Completed = 2, NotCompleted = 3 }

/// <summary>
/// A target group (đối tượng): a rule over the leaders registry as of a date (positions, modes, Party membership, age,
/// gender, ethnicity, unit kind, places, term, "not trained in programme P since D" …, combined with and/or), kept as
/// JSON in <see cref="Rule"/> and evaluated by <c>TargetGroups</c>.
/// </summary>
public sealed class TargetGroup
{
    public int Id { get; set; }
    public int? CourseId { get; set; }
    public required string ProvinceCode { get; set; }
    public int? CommuneId { get; set; }
    public required string Name { get; set; }
    /// <summary>The date the rule is read at (who holds which post then); null: the course's start.</summary>
    public DateOnly? AsOf { get; set; }
    public required string Rule { get; set; }
    public int Version { get; set; } = 1;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// A person on a course's list (học viên), or an invited guest outside the registry; their place and post when enrolled
/// (what scopes reach the row by), status (enrolled, waiting, withdrawn), assessment, result and invitation code.
/// </summary>
public sealed class Enrolment
{
    public int Id { get; set; }
    public int CourseId { get; set; }
    public Course? Course { get; set; }
    /// <summary>
    /// The course's end date, kept equal to it (<c>SaveCourse</c> updates the course's rows when the date changes): coverage
    /// asks "completed a course that ended during the term" of every holder, and with the date here that is one probe
    /// of the (PersonId, Result, CourseEndDate) index, without reading the enrolment or the course.
    /// </summary>
    public required DateOnly CourseEndDate { get; set; }
    public int? ClassId { get; set; }
    public int? PersonId { get; set; }
    public Person? Person { get; set; }
    /// <summary>A guest outside the registry: name, title and organisation as given.</summary>
    public string? ExternalName { get; set; }
    public string? ExternalTitle { get; set; }
    public string? ExternalOrganisation { get; set; }
    /// <summary>Where the course's organiser sits (who may manage the row).</summary>
    public required string CourseProvinceCode { get; set; }
    public int? CourseCommuneId { get; set; }
    /// <summary>Where the person is (who may see the row): province, commune and the unit of the post they are enrolled for.</summary>
    public required string ProvinceCode { get; set; }
    public int? CommuneId { get; set; }
    public int? UnitId { get; set; }
    public Position? Position { get; set; }
    public EnrolmentStatus Status { get; set; } = EnrolmentStatus.Enrolled;
    public string? WithdrawReason { get; set; }
    public EnrolmentSource Source { get; set; }
    public int? TargetGroupId { get; set; }
    /// <summary>Unguessable code of the person's invitation page.</summary>
    public required string InvitationCode { get; set; }
    public decimal? AssessmentScore { get; set; }
    public TrainingResult Result { get; set; } = TrainingResult.Pending;
    /// <summary>The organiser set the result by hand (with <see cref="ResultNote"/>) instead of the computed one.</summary>
    public bool ResultOverridden { get; set; }
    public string? ResultNote { get; set; }
    public int Version { get; set; } = 1;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public void Touch(DateTime now)
    {
        Version++;
        UpdatedAt = now;
    }
}
