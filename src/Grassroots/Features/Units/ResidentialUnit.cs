using Grassroots.Common;

namespace Grassroots.Features.Units;

/// <summary>Thôn (village, under a xã or đặc khu) or tổ dân phố (residential group, under a phường).</summary>
public enum UnitKind { Village = 1, ResidentialGroup = 2 }

public enum UnitStatus { Active = 1, Merged = 2, Split = 3, Dissolved = 4 }

public enum UnitClass { Class1 = 1, Class2 = 2, Class3 = 3 }

/// <summary>
/// A residential unit. What changes by dated event (name, kind, local label, commune) lives in
/// <see cref="ResidentialUnitPeriod"/> rows; what is simply kept current (counts, classification) lives here.
/// </summary>
public sealed class ResidentialUnit
{
    public int Id { get; set; }
    /// <summary>Province of the current commune: the future shard key.</summary>
    public required string ProvinceCode { get; set; }
    /// <summary>The commune of the current (or last) period: what scopes reach the unit by.</summary>
    public int CurrentCommuneId { get; set; }
    public UnitStatus Status { get; set; } = UnitStatus.Active;
    public int? HouseholdCount { get; set; }
    public int? Population { get; set; }
    public DateOnly? CountsAsOf { get; set; }
    public UnitClass? Classification { get; set; }
    /// <summary>Synthetic demo data, labelled in the UI and removable with one CLI verb.</summary>
    public bool IsDemo { get; set; }
    /// <summary>App-managed concurrency token, bumped on every change.</summary>
    public int Version { get; set; } = 1;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public List<ResidentialUnitPeriod> Periods { get; set; } = [];

    public ResidentialUnitPeriod? OpenPeriod => Periods.FirstOrDefault(p => p.ValidTo is null);

    public ResidentialUnitPeriod? PeriodOn(DateOnly date) =>
        Periods.FirstOrDefault(p => p.ValidFrom <= date && (p.ValidTo is null || p.ValidTo >= date));

    /// <summary>Ends the current period the day before <paramref name="date"/>; the event is what ended it.</summary>
    public ResidentialUnitPeriod CloseOpenPeriod(DateOnly date, UnitEvent byEvent)
    {
        var open = OpenPeriod ?? throw new InvalidOperationException($"Unit {Id} has no open period.");
        if (date <= open.ValidFrom) throw new InvalidOperationException("A unit's period cannot end before it starts.");
        open.ValidTo = date.AddDays(-1);
        open.ClosedBy = byEvent;
        return open;
    }

    /// <summary>Starts a new period on <paramref name="date"/> with the given state.</summary>
    public ResidentialUnitPeriod OpenPeriodFrom(DateOnly date, UnitEvent byEvent, AdminUnit commune, string name, UnitKind kind, string? localLabel)
    {
        var period = new ResidentialUnitPeriod
        {
            Unit = this, CommuneId = commune.Id, ProvinceCode = commune.ProvinceCode,
            Name = VietnameseText.Clean(name), NameKey = VietnameseText.NameKey(name), SearchName = VietnameseText.Fold(name),
            Kind = kind, LocalLabel = string.IsNullOrWhiteSpace(localLabel) ? null : VietnameseText.Clean(localLabel),
            ValidFrom = date, OpenedBy = byEvent,
        };
        Periods.Add(period);
        ProvinceCode = commune.ProvinceCode;
        CurrentCommuneId = commune.Id;
        return period;
    }

    public void Touch(DateTime now)
    {
        Version++;
        UpdatedAt = now;
    }

    public static string KindName(UnitKind kind) => kind == UnitKind.Village ? "Thôn" : "Tổ dân phố";

    public static string StatusName(UnitStatus status) => status switch
    {
        UnitStatus.Active => "Đang hoạt động",
        UnitStatus.Merged => "Đã sáp nhập",
        UnitStatus.Split => "Đã chia tách",
        UnitStatus.Dissolved => "Đã giải thể",
        _ => status.ToString(),
    };

    public static string ClassName(UnitClass? c) => c is null ? "" : $"Loại {(int)c}";

    /// <summary>Local names for a unit (display only): TT 04/2012 Art 2 and local practice.</summary>
    public static readonly string[] LocalLabels =
        ["thôn", "làng", "ấp", "bản", "buôn", "bon", "phum", "sóc", "xóm", "tổ dân phố", "khu phố", "khối phố", "khóm", "tiểu khu", "khu dân cư", "khu"];
}

/// <summary>What a residential unit was called, of which kind, and in which commune, from one date to another.</summary>
public sealed class ResidentialUnitPeriod
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public ResidentialUnit? Unit { get; set; }
    public int CommuneId { get; set; }
    public AdminUnit? Commune { get; set; }
    public required string ProvinceCode { get; set; }
    public required string Name { get; set; }
    /// <summary><see cref="VietnameseText.NameKey"/>: names are unique within a commune at any date.</summary>
    public required string NameKey { get; set; }
    /// <summary><see cref="VietnameseText.Fold"/>: diacritics-free search.</summary>
    public required string SearchName { get; set; }
    public UnitKind Kind { get; set; }
    public string? LocalLabel { get; set; }
    public DateOnly ValidFrom { get; set; }
    /// <summary>Last day (inclusive); null while current.</summary>
    public DateOnly? ValidTo { get; set; }
    public int OpenedByEventId { get; set; }
    public UnitEvent? OpenedBy { get; set; }
    public int? ClosedByEventId { get; set; }
    public UnitEvent? ClosedBy { get; set; }

    public bool Overlaps(DateOnly from, DateOnly? to) =>
        (ValidTo is null || ValidTo >= from) && (to is null || ValidFrom <= to);
}

public enum UnitEventType { Establish = 1, Rename = 2, Merge = 3, Split = 4, Convert = 5, Move = 6, Dissolve = 7 }

/// <summary>A dated change to residential units, with the decision that made it.</summary>
public sealed class UnitEvent
{
    public int Id { get; set; }
    public UnitEventType Type { get; set; }
    public DateOnly EffectiveDate { get; set; }
    public string? DecisionNumber { get; set; }
    public DateOnly? DecisionDate { get; set; }
    public string? DecisionIssuer { get; set; }
    public string? Note { get; set; }
    public required string ProvinceCode { get; set; }
    public DateTime RecordedAt { get; set; }

    public List<UnitLineage> Lineage { get; set; } = [];

    public static string TypeName(UnitEventType type) => type switch
    {
        UnitEventType.Establish => "Thành lập",
        UnitEventType.Rename => "Đổi tên",
        UnitEventType.Merge => "Sáp nhập",
        UnitEventType.Split => "Chia tách",
        UnitEventType.Convert => "Chuyển đổi thôn ↔ tổ dân phố",
        UnitEventType.Move => "Chuyển sang xã/phường khác",
        UnitEventType.Dissolve => "Giải thể",
        _ => type.ToString(),
    };
}

/// <summary>Predecessor → successor of a merge or split, with the household approval recorded per unit (R-UNIT-06).</summary>
public sealed class UnitLineage
{
    public int Id { get; set; }
    public int EventId { get; set; }
    public int PredecessorId { get; set; }
    public ResidentialUnit? Predecessor { get; set; }
    public int SuccessorId { get; set; }
    public ResidentialUnit? Successor { get; set; }
    /// <summary>Share of household representatives of the predecessor who approved, in percent.</summary>
    public decimal? ApprovalPercent { get; set; }
}

/// <summary>Decision that an event rests on: number, date, issuer (e.g. "12/NQ-HĐND", 01/03/2026, "HĐND xã Hy Cương").</summary>
public sealed record Decision(string? Number, DateOnly? Date, string? Issuer);
