namespace Grassroots.Features.Units;

public enum AdminLevel { Province = 1, District = 2, Commune = 3 }

/// <summary>The official type of an administrative unit (column type_en of the catalog).</summary>
public enum AdminUnitType
{
    Municipality,        // Thành phố trực thuộc trung ương
    Province,            // Tỉnh
    UrbanDistrict,       // Quận (pre-2025)
    RuralDistrict,       // Huyện (pre-2025)
    DistrictLevelTown,   // Thị xã (pre-2025)
    ProvincialCity,      // Thành phố thuộc tỉnh (pre-2025)
    MunicipalCity,       // Thành phố thuộc TP TW (Thủ Đức, pre-2025)
    Ward,                // Phường
    Commune,             // Xã
    Township,            // Thị trấn (pre-2025)
    SpecialZone,         // Đặc khu (from 2025-07-01)
}

/// <summary>
/// A province, a pre-2025 district or a commune-level unit, valid over a date range. Codes are reused
/// across the 2025 reform, so a code names a unit only together with a date; lineage links units, not codes.
/// </summary>
public sealed class AdminUnit
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public AdminLevel Level { get; set; }
    /// <summary>The type now (or at the end of the unit's life); earlier types are in <see cref="AdminUnitTypeChange"/>.</summary>
    public AdminUnitType Type { get; set; }
    public required string Name { get; set; }
    public required string FullName { get; set; }
    /// <summary><see cref="Common.VietnameseText.Fold"/> of the full name.</summary>
    public required string SearchName { get; set; }
    public string? NameEn { get; set; }
    public int? ParentId { get; set; }
    public AdminUnit? Parent { get; set; }
    public required string ProvinceCode { get; set; }
    /// <summary>Materialised path of ids, "/12/345/6789/": the subtree of a unit is one StartsWith.</summary>
    public string Path { get; set; } = "";
    /// <summary>First day valid; null = since before the records begin.</summary>
    public DateOnly? ValidFrom { get; set; }
    /// <summary>Last day valid (inclusive); null = still valid.</summary>
    public DateOnly? ValidTo { get; set; }

    public List<AdminUnitTypeChange> TypeChanges { get; set; } = [];

    public bool IsValidOn(DateOnly date) =>
        (ValidFrom is null || ValidFrom <= date) && (ValidTo is null || ValidTo >= date);

    /// <summary>Type and full name on a date, undoing the dated changes made after it.</summary>
    public (AdminUnitType Type, string FullName) AsOf(DateOnly date)
    {
        var later = TypeChanges.Where(c => c.EffectiveDate > date).OrderBy(c => c.EffectiveDate).FirstOrDefault();
        return later is null ? (Type, FullName) : (later.PreviousType, later.PreviousFullName);
    }

    public static string TypeName(AdminUnitType type) => type switch
    {
        AdminUnitType.Municipality => "Thành phố trực thuộc trung ương",
        AdminUnitType.Province => "Tỉnh",
        AdminUnitType.UrbanDistrict => "Quận",
        AdminUnitType.RuralDistrict => "Huyện",
        AdminUnitType.DistrictLevelTown => "Thị xã",
        AdminUnitType.ProvincialCity => "Thành phố thuộc tỉnh",
        AdminUnitType.MunicipalCity => "Thành phố thuộc thành phố trực thuộc trung ương",
        AdminUnitType.Ward => "Phường",
        AdminUnitType.Commune => "Xã",
        AdminUnitType.Township => "Thị trấn",
        AdminUnitType.SpecialZone => "Đặc khu",
        _ => type.ToString(),
    };
}

/// <summary>A dated change of type (and so of full name), e.g. ten Đồng Nai communes became wards on 2026-04-30.</summary>
public sealed class AdminUnitTypeChange
{
    public int Id { get; set; }
    public int AdminUnitId { get; set; }
    public DateOnly EffectiveDate { get; set; }
    public AdminUnitType PreviousType { get; set; }
    public required string PreviousFullName { get; set; }
    public AdminUnitType NewType { get; set; }
    public required string NewFullName { get; set; }
    public required string Basis { get; set; }
}

public enum AdminLineageKind { Whole, Partial, Unchanged, Renamed, TypeChanged, WholeDistrict, ProvinceMerge }

/// <summary>Old unit → new unit, from the NSO conversion table of the 2025 reform.</summary>
public sealed class AdminUnitLineage
{
    public int Id { get; set; }
    /// <summary>Null for the one old part that was not a commune (a coastal alluvial area of Kim Sơn).</summary>
    public int? PredecessorId { get; set; }
    public AdminUnit? Predecessor { get; set; }
    public int SuccessorId { get; set; }
    public AdminUnit? Successor { get; set; }
    public AdminLineageKind Kind { get; set; }
    public DateOnly EffectiveDate { get; set; }
    /// <summary>The old unit went into more than one new unit.</summary>
    public bool PredecessorSplit { get; set; }
    public string? Note { get; set; }
}
