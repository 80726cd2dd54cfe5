using System.ComponentModel.DataAnnotations;
using Grassroots.Common;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Grassroots.Features.People.Pages;

/// <summary>
/// A person's fields as typed into a form: dates are text (dd/MM/yyyy, or yyyy-MM-dd), read by <see cref="FormDates"/>
/// so that the message for a bad one is Vietnamese and sits next to the field.
/// </summary>
public sealed class PersonForm
{
    [Display(Name = "Họ và tên")]
    public string? FullName { get; set; }
    [Display(Name = "Giới tính")]
    public Gender? Gender { get; set; }
    [Display(Name = "Ngày sinh")]
    public string? DateOfBirth { get; set; }
    [Display(Name = "Dân tộc")]
    public string? EthnicityCode { get; set; }
    [Display(Name = "Tôn giáo")]
    public string? ReligionCode { get; set; }
    [Display(Name = "Số căn cước công dân")]
    public string? NationalId { get; set; }
    [Display(Name = "Số điện thoại")]
    public string? Phone { get; set; }
    [Display(Name = "Cư trú thường xuyên tại nơi thường trú")]
    public bool LivesInUnit { get; set; } = true;
    [Display(Name = "Đảng viên")]
    public bool PartyMember { get; set; }
    [Display(Name = "Ngày vào Đảng")]
    public string? PartyAdmissionDate { get; set; }
    [Display(Name = "Loại đảng viên")]
    public PartyStatus? PartyStatus { get; set; }
    [Display(Name = "Trình độ văn hóa")]
    public string? GeneralEducation { get; set; }
    [Display(Name = "Trình độ chuyên môn")]
    public string? ProfessionalQualification { get; set; }
    [Display(Name = "Trình độ lý luận chính trị")]
    public string? PoliticalTheory { get; set; }
    [Display(Name = "Trình độ quản lý nhà nước")]
    public string? StateManagement { get; set; }
    [Display(Name = "Ghi chú")]
    public string? Note { get; set; }

    /// <summary>The use case's input, or null (with errors in <paramref name="modelState"/> under <paramref name="prefix"/>) when a date does not read.</summary>
    public PersonInput? ToInput(ModelStateDictionary modelState, string prefix, int? residenceUnitId, string? communeCode)
    {
        var born = FormDates.Read(modelState, prefix + ".DateOfBirth", DateOfBirth, "Ngày sinh");
        var admitted = FormDates.Read(modelState, prefix + ".PartyAdmissionDate", PartyAdmissionDate, "Ngày vào Đảng");
        if (!born.Ok || !admitted.Ok) return null;
        return new PersonInput(FullName, Gender, born.Date, Blank(EthnicityCode), Blank(ReligionCode), NationalId, Phone, residenceUnitId,
            residenceUnitId is not null && LivesInUnit, communeCode, PartyMember, PartyMember ? admitted.Date : null, PartyMember ? PartyStatus : null,
            GeneralEducation, Blank(ProfessionalQualification), Blank(PoliticalTheory), Blank(StateManagement), Note);
    }

    /// <summary>The form filled from a stored person (only for users who may see the identifiers).</summary>
    public static PersonForm From(Person p) => new()
    {
        FullName = p.FullName, Gender = p.Gender, DateOfBirth = FormDates.Show(p.DateOfBirth), EthnicityCode = p.EthnicityCode,
        ReligionCode = p.ReligionCode, NationalId = p.NationalId, Phone = p.Phone, LivesInUnit = p.LivesInUnit, PartyMember = p.PartyMember,
        PartyAdmissionDate = FormDates.Show(p.PartyAdmissionDate), PartyStatus = p.PartyStatus, GeneralEducation = p.GeneralEducation,
        ProfessionalQualification = p.ProfessionalQualification, PoliticalTheory = p.PoliticalTheory, StateManagement = p.StateManagement, Note = p.Note,
    };

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>The decision a tenure starts or ends on, as typed.</summary>
public sealed class DecisionForm
{
    [Display(Name = "Số quyết định")]
    public string? Number { get; set; }
    [Display(Name = "Ngày quyết định")]
    public string? Date { get; set; }
    [Display(Name = "Cơ quan ban hành")]
    public string? Issuer { get; set; }
    [Display(Name = "Người ký")]
    public string? Signer { get; set; }

    public (bool Ok, TenureDecision? Decision) Read(ModelStateDictionary modelState, string prefix)
    {
        var date = FormDates.Read(modelState, prefix + ".Date", Date, "Ngày quyết định");
        if (!date.Ok) return (false, null);
        return (true, new TenureDecision(Number, date.Date, Issuer, Signer));
    }

    public static DecisionForm From(TenureDecision? d) => new() { Number = d?.Number, Date = FormDates.Show(d?.Date), Issuer = d?.Issuer, Signer = d?.Signer };
}

/// <summary>Dates typed as dd/MM/yyyy (also d/M/yyyy and yyyy-MM-dd, what a date picker sends).</summary>
public static class FormDates
{
    public const string Hint = "dd/MM/yyyy";

    public static string? Show(DateOnly? date) => date is { } d ? VietnameseText.FormatDate(d) : null;

    /// <summary>Blank → (true, null); a date → (true, date); anything else → (false, null) with a message under <paramref name="key"/>.</summary>
    public static (bool Ok, DateOnly? Date) Read(ModelStateDictionary modelState, string key, string? text, string label)
    {
        if (string.IsNullOrWhiteSpace(text)) return (true, null);
        if (VietnameseText.TryParseDate(text, out var date)) return (true, date);
        modelState.AddModelError(key, $"{label} \"{text.Trim()}\" không hợp lệ: nhập theo dạng dd/MM/yyyy, ví dụ 01/07/2025.");
        return (false, null);
    }

    /// <summary>A person's date of birth as a row gives it (ISO, or the mask) in the Vietnamese form.</summary>
    public static string ShowRowDate(string? isoOrMask) =>
        DateOnly.TryParseExact(isoOrMask, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d)
            ? VietnameseText.FormatDate(d) : isoOrMask ?? "";
}
