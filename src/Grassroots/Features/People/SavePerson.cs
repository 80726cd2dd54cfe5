using System.Text.RegularExpressions;
using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Units;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.People;

/// <summary>What a person's record holds, as entered (pages, API, import).</summary>
public sealed record PersonInput(
    string? FullName, Gender? Gender, DateOnly? DateOfBirth, string? EthnicityCode, string? ReligionCode, string? NationalId, string? Phone,
    int? ResidenceUnitId, bool LivesInUnit = true, string? CommuneCode = null, bool PartyMember = false, DateOnly? PartyAdmissionDate = null,
    PartyStatus? PartyStatus = null, string? GeneralEducation = null, string? ProfessionalQualification = null, string? PoliticalTheory = null,
    string? StateManagement = null, string? Note = null);

/// <summary>Creates and updates people's records: every field checked, the national id unique.</summary>
public sealed partial class SavePerson(AppDb db, TimeProvider time)
{
    public const string NationalIdExists = "national_id_exists";

    [GeneratedRegex(@"^(\d{1,2})/(10|12)$")]
    private static partial Regex EducationPattern();

    public async Task<Result<Person>> CreateAsync(PersonInput input, CancellationToken ct, bool isDemo = false)
    {
        var person = new Person { ProvinceCode = "", FullName = "", SearchName = "", SortKey = "", IsDemo = isDemo };
        var errors = await ApplyAsync(person, input, "", ct);
        if (errors.Count > 0) return Result<Person>.Fail(errors);
        person.CreatedAt = person.UpdatedAt = time.UtcNow();
        db.People.Add(person);
        db.Operation ??= "create-person";
        await db.SaveChangesAsync(ct);
        return Result<Person>.Ok(person);
    }

    public async Task<Result<Person>> UpdateAsync(int id, int version, PersonInput input, CancellationToken ct)
    {
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (person is null) return Error.NotFound("người này");
        if (person.Version != version) return Conflict(person.Version, version);
        var errors = await ApplyAsync(person, input, "", ct);
        if (errors.Count > 0) return Result<Person>.Fail(errors);
        person.Touch(time.UtcNow());
        db.Operation ??= "update-person";
        // Residence feeds R-ELIG-01: re-evaluate the units where the person holds a position.
        var units = await db.Tenures.Where(t => t.PersonId == id).Select(t => t.UnitId).Distinct().ToListAsync(ct);
        foreach (var unitId in units) await TenureRules.RefreshUnitAsync(db, unitId, null, time.Today(), ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("Hồ sơ này vừa được người khác thay đổi cùng lúc. Hãy tải lại và nhập lại thay đổi.");
        }
        return Result<Person>.Ok(person);
    }

    private static Error Conflict(int current, int yours) =>
        Error.Conflict($"Hồ sơ này vừa được người khác thay đổi (phiên bản {current}, bạn sửa từ phiên bản {yours}). Hãy tải lại và nhập lại thay đổi.");

    /// <summary>Checks the input and, when it is all valid, writes it onto the person. Field names are prefixed (e.g. "person.").</summary>
    public async Task<List<Error>> ApplyAsync(Person person, PersonInput input, string prefix, CancellationToken ct)
    {
        var today = time.Today();
        var errors = new List<Error>();
        var values = Check(input, prefix, today, errors);
        if (values.NationalId is { } nationalId)
        {
            // Unique in the whole country: a person kept by another commune is found too (and named only if in scope).
            var existing = await db.People.IgnoreQueryFilters().Where(p => p.NationalId == nationalId && p.Id != person.Id)
                .Select(p => new { p.Id }).FirstOrDefaultAsync(ct);
            if (existing is not null)
                errors.Add(NationalIdTaken(nationalId, existing.Id, await db.People.Where(p => p.Id == existing.Id).Select(p => p.FullName).FirstOrDefaultAsync(ct), prefix));
        }

        // Where the record is kept: the commune of the residence unit, or the commune named.
        AdminUnit? commune = null;
        if (input.ResidenceUnitId is { } unitId)
        {
            var unit = await db.ResidentialUnits.AsNoTracking().Where(u => u.Id == unitId).Select(u => new { u.CurrentCommuneId, u.Status }).FirstOrDefaultAsync(ct);
            // A unit out of the user's scope is answered like one that does not exist: 404 whatever else is wrong.
            if (unit is null) return [new("residence_unit_not_found", "Không tìm thấy thôn/tổ dân phố nơi thường trú.", prefix + "residenceUnitId", ErrorKind.NotFound)];
            else commune = await db.AdminUnits.FirstAsync(a => a.Id == unit.CurrentCommuneId, ct);
        }
        else if (!string.IsNullOrWhiteSpace(input.CommuneCode))
        {
            commune = await db.FindCommuneAsync(input.CommuneCode.Trim(), today, ct);
            if (commune is null) errors.Add(new("commune_not_found", $"Không có xã/phường mã {input.CommuneCode.Trim()}.", prefix + "communeCode"));
        }
        else if (person.Id == 0) errors.Add(new("residence_required", "Chưa chọn thôn/tổ dân phố nơi thường trú (hoặc xã/phường quản lý hồ sơ).", prefix + "residenceUnitId"));

        if (errors.Count > 0) return errors;
        Write(person, values, input.ResidenceUnitId, input.LivesInUnit, commune?.Id, commune?.ProvinceCode);
        return errors;
    }

    /// <summary>The refusal of a national id that is already someone else's; names that person only when the user may see them.</summary>
    public static Error NationalIdTaken(string nationalId, int existingId, string? visibleName, string prefix) => new(NationalIdExists, visibleName is null
            ? $"Số căn cước {NationalId.Mask(nationalId)} đã có trong hồ sơ của một người do địa phương khác quản lý."
            : $"Số căn cước {NationalId.Mask(nationalId)} đã có trong hồ sơ của {visibleName} (mã {existingId}); hãy dùng hồ sơ này thay vì tạo người mới.",
        prefix + "nationalId", ErrorKind.Conflict);

    /// <summary>
    /// Every check of a person's own fields (not the uniqueness of the national id, nor the places): adds the errors and
    /// returns the values cleaned and coded. A value that is wrong comes back null.
    /// </summary>
    public static PersonValues Check(PersonInput input, string prefix, DateOnly today, List<Error> errors)
    {
        void Add(string code, string message, string field, ErrorKind kind = ErrorKind.Invalid) => errors.Add(new(code, message, prefix + field, kind));

        var name = VietnameseText.Clean(input.FullName);
        if (name.Length == 0) Add("full_name_required", "Chưa nhập họ và tên.", "fullName");
        else if (name.Length > 100) Add("full_name_too_long", "Họ và tên dài quá 100 ký tự.", "fullName");
        else if (!name.All(c => char.IsLetter(c) || c is ' ' or '\'' or '-' || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark))
            Add("full_name_invalid", "Họ và tên chỉ gồm chữ cái và dấu cách.", "fullName");
        var gender = input.Gender is { } g && Enum.IsDefined(g) ? g : (Gender?)null;
        if (gender is null) Add("gender_required", "Chưa chọn giới tính (nam hoặc nữ).", "gender");
        if (input.DateOfBirth is { } born && (born > today || born.Year < 1900))
            Add("invalid_date_of_birth", $"Ngày sinh {VietnameseText.FormatDate(born)} không hợp lệ.", "dateOfBirth");

        string? Code(IReadOnlyList<ReferenceItem> list, string? value, string field, string label)
        {
            if (string.IsNullOrWhiteSpace(value)) return null;
            var code = ReferenceLists.Find(list, value);
            if (code is null) Add("unknown_" + field.ToLowerInvariant(), $"{label} \"{value.Trim()}\" không có trong danh mục.", field);
            return code;
        }
        var ethnicity = Code(ReferenceLists.Ethnicities, input.EthnicityCode, "ethnicityCode", "Dân tộc");
        var religion = Code(ReferenceLists.Religions, input.ReligionCode, "religionCode", "Tôn giáo");
        var professional = Code(ReferenceLists.ProfessionalQualifications, input.ProfessionalQualification, "professionalQualification", "Trình độ chuyên môn");
        var political = Code(ReferenceLists.PoliticalTheoryLevels, input.PoliticalTheory, "politicalTheory", "Trình độ lý luận chính trị");
        var management = Code(ReferenceLists.StateManagementLevels, input.StateManagement, "stateManagement", "Trình độ quản lý nhà nước");

        string? nationalId = null;
        if (!string.IsNullOrWhiteSpace(input.NationalId))
        {
            var idErrors = NationalId.Check(input.NationalId.Trim(), input.Gender, input.DateOfBirth, prefix + "nationalId");
            errors.AddRange(idErrors);
            if (idErrors.Count == 0) nationalId = input.NationalId.Trim();
        }

        string? phone = null;
        if (!string.IsNullOrWhiteSpace(input.Phone))
        {
            var digits = new string(input.Phone.Where(char.IsAsciiDigit).ToArray());
            if (input.Phone.Trim().StartsWith('+') && digits.StartsWith("84", StringComparison.Ordinal)) digits = "0" + digits[2..];
            if (digits.Length is < 10 or > 11 || digits[0] != '0' || input.Phone.Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '.' or '-' or '+')))
                Add("invalid_phone", "Số điện thoại phải gồm 10 hoặc 11 chữ số, bắt đầu bằng 0 (hoặc +84).", "phone");
            else phone = digits;
        }

        var education = VietnameseText.Clean(input.GeneralEducation);
        if (education.Length > 0 && (EducationPattern().Match(education) is not { Success: true } m || int.Parse(m.Groups[1].Value) is 0 || int.Parse(m.Groups[1].Value) > int.Parse(m.Groups[2].Value)))
            Add("invalid_general_education", $"Trình độ văn hóa \"{education}\" phải ghi dạng lớp/hệ, ví dụ 12/12 hoặc 9/12.", "generalEducation");

        if (!input.PartyMember && (input.PartyAdmissionDate is not null || input.PartyStatus is not null))
            Add("party_fields_without_membership", "Ngày vào Đảng và loại đảng viên chỉ ghi khi là đảng viên.", "partyMember");
        if (input.PartyAdmissionDate is { } admitted)
        {
            if (admitted > today) Add("future_date", "Ngày vào Đảng là ngày trong tương lai.", "partyAdmissionDate");
            else if (input.DateOfBirth is { } b && Person.AgeOn(b, admitted) < 18) Add("party_admission_too_young", "Ngày vào Đảng phải sau khi đủ 18 tuổi.", "partyAdmissionDate");
        }
        if (input.PartyStatus is { } ps && !Enum.IsDefined(ps)) Add("invalid_party_status", "Loại đảng viên phải là chính thức hoặc dự bị.", "partyStatus");
        var note = VietnameseText.Clean(input.Note);
        if (note.Length > 1000) Add("note_too_long", "Ghi chú dài quá 1.000 ký tự.", "note");

        return new PersonValues(name, gender ?? default, input.DateOfBirth, ethnicity, religion, nationalId, phone, input.PartyMember,
            input.PartyMember ? input.PartyAdmissionDate : null, input.PartyMember ? input.PartyStatus ?? PartyStatus.Official : null,
            education.Length == 0 ? null : education, professional, political, management, note.Length == 0 ? null : note);
    }

    /// <summary>Writes checked values onto the person; a commune given moves where the record is kept.</summary>
    public static void Write(Person person, PersonValues v, int? residenceUnitId, bool livesInUnit, int? communeId, string? provinceCode)
    {
        person.SetName(v.FullName);
        person.Gender = v.Gender;
        person.DateOfBirth = v.DateOfBirth;
        person.EthnicityCode = v.EthnicityCode;
        person.ReligionCode = v.ReligionCode;
        person.NationalId = v.NationalId;
        person.Phone = v.Phone;
        person.ResidenceUnitId = residenceUnitId;
        person.LivesInUnit = residenceUnitId is not null && livesInUnit;
        if (communeId is { } id)
        {
            person.CommuneId = id;
            person.ProvinceCode = provinceCode!;
        }
        person.PartyMember = v.PartyMember;
        person.PartyAdmissionDate = v.PartyAdmissionDate;
        person.PartyStatus = v.PartyStatus;
        person.GeneralEducation = v.GeneralEducation;
        person.ProfessionalQualification = v.ProfessionalQualification;
        person.PoliticalTheory = v.PoliticalTheory;
        person.StateManagement = v.StateManagement;
        person.Note = v.Note;
    }
}

/// <summary>A person's fields after <see cref="SavePerson.Check"/>: cleaned, coded, ready to write.</summary>
public sealed record PersonValues(
    string FullName, Gender Gender, DateOnly? DateOfBirth, string? EthnicityCode, string? ReligionCode, string? NationalId, string? Phone,
    bool PartyMember, DateOnly? PartyAdmissionDate, PartyStatus? PartyStatus, string? GeneralEducation, string? ProfessionalQualification,
    string? PoliticalTheory, string? StateManagement, string? Note);
