using Grassroots.Common;
using Grassroots.Features.Units;

namespace Grassroots.Features.People;

/// <summary>Đảng viên chính thức / dự bị.</summary>
public enum PartyStatus { Official = 1, Probationary = 2 }

/// <summary>
/// A person who leads (or led) a residential unit. Personal identifiers (national id, date of birth, phone) are
/// shown masked to users without <see cref="Accounts.Permission.ViewPersonalIdentifiers"/>.
/// </summary>
public sealed class Person
{
    public int Id { get; set; }
    /// <summary>Province of the commune that keeps the record: what scopes reach the person by.</summary>
    public required string ProvinceCode { get; set; }
    /// <summary>The commune that keeps the record (that of the residence unit when there is one).</summary>
    public int CommuneId { get; set; }
    public required string FullName { get; set; }
    /// <summary><see cref="VietnameseText.Fold"/> of the name: diacritics-free search.</summary>
    public required string SearchName { get; set; }
    /// <summary><see cref="VietnameseText.PersonSortKey"/>: given name first, Vietnamese letter order.</summary>
    public required string SortKey { get; set; }
    public Gender Gender { get; set; }
    public DateOnly? DateOfBirth { get; set; }
    /// <summary>Code of one of the 54 ethnic groups ("01" Kinh … "54").</summary>
    public string? EthnicityCode { get; set; }
    public string? ReligionCode { get; set; }
    /// <summary>Căn cước công dân, 12 digits; unique.</summary>
    public string? NationalId { get; set; }
    public string? Phone { get; set; }
    /// <summary>The residential unit where the person is registered as a permanent resident (thường trú).</summary>
    public int? ResidenceUnitId { get; set; }
    public ResidentialUnit? ResidenceUnit { get; set; }
    /// <summary>Whether the person actually lives there (cư trú thường xuyên) — R-ELIG-01 needs both.</summary>
    public bool LivesInUnit { get; set; } = true;
    public bool PartyMember { get; set; }
    public DateOnly? PartyAdmissionDate { get; set; }
    public PartyStatus? PartyStatus { get; set; }
    /// <summary>Trình độ văn hóa as written in records: "12/12", "9/12", "10/10".</summary>
    public string? GeneralEducation { get; set; }
    /// <summary>Professional qualification code (SC, TC, CD, DH, THS, TS).</summary>
    public string? ProfessionalQualification { get; set; }
    /// <summary>Political-theory level code (SC, TC, CC, CN).</summary>
    public string? PoliticalTheory { get; set; }
    /// <summary>State-management training code (CS, CV, CVC, CVCC).</summary>
    public string? StateManagement { get; set; }
    public string? Note { get; set; }
    /// <summary>Synthetic demo data (its national id is valid in form but made up).</summary>
    public bool IsDemo { get; set; }
    public int Version { get; set; } = 1;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public List<Tenure> Tenures { get; set; } = [];

    public void SetName(string fullName)
    {
        FullName = VietnameseText.Clean(fullName);
        SearchName = VietnameseText.Fold(fullName);
        SortKey = VietnameseText.PersonSortKey(fullName);
    }

    public void Touch(DateTime now)
    {
        Version++;
        UpdatedAt = now;
    }

    /// <summary>Age in whole years on a date.</summary>
    public static int? AgeOn(DateOnly? born, DateOnly date)
    {
        if (born is not { } b) return null;
        var age = date.Year - b.Year;
        return date < b.AddYears(age) ? age - 1 : age;
    }

    public static string GenderName(Gender gender) => gender == Gender.Male ? "Nam" : "Nữ";

    public static string PartyStatusName(PartyStatus? status) => status switch
    {
        People.PartyStatus.Official => "Chính thức",
        People.PartyStatus.Probationary => "Dự bị",
        _ => "",
    };
}
