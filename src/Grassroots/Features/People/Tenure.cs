using Grassroots.Features.Units;

namespace Grassroots.Features.People;

/// <summary>Positions in a residential unit (domain.md §1.5, glossary).</summary>
public enum Position
{
    /// <summary>Trưởng thôn / Tổ trưởng tổ dân phố (trưởng ấp, trưởng bản, khu trưởng …).</summary>
    UnitHead = 1,
    /// <summary>Phó Trưởng thôn / Phó Tổ trưởng tổ dân phố.</summary>
    DeputyHead = 2,
    /// <summary>Bí thư chi bộ.</summary>
    PartyCellSecretary = 3,
    /// <summary>Phó Bí thư chi bộ.</summary>
    DeputyPartyCellSecretary = 4,
    /// <summary>Trưởng ban công tác Mặt trận.</summary>
    FrontCommitteeHead = 5,
    /// <summary>Người trực tiếp tham gia hoạt động ở thôn (chi hội trưởng, thôn đội trưởng, công an viên …): see <see cref="Tenure.Title"/>.</summary>
    VillageParticipant = 6,
}

/// <summary>How the person came to hold the position (domain.md §1.6).</summary>
public enum TenureMode
{
    Elected = 1,     // bầu
    Recognized = 2,  // công nhận (deputy)
    Acting = 3,      // lâm thời, cử
    Extended = 4,    // kéo dài nhiệm kỳ
    Concurrent = 5,  // kiêm nhiệm
}

public enum EndReason
{
    TermExpired = 1,
    RelievedVoluntary = 2,
    RelievedOnProposal = 3,
    UnitReorganized = 4,
    Deceased = 5,
    ReplacedActing = 6,
    Other = 7,
}

/// <summary>A person holding a position in a residential unit from one date to another, on a decision.</summary>
public sealed class Tenure
{
    public int Id { get; set; }
    public int PersonId { get; set; }
    public Person? Person { get; set; }
    public int UnitId { get; set; }
    public ResidentialUnit? Unit { get; set; }
    /// <summary>Province and commune of the unit when recorded: for the audit trail.</summary>
    public required string ProvinceCode { get; set; }
    public int CommuneId { get; set; }
    public Position Position { get; set; }
    /// <summary>For <see cref="Position.VillageParticipant"/>: what the role is called ("Chi hội trưởng Hội Phụ nữ").</summary>
    public string? Title { get; set; }
    public TenureMode Mode { get; set; }
    /// <summary>"2022-2027".</summary>
    public string? TermLabel { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly? PlannedEndDate { get; set; }
    /// <summary>Last day held (inclusive); null while held.</summary>
    public DateOnly? EndDate { get; set; }
    public EndReason? EndReason { get; set; }
    public string? StartDecisionNumber { get; set; }
    public DateOnly? StartDecisionDate { get; set; }
    public string? StartDecisionIssuer { get; set; }
    public string? StartDecisionSigner { get; set; }
    public string? EndDecisionNumber { get; set; }
    public DateOnly? EndDecisionDate { get; set; }
    public string? EndDecisionIssuer { get; set; }
    public string? EndDecisionSigner { get; set; }
    /// <summary>The tenure this one carries on after a merge or split (the old unit's tenure).</summary>
    public int? CarriedFromId { get; set; }
    public string? Note { get; set; }
    public int Version { get; set; } = 1;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public List<TenureWarning> Warnings { get; set; } = [];

    public bool HeldOn(DateOnly date) => StartDate <= date && (EndDate is null || EndDate >= date);

    public bool Overlaps(DateOnly from, DateOnly? to) => (EndDate is null || EndDate >= from) && (to is null || StartDate <= to);

    public void Touch(DateTime now)
    {
        Version++;
        UpdatedAt = now;
    }

    public static bool IsHeadOrDeputy(Position p) => p is Position.UnitHead or Position.DeputyHead;

    /// <summary>The title as shown: the local name of the head follows the unit's kind.</summary>
    public static string PositionName(Position position, UnitKind? kind = null, string? title = null) => position switch
    {
        Position.UnitHead => kind == UnitKind.ResidentialGroup ? "Tổ trưởng tổ dân phố" : "Trưởng thôn",
        Position.DeputyHead => kind == UnitKind.ResidentialGroup ? "Tổ phó tổ dân phố" : "Phó Trưởng thôn",
        Position.PartyCellSecretary => "Bí thư chi bộ",
        Position.DeputyPartyCellSecretary => "Phó Bí thư chi bộ",
        Position.FrontCommitteeHead => "Trưởng ban công tác Mặt trận",
        Position.VillageParticipant => string.IsNullOrWhiteSpace(title) ? "Người trực tiếp tham gia hoạt động" : title,
        _ => position.ToString(),
    };

    public static string ModeName(TenureMode mode) => mode switch
    {
        TenureMode.Elected => "Bầu",
        TenureMode.Recognized => "Công nhận",
        TenureMode.Acting => "Lâm thời",
        TenureMode.Extended => "Kéo dài nhiệm kỳ",
        TenureMode.Concurrent => "Kiêm nhiệm",
        _ => mode.ToString(),
    };

    public static string EndReasonName(EndReason? reason) => reason switch
    {
        People.EndReason.TermExpired => "Hết nhiệm kỳ",
        People.EndReason.RelievedVoluntary => "Xin thôi",
        People.EndReason.RelievedOnProposal => "Cho thôi làm",
        People.EndReason.UnitReorganized => "Sắp xếp thôn, tổ dân phố",
        People.EndReason.Deceased => "Từ trần",
        People.EndReason.ReplacedActing => "Đã có người được bầu thay lâm thời",
        People.EndReason.Other => "Lý do khác",
        _ => "",
    };
}

/// <summary>A rule a tenure breaks softly (accepted, flagged): what the "cần xem xét" page lists.</summary>
public sealed class TenureWarning
{
    public int Id { get; set; }
    public int TenureId { get; set; }
    public Tenure? Tenure { get; set; }
    public required string Rule { get; set; }
    public required string Message { get; set; }
    public required string Source { get; set; }
}
