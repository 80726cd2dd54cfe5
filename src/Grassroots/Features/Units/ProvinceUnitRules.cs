using Grassroots.Common;

namespace Grassroots.Features.Units;

/// <summary>Regions of TT 04/2012 Art 7 (as amended by TT 14/2018), which set the size thresholds.</summary>
public enum UnitRegion
{
    NorthernMidlandsMountains = 1, // Trung du và miền núi phía Bắc
    RedRiverDelta = 2,             // Đồng bằng sông Hồng
    Central = 3,                   // Miền Trung
    CentralHighlands = 4,          // Tây Nguyên
    South = 5,                     // Miền Nam
}

/// <summary>
/// Per-province size thresholds with effective dates, so that a new decree changes data, not code.
/// Seeded from TT 04/2012 (VBHN 08/VBHN-BNV); a province may override them.
/// </summary>
public sealed class ProvinceUnitRules
{
    public int Id { get; set; }
    public required string ProvinceCode { get; set; }
    public DateOnly? ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    public UnitRegion Region { get; set; }
    /// <summary>R-UNIT-03: households a new thôn needs.</summary>
    public int MinHouseholdsVillage { get; set; }
    /// <summary>R-UNIT-04: households a new tổ dân phố needs.</summary>
    public int MinHouseholdsGroup { get; set; }
    /// <summary>R-UNIT-03/04 for border and island communes (and special zones).</summary>
    public int MinHouseholdsVillageIsland { get; set; }
    public int MinHouseholdsGroupIsland { get; set; }
    /// <summary>R-UNIT-05: below this share of the threshold an existing unit must be merged.</summary>
    public int MustMergeBelowPercent { get; set; } = 50;
    public required string Source { get; set; }

    // Leaders (domain.md §1.7, §2.2–§2.4, §2.8): each limit a province may set, with the source it rests on.
    /// <summary>R-TERM-01: term of office of the head, 2.5 or 5 years, one value per province.</summary>
    public decimal TermYears { get; set; } = 5m;
    /// <summary>R-ORG-01: deputies a unit may have at once.</summary>
    public int MaxDeputies { get; set; } = 1;
    /// <summary>R-ELIG-02: minimum age of a head or deputy at the start of the tenure.</summary>
    public int MinLeaderAge { get; set; } = 21;
    /// <summary>R-TERM-02: longest an acting head may serve, in months.</summary>
    public int ActingMaxMonths { get; set; } = 6;
    /// <summary>R-ALLOW (ND 33/2023 Art 33 cl.6): allowance-paid titles per unit.</summary>
    public int MaxPaidTitles { get; set; } = 3;
    public string LeaderSource { get; set; } = DefaultLeaderSource;

    public const string DefaultLeaderSource = "TT 04/2012/TT-BNV Điều 4, 11, 12 (sửa đổi bởi TT 14/2018/TT-BNV); NĐ 33/2023/NĐ-CP Điều 33";

    public const string DefaultSource = "TT 04/2012/TT-BNV Điều 7, 7a (sửa đổi bởi TT 14/2018/TT-BNV)";

    /// <summary>Cao Bằng: heads serve 2.5 years (QĐ 37/2019/QĐ-UBND Điều 16 khoản 5).</summary>
    public void SetCaoBangTerm()
    {
        TermYears = 2.5m;
        LeaderSource = DefaultLeaderSource + "; QĐ 37/2019/QĐ-UBND tỉnh Cao Bằng Điều 16 khoản 5";
    }

    public int Threshold(UnitKind kind, bool island) => (kind, island) switch
    {
        (UnitKind.Village, false) => MinHouseholdsVillage,
        (UnitKind.Village, true) => MinHouseholdsVillageIsland,
        (_, false) => MinHouseholdsGroup,
        _ => MinHouseholdsGroupIsland,
    };

    /// <summary>Size warnings for a unit of this kind and household count; <paramref name="isNew"/> = being established.</summary>
    public IReadOnlyList<RuleWarning> SizeWarnings(UnitKind kind, int? households, bool island, bool isNew)
    {
        if (households is not { } count) return [];
        var threshold = Threshold(kind, island);
        var kindName = ResidentialUnit.KindName(kind).ToLowerInvariant();
        var rule = kind == UnitKind.Village ? "R-UNIT-03" : "R-UNIT-04";
        var list = new List<RuleWarning>();
        if (isNew && count < threshold)
            list.Add(new(rule, $"Thành lập {kindName} mới cần từ {threshold} hộ gia đình trở lên; đơn vị này có {count} hộ.", Source));
        if (count * 100 < threshold * MustMergeBelowPercent)
            list.Add(new("R-UNIT-05", $"Quy mô dưới {MustMergeBelowPercent}% mức quy định ({threshold} hộ): {kindName} có {count} hộ thuộc diện phải sáp nhập với đơn vị liền kề.", Source));
        return list;
    }

    /// <summary>National defaults of TT 04/2012 by region. Central Highlands and island thresholds for tổ dân phố are unverified [M].</summary>
    public static ProvinceUnitRules Default(string provinceCode, UnitRegion region, bool hanoiOrHcm, DateOnly? from, DateOnly? to) => new()
    {
        ProvinceCode = provinceCode,
        ValidFrom = from,
        ValidTo = to,
        Region = region,
        MinHouseholdsVillage = region switch
        {
            UnitRegion.NorthernMidlandsMountains => 150,
            UnitRegion.RedRiverDelta => 300,
            UnitRegion.Central => 250,
            UnitRegion.CentralHighlands => 200,
            _ => 350,
        },
        MinHouseholdsGroup = hanoiOrHcm ? 450 : region switch
        {
            UnitRegion.NorthernMidlandsMountains => 200,
            UnitRegion.RedRiverDelta => 350,
            UnitRegion.Central => 300,
            UnitRegion.CentralHighlands => 250,
            _ => 400,
        },
        MinHouseholdsVillageIsland = 100,
        MinHouseholdsGroupIsland = 150,
        MustMergeBelowPercent = 50,
        Source = DefaultSource,
    };
}
