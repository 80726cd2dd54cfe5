using Grassroots.Features.People.Pages;
using Grassroots.Features.Training.Courses;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Grassroots.Features.Training.Pages;

/// <summary>A training plan as typed (decision date dd/MM/yyyy).</summary>
public sealed class PlanForm
{
    public int Version { get; set; }
    public string? Title { get; set; }
    public string? Organiser { get; set; }
    public int? Year { get; set; }
    public string? ProvinceCode { get; set; }
    public string? CommuneCode { get; set; }
    public string? DecisionNumber { get; set; }
    public string? DecisionDate { get; set; }
    public string? DecisionIssuer { get; set; }
    public string? Note { get; set; }

    public PlanInput? ToInput(ModelStateDictionary modelState)
    {
        var date = FormDates.Read(modelState, "Input.DecisionDate", DecisionDate, "Ngày quyết định");
        return modelState.IsValid ? new PlanInput(Title, Organiser, Year, ProvinceCode, CommuneCode, DecisionNumber, date.Date, DecisionIssuer, Note) : null;
    }

    public static PlanForm From(PlanRow p, string? communeCode) => new()
    {
        Version = p.Version, Title = p.Title, Organiser = p.Organiser, Year = p.Year, ProvinceCode = p.ProvinceCode, CommuneCode = communeCode,
        DecisionNumber = p.DecisionNumber, DecisionDate = FormDates.Show(p.DecisionDate), DecisionIssuer = p.DecisionIssuer, Note = p.Note,
    };
}
