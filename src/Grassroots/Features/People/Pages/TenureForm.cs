using System.ComponentModel.DataAnnotations;
using Grassroots.Features.Units;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Grassroots.Features.People.Pages;

/// <summary>A tenure as typed: to record one (with an existing person or a new one) or to correct one.</summary>
public sealed class TenureForm
{
    public int Version { get; set; }
    /// <summary>The existing person chosen; otherwise <see cref="Person"/> is a new one.</summary>
    public int? PersonId { get; set; }
    public PersonForm Person { get; set; } = new();
    /// <summary>New person: registered as a permanent resident of this unit (else the record is kept by its commune).</summary>
    [Display(Name = "Thường trú tại thôn/tổ dân phố này")]
    public bool ResidesHere { get; set; } = true;

    [Display(Name = "Chức danh")]
    [Required(ErrorMessage = "Chưa chọn chức danh.")]
    public Position? Position { get; set; }
    [Display(Name = "Tên chức danh")]
    public string? Title { get; set; }
    [Display(Name = "Hình thức")]
    [Required(ErrorMessage = "Chưa chọn hình thức (bầu, công nhận, lâm thời, kéo dài, kiêm nhiệm).")]
    public TenureMode? Mode { get; set; }
    [Display(Name = "Nhiệm kỳ")]
    public string? TermLabel { get; set; }
    [Display(Name = "Ngày bắt đầu")]
    public string? StartDate { get; set; }
    [Display(Name = "Ngày dự kiến hết nhiệm kỳ")]
    public string? PlannedEndDate { get; set; }
    public DecisionForm StartDecision { get; set; } = new();
    [Display(Name = "Ghi chú")]
    public string? Note { get; set; }

    // Only for a tenure that has ended (when correcting it).
    [Display(Name = "Ngày thôi giữ chức danh")]
    public string? EndDate { get; set; }
    [Display(Name = "Lý do thôi")]
    public EndReason? EndReason { get; set; }
    public DecisionForm EndDecision { get; set; } = new();

    /// <summary>
    /// The use case's input, or null when a date does not read or the start date is missing (errors in <paramref name="modelState"/>).
    /// A new person is resident here when <see cref="ResidesHere"/>; otherwise kept by <paramref name="communeCode"/>.
    /// </summary>
    public TenureInput? ToInput(ModelStateDictionary modelState, int unitId, string communeCode, bool newPerson)
    {
        var start = FormDates.Read(modelState, "Input.StartDate", StartDate, "Ngày bắt đầu");
        if (start is { Ok: true, Date: null }) modelState.AddModelError("Input.StartDate", "Chưa nhập ngày bắt đầu.");
        var planned = FormDates.Read(modelState, "Input.PlannedEndDate", PlannedEndDate, "Ngày dự kiến hết nhiệm kỳ");
        var end = FormDates.Read(modelState, "Input.EndDate", EndDate, "Ngày thôi giữ chức danh");
        var startDecision = StartDecision.Read(modelState, "Input.StartDecision");
        var endDecision = EndDecision.Read(modelState, "Input.EndDecision");
        var person = newPerson ? Person.ToInput(modelState, "Input.Person", ResidesHere ? unitId : null, ResidesHere ? null : communeCode) : null;
        if (!modelState.IsValid || start.Date is not { } startDate) return null;
        return new TenureInput(unitId, newPerson ? null : PersonId, person, Position!.Value, Title, Mode!.Value, TermLabel, startDate, planned.Date,
            startDecision.Decision, Note, end.Date, end.Date is null ? null : EndReason, end.Date is null ? null : endDecision.Decision);
    }

    public static TenureForm From(LeaderRow t) => new()
    {
        Version = t.Version, PersonId = t.PersonId, Position = t.Position, Title = t.Title, Mode = t.Mode, TermLabel = t.TermLabel,
        StartDate = FormDates.Show(t.StartDate), PlannedEndDate = FormDates.Show(t.PlannedEndDate), StartDecision = DecisionForm.From(t.StartDecision),
        EndDate = FormDates.Show(t.EndDate), EndReason = t.EndReason, EndDecision = DecisionForm.From(t.EndDecision),
    };

    /// <summary>The positions to choose from, named as the unit's kind calls them.</summary>
    public static IEnumerable<(Position Value, string Name)> Positions(UnitKind kind) =>
        Enum.GetValues<Position>().Select(p => (p, Tenure.PositionName(p, kind)));

    public static IEnumerable<(TenureMode Value, string Name)> Modes => Enum.GetValues<TenureMode>().Select(m => (m, Tenure.ModeName(m)));

    public static IEnumerable<(EndReason Value, string Name)> EndReasons => Enum.GetValues<EndReason>().Select(r => (r, Tenure.EndReasonName(r)));
}

/// <summary>Ending a tenure: the last day held, why, and on which decision.</summary>
public sealed class EndTenureForm
{
    public int Version { get; set; }
    [Display(Name = "Ngày thôi giữ chức danh")]
    public string? EndDate { get; set; }
    [Display(Name = "Lý do thôi")]
    [Required(ErrorMessage = "Chưa chọn lý do thôi giữ chức danh.")]
    public EndReason? EndReason { get; set; }
    public DecisionForm EndDecision { get; set; } = new();
    [Display(Name = "Ghi chú")]
    public string? Note { get; set; }

    public EndTenureInput? ToInput(ModelStateDictionary modelState, int id)
    {
        var end = FormDates.Read(modelState, "Input.EndDate", EndDate, "Ngày thôi giữ chức danh");
        if (end is { Ok: true, Date: null }) modelState.AddModelError("Input.EndDate", "Chưa nhập ngày thôi giữ chức danh.");
        var decision = EndDecision.Read(modelState, "Input.EndDecision");
        if (!modelState.IsValid || end.Date is not { } endDate) return null;
        return new EndTenureInput(id, Version, endDate, EndReason, decision.Decision, Note);
    }
}
