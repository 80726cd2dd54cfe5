using System.Globalization;
using Grassroots.Features.People.Pages;
using Grassroots.Features.Training.Courses;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Grassroots.Features.Training.Pages;

/// <summary>A course as typed in the form (dates as dd/MM/yyyy text); up to four classes.</summary>
public sealed class CourseForm
{
    public const int ClassRows = 4;

    public int Version { get; set; }
    public string? Title { get; set; }
    public int? ProgrammeId { get; set; }
    public int? PlanId { get; set; }
    public string? Organiser { get; set; }
    public string? ProvinceCode { get; set; }
    public string? CommuneCode { get; set; }
    public string? LegalBasis { get; set; }
    public string? Venue { get; set; }
    public string? StartDate { get; set; }
    public string? EndDate { get; set; }
    public int? Capacity { get; set; }
    public string? TermLabel { get; set; }
    public string? FundingSource { get; set; }
    public decimal? MinAttendancePercent { get; set; } = 80;
    public bool AssessmentRequired { get; set; }
    public decimal? PassMark { get; set; }
    public string? CertificateSymbol { get; set; }
    public string? SignerAuthority { get; set; }
    public string? SignerTitle { get; set; }
    public string? SignerName { get; set; }
    public string? Note { get; set; }
    public List<ClassForm> Classes { get; set; } = [];

    public sealed class ClassForm
    {
        public int? Id { get; set; }
        public string? Name { get; set; }
        public int? Capacity { get; set; }
        public string? Venue { get; set; }
    }

    /// <summary>Blank class rows up to <see cref="ClassRows"/>, for the form.</summary>
    public CourseForm Padded()
    {
        while (Classes.Count < ClassRows) Classes.Add(new ClassForm());
        return this;
    }

    public CourseInput? ToInput(ModelStateDictionary modelState)
    {
        var start = FormDates.Read(modelState, "Input.StartDate", StartDate, "Ngày khai giảng");
        var end = FormDates.Read(modelState, "Input.EndDate", EndDate, "Ngày bế giảng");
        if (!modelState.IsValid) return null;
        return new CourseInput(Title, ProgrammeId, PlanId, Organiser, ProvinceCode, CommuneCode, LegalBasis, Venue, start.Date, end.Date, Capacity, TermLabel,
            FundingSource, MinAttendancePercent, AssessmentRequired, PassMark, CertificateSymbol, SignerAuthority, SignerTitle, SignerName, Note,
            [.. Classes.Where(c => c.Id is not null || !string.IsNullOrWhiteSpace(c.Name)).Select(c => new ClassInput(c.Id, c.Name, c.Capacity, c.Venue))]);
    }

    public static CourseForm From(CourseDetail d, string? communeCode) => new CourseForm
    {
        Version = d.Course.Version, Title = d.Course.Title, ProgrammeId = d.Course.ProgrammeId, PlanId = d.Course.PlanId, Organiser = d.Course.Organiser,
        ProvinceCode = d.Course.ProvinceCode, CommuneCode = communeCode, LegalBasis = d.LegalBasis, Venue = d.Course.Venue,
        StartDate = FormDates.Show(d.Course.StartDate), EndDate = FormDates.Show(d.Course.EndDate), Capacity = d.Course.Capacity, TermLabel = d.Course.TermLabel,
        FundingSource = d.FundingSource, MinAttendancePercent = d.MinAttendancePercent, AssessmentRequired = d.AssessmentRequired, PassMark = d.PassMark,
        CertificateSymbol = d.CertificateSymbol, SignerAuthority = d.SignerAuthority, SignerTitle = d.SignerTitle, SignerName = d.SignerName, Note = d.Note,
        Classes = [.. d.Classes.Select(c => new ClassForm { Id = c.Id, Name = c.Name, Capacity = c.Capacity, Venue = c.Venue })],
    }.Padded();
}

/// <summary>A session as typed: date dd/MM/yyyy, hours HH:mm.</summary>
public sealed class SessionForm
{
    public int Version { get; set; }
    public int? ClassId { get; set; }
    public string? Date { get; set; }
    public string? StartTime { get; set; } = "07:30";
    public string? EndTime { get; set; } = "11:00";
    public int? TopicId { get; set; }
    public string? Topic { get; set; }
    public string? Lecturer { get; set; }
    public string? LecturerOrganisation { get; set; }
    public string? Room { get; set; }

    public SessionInput? ToInput(ModelStateDictionary modelState)
    {
        var date = FormDates.Read(modelState, "Input.Date", Date, "Ngày học");
        var start = Time(modelState, "Input.StartTime", StartTime, "Giờ bắt đầu");
        var end = Time(modelState, "Input.EndTime", EndTime, "Giờ kết thúc");
        if (!modelState.IsValid) return null;
        return new SessionInput(ClassId, date.Date, start, end, TopicId, Topic, Lecturer, LecturerOrganisation, Room);
    }

    private static TimeOnly? Time(ModelStateDictionary modelState, string key, string? text, string label)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (TimeOnly.TryParseExact(text.Trim(), ["H:mm", "HH:mm", "H'h'mm", "H'g'mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)) return time;
        modelState.AddModelError(key, $"{label} \"{text.Trim()}\" không hợp lệ: nhập theo dạng giờ:phút, ví dụ 07:30.");
        return null;
    }

    public static SessionForm From(SessionRow s) => new()
    {
        Version = s.Version, ClassId = s.ClassId, Date = FormDates.Show(s.Date), StartTime = s.StartTime.ToString("HH:mm", CultureInfo.InvariantCulture),
        EndTime = s.EndTime.ToString("HH:mm", CultureInfo.InvariantCulture), TopicId = s.TopicId, Topic = s.TopicId is null ? s.Topic : null,
        Lecturer = s.Lecturer, LecturerOrganisation = s.LecturerOrganisation, Room = s.Room,
    };
}
