using System.ComponentModel.DataAnnotations;

namespace Grassroots.Features.Units.Pages;

/// <summary>The fields every dated change carries: effective date and the decision it rests on.</summary>
public class EventForm
{
    [Display(Name = "Ngày hiệu lực")]
    [Required(ErrorMessage = "Chưa nhập ngày hiệu lực.")]
    public DateOnly? EffectiveDate { get; set; }

    [Display(Name = "Số quyết định/nghị quyết")]
    [StringLength(60, ErrorMessage = "Số quyết định dài quá 60 ký tự.")]
    public string? DecisionNumber { get; set; }

    [Display(Name = "Ngày quyết định")]
    public DateOnly? DecisionDate { get; set; }

    [Display(Name = "Cơ quan ban hành")]
    [StringLength(200, ErrorMessage = "Tên cơ quan ban hành dài quá 200 ký tự.")]
    public string? DecisionIssuer { get; set; }

    [Display(Name = "Ghi chú")]
    [StringLength(1000, ErrorMessage = "Ghi chú dài quá 1000 ký tự.")]
    public string? Note { get; set; }

    public DecisionInput Decision => new(DecisionNumber, DecisionDate, DecisionIssuer);
}
