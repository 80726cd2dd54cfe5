using Grassroots.Common;
using Grassroots.Documents;
using Grassroots.Features.Units;

namespace Grassroots.Features.People.Roster;

/// <summary>
/// One data row of a roster file, parsed to values as soon as it is read (the cells themselves are not kept), with
/// its errors so far. Masked identifiers of an export ("0250******34", "****") are noted, not parsed.
/// </summary>
public sealed class RosterRow
{
    private static readonly SheetLayout<RosterField> Layout = RosterSheet.Layout;
    private readonly HashSet<RosterField> _given = [];
    private readonly HashSet<RosterField> _masked = [];

    private RosterRow(int number) => Number = number;

    public int Number { get; }
    public List<ImportRowError> Errors { get; } = [];

    public int? PersonId { get; private set; }
    public string? CommuneCode { get; private set; }
    public string? UnitName { get; private set; }
    public string? FullName { get; private set; }
    public Gender? Gender { get; private set; }
    public DateOnly? DateOfBirth { get; private set; }
    public string? Ethnicity { get; private set; }
    public string? Religion { get; private set; }
    public string? NationalId { get; private set; }
    public string? Phone { get; private set; }
    public bool ResidentHere { get; private set; } = true;
    public bool LivesHere { get; private set; } = true;
    public bool PartyMember { get; private set; }
    public PartyStatus? PartyStatus { get; private set; }
    public DateOnly? PartyAdmissionDate { get; private set; }
    public string? GeneralEducation { get; private set; }
    public string? ProfessionalQualification { get; private set; }
    public string? PoliticalTheory { get; private set; }
    public string? StateManagement { get; private set; }
    public Position? Position { get; private set; }
    public string? Title { get; private set; }
    /// <summary>The position was not one of the named ones: taken as another participant with this title.</summary>
    public bool TitleGuessed { get; private set; }
    public TenureMode? Mode { get; private set; }
    public string? TermLabel { get; private set; }
    public DateOnly? StartDate { get; private set; }
    public DateOnly? PlannedEndDate { get; private set; }
    public TenureDecision? Decision { get; private set; }
    public DateOnly? EndDate { get; private set; }
    public EndReason? EndReason { get; private set; }
    public string? Note { get; private set; }

    /// <summary>A masked identifier without "Mã người" cannot be matched or recorded.</summary>
    public bool MaskedIdentifiers => _masked.Count > 0 && PersonId is null;

    private static readonly RosterField[] Fields = Enum.GetValues<RosterField>();
    private static readonly RosterField[] Identifiers = [RosterField.NationalId, RosterField.DateOfBirth, RosterField.Phone];

    public static RosterRow Parse(RosterLine line)
    {
        var r = new RosterRow(line.Row);
        foreach (var field in Fields)
            if (line.IsGiven(field)) r._given.Add(field);
        foreach (var field in Identifiers)
            if (line.IsMasked(field)) r._masked.Add(field);

        r.PersonId = line.Int(RosterField.PersonId);
        if (r.PersonId is <= 0)
        {
            line.Fail(RosterField.PersonId, "invalid_id", $"Mã người \"{r.PersonId}\" không hợp lệ; để trống với người mới.");
            r.PersonId = null;
        }
        r.CommuneCode = line.Code(RosterField.CommuneCode, 5);
        r.UnitName = line.Text(RosterField.UnitName);
        r.FullName = line.Text(RosterField.FullName);
        r.Gender = line.Gender();
        r.DateOfBirth = r._masked.Contains(RosterField.DateOfBirth) ? null : line.Date(RosterField.DateOfBirth);
        r.Ethnicity = line.Text(RosterField.Ethnicity);
        r.Religion = line.Text(RosterField.Religion);
        r.NationalId = r._masked.Contains(RosterField.NationalId) ? null : line.Code(RosterField.NationalId, 12, onlyNumbers: true);
        r.Phone = r._masked.Contains(RosterField.Phone) ? null : line.Code(RosterField.Phone, 10, onlyNumbers: true);
        r.ResidentHere = line.YesNo(RosterField.ResidentHere) ?? true;
        r.LivesHere = line.YesNo(RosterField.LivesHere) ?? true;
        r.PartyMember = line.YesNo(RosterField.PartyMember) ?? false;
        r.PartyStatus = line.PartyStatus();
        r.PartyAdmissionDate = line.Date(RosterField.PartyAdmissionDate);
        r.GeneralEducation = line.Text(RosterField.GeneralEducation);
        r.ProfessionalQualification = line.Text(RosterField.ProfessionalQualification);
        r.PoliticalTheory = line.Text(RosterField.PoliticalTheory);
        r.StateManagement = line.Text(RosterField.StateManagement);
        (r.Position, r.Title, r.TitleGuessed) = line.Position();
        r.Mode = line.Mode(r.Position);
        r.TermLabel = line.Text(RosterField.TermLabel);
        r.StartDate = line.Date(RosterField.StartDate);
        if (r.StartDate is null && !line.HasError(RosterField.StartDate))
            line.Fail(RosterField.StartDate, "start_date_required", "Chưa nhập ngày bắt đầu giữ chức danh.");
        r.PlannedEndDate = line.Date(RosterField.PlannedEndDate);
        var number = line.Text(RosterField.DecisionNumber);
        var date = line.Date(RosterField.DecisionDate);
        var issuer = line.Text(RosterField.DecisionIssuer);
        var signer = line.Text(RosterField.DecisionSigner);
        r.Decision = number is null && date is null && issuer is null && signer is null ? null : new TenureDecision(number, date, issuer, signer);
        r.EndDate = line.Date(RosterField.EndDate);
        r.EndReason = line.EndReason();
        r.Note = line.Text(RosterField.Note);
        r.Errors.AddRange(line.Errors);
        return r;
    }

    /// <summary>The person's record as a write would take it: residing in <paramref name="unit"/> unless the row says not.</summary>
    public PersonInput PersonInput(ResidentialUnit unit) => new(FullName, Gender, DateOfBirth, Ethnicity, Religion, NationalId, Phone,
        ResidentHere ? unit.Id : null, LivesHere, null, PartyMember, PartyAdmissionDate, PartyStatus, GeneralEducation, ProfessionalQualification,
        PoliticalTheory, StateManagement);

    public bool Given(RosterField field) => _given.Contains(field);

    public bool IsMasked(RosterField field) => _masked.Contains(field);

    /// <summary>Whether the column of a use case's error (by its field name) held a masked value.</summary>
    public bool IsMasked(string? errorField) => errorField switch
    {
        "nationalId" => IsMasked(RosterField.NationalId),
        "dateOfBirth" => IsMasked(RosterField.DateOfBirth),
        "phone" => IsMasked(RosterField.Phone),
        _ => false,
    };

    public bool HasError(RosterField field) => Errors.Any(e => e.Column == Layout.Column(field).Header);

    public void Fail(RosterField field, string code, string message) => Errors.Add(new(Number, Layout.Column(field).Header, code, message));

    /// <summary>A use case's error under its column, once per column.</summary>
    public void Add(Error error, string column)
    {
        if (column.Length == 0 || !Errors.Any(e => e.Column == column))
            Errors.Add(new(Number, column, error.Code, error.Message));
    }
}
