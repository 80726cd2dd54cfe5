using Grassroots.Common;
using Grassroots.Features.Units;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Data.Seed;

/// <summary>
/// Loads the official administrative catalog shipped in <c>data/admin-units</c>: the 63 provinces, 696 districts
/// and 10,035 communes valid until 2025-06-30, the 34 provinces and 3,321 communes from 2025-07-01, the dated type
/// changes of 2026-04-30, the NSO old→new lineage, and default per-province size rules.
/// </summary>
public sealed class CatalogLoader(AppDb db)
{
    public const string VersionKey = "catalog.version";
    public const string CatalogVersion = "2026-08-02";
    public static readonly DateOnly ReformDate = new(2025, 7, 1);
    public static readonly DateOnly LastDayBeforeReform = new(2025, 6, 30);
    private static readonly DateOnly TypeChangeDate = new(2026, 4, 30);

    private const string CaoBang = "04";

    public static string DefaultDirectory => System.IO.Path.Combine(AppContext.BaseDirectory, "data", "admin-units");

    public async Task<bool> IsLoadedAsync(CancellationToken ct) =>
        await db.CatalogInfo.AnyAsync(x => x.Key == VersionKey, ct);

    public async Task LoadAsync(string directory, CancellationToken ct)
    {
        List<Dictionary<string, string>> Read(string file) =>
            Csv.ParseWithHeader(File.ReadAllText(System.IO.Path.Combine(directory, file)));

        var units = new List<AdminUnit>();
        var nextId = 1;
        AdminUnit Add(string code, AdminLevel level, string typeEn, string name, string fullName, string? nameEn,
            AdminUnit? parent, string provinceCode, DateOnly? from, DateOnly? to)
        {
            var unit = new AdminUnit
            {
                Id = nextId++, Code = code, Level = level, Type = ParseType(typeEn), Name = name, FullName = fullName,
                SearchName = VietnameseText.Fold(fullName), NameEn = NullIfEmpty(nameEn), ParentId = parent?.Id,
                ProvinceCode = provinceCode, ValidFrom = from, ValidTo = to,
            };
            unit.Path = (parent?.Path ?? "/") + unit.Id + "/";
            units.Add(unit);
            return unit;
        }

        // After the reform.
        var newProvinces = new Dictionary<string, AdminUnit>();
        var provinces2025 = Read("provinces-2025.csv");
        foreach (var r in provinces2025)
            newProvinces[r["code"]] = Add(r["code"], AdminLevel.Province, r["type_en"], r["name"], r["full_name"], r["full_name_en"], null, r["code"], ReformDate, null);
        var newCommunes = new Dictionary<string, AdminUnit>();
        var communes2025 = Read("communes-2025.csv");
        foreach (var r in communes2025)
            newCommunes[r["code"]] = Add(r["code"], AdminLevel.Commune, r["type_en"], r["name"], r["full_name"], r["full_name_en"], newProvinces[r["province_code"]], r["province_code"], ReformDate, null);

        // Before the reform.
        var oldProvinces = new Dictionary<string, AdminUnit>();
        var provincesPre = Read("provinces-pre2025.csv");
        foreach (var r in provincesPre)
            oldProvinces[r["code"]] = Add(r["code"], AdminLevel.Province, r["type_en"], r["name"], r["full_name"], r["full_name_en"], null, r["code"], null, LastDayBeforeReform);
        var oldDistricts = new Dictionary<string, AdminUnit>();
        foreach (var r in Read("districts-pre2025.csv"))
            oldDistricts[r["code"]] = Add(r["code"], AdminLevel.District, r["type_en"], r["name"], r["full_name"], r["full_name_en"], oldProvinces[r["province_code"]], r["province_code"], null, LastDayBeforeReform);
        var oldCommunes = new Dictionary<string, AdminUnit>();
        foreach (var r in Read("communes-pre2025.csv"))
            oldCommunes[r["code"]] = Add(r["code"], AdminLevel.Commune, r["type_en"], r["name"], r["full_name"], r["full_name_en"], oldDistricts[r["district_code"]], r["province_code"], null, LastDayBeforeReform);

        // Type changes after 2025-07-01 (type_2025_07_01 is the type on the reform date).
        var typeChanges = new List<AdminUnitTypeChange>();
        void TypeChange(AdminUnit unit, string typeOnReformVi, string basis)
        {
            var previous = ParseVietnameseType(typeOnReformVi);
            if (previous == unit.Type) return;
            typeChanges.Add(new AdminUnitTypeChange
            {
                AdminUnitId = unit.Id, EffectiveDate = TypeChangeDate, PreviousType = previous,
                PreviousFullName = (previous == AdminUnitType.Municipality ? "Thành phố" : AdminUnit.TypeName(previous)) + " " + unit.Name,
                NewType = unit.Type, NewFullName = unit.FullName, Basis = basis,
            });
        }
        foreach (var r in provinces2025) TypeChange(newProvinces[r["code"]], r["type_2025_07_01"], "Nghị quyết 30/2026/QH16, hiệu lực 30/04/2026");
        foreach (var r in communes2025) TypeChange(newCommunes[r["code"]], r["type_2025_07_01"], "Nghị quyết 237/NQ-UBTVQH16, hiệu lực 30/04/2026");

        // Lineage.
        var lineage = new List<AdminUnitLineage>();
        foreach (var r in Read("merges-2025.csv"))
        {
            var kind = r["merge_kind"] switch
            {
                "whole" => AdminLineageKind.Whole,
                "partial" => AdminLineageKind.Partial,
                "unchanged" => AdminLineageKind.Unchanged,
                "renamed" => AdminLineageKind.Renamed,
                "type_changed" => AdminLineageKind.TypeChanged,
                "whole_district" => AdminLineageKind.WholeDistrict,
                var other => throw new InvalidDataException($"merges-2025.csv: unknown merge_kind '{other}'"),
            };
            AdminUnit? predecessor = kind == AdminLineageKind.WholeDistrict ? oldDistricts[r["old_district_code"]]
                : r["old_commune_code"].Length > 0 ? oldCommunes[r["old_commune_code"]] : null;
            var note = predecessor is null ? $"{r["old_commune_name"]} ({r["old_district_name"]}) — {r["nso_note"]}" : r["nso_note"];
            lineage.Add(new AdminUnitLineage
            {
                PredecessorId = predecessor?.Id, SuccessorId = newCommunes[r["new_commune_code"]].Id, Kind = kind,
                EffectiveDate = ReformDate, PredecessorSplit = r["old_unit_split"] == "true", Note = Truncate(note, 300),
            });
        }
        foreach (var r in Read("province-merges-2025.csv"))
            lineage.Add(new AdminUnitLineage
            {
                PredecessorId = oldProvinces[r["old_province_code"]].Id, SuccessorId = newProvinces[r["new_province_code"]].Id,
                Kind = AdminLineageKind.ProvinceMerge, EffectiveDate = ReformDate, PredecessorSplit = false,
                Note = r["kept_code"] == "true" ? "Giữ mã tỉnh" : null,
            });

        // Default size rules by region (TT 04/2012): old provinces until 2025-06-30, new ones from 2025-07-01.
        var regionByOldCode = provincesPre.ToDictionary(r => r["code"], r => RegionOf(int.Parse(r["region_id"], System.Globalization.CultureInfo.InvariantCulture)));
        var rules = new List<ProvinceUnitRules>();
        foreach (var code in oldProvinces.Keys)
            rules.Add(ProvinceUnitRules.Default(code, regionByOldCode[code], code is "01" or "79", null, LastDayBeforeReform));
        foreach (var code in newProvinces.Keys)
            rules.Add(ProvinceUnitRules.Default(code, regionByOldCode[code], code is "01" or "79", ReformDate, null));

        // Cao Bằng chose a 2.5-year term (QĐ 37/2019/QĐ-UBND Điều 16 khoản 5); other provinces default to 5 years.
        foreach (var rule in rules.Where(r => r.ProvinceCode == CaoBang)) rule.SetCaoBangTerm();

        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.AuditRowsDisabled = true; // reference data: one summary event below, not a row per unit
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.AdminUnits.AddRange(units);
        await db.SaveChangesAsync(ct);
        db.AdminUnitTypeChanges.AddRange(typeChanges);
        db.AdminUnitLineages.AddRange(lineage);
        db.ProvinceUnitRules.AddRange(rules);
        db.CatalogInfo.Add(new CatalogInfo { Key = VersionKey, Value = CatalogVersion });
        db.Record("seed", nameof(AdminUnit), null, $"Nạp danh mục hành chính (bản {CatalogVersion}): {units.Count} đơn vị, {lineage.Count} quan hệ kế thừa");
        await db.SaveChangesAsync(ct);
        if (db.Database.IsNpgsql())
        {
            // Catalog ids are assigned here so that they are the same on every installation; move the identity past them.
            await db.Database.ExecuteSqlAsync($"SELECT setval(pg_get_serial_sequence('admin_units', 'Id'), (SELECT MAX(\"Id\") FROM admin_units))", ct);
        }
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        db.AuditRowsDisabled = false;
    }

    private static UnitRegion RegionOf(int regionId) => regionId switch
    {
        1 or 2 => UnitRegion.NorthernMidlandsMountains, // Đông Bắc Bộ, Tây Bắc Bộ
        3 => UnitRegion.RedRiverDelta,
        4 or 5 => UnitRegion.Central,                   // Bắc Trung Bộ, Duyên hải Nam Trung Bộ
        6 => UnitRegion.CentralHighlands,
        _ => UnitRegion.South,                          // Đông Nam Bộ, Đồng bằng sông Cửu Long
    };

    private static AdminUnitType ParseType(string typeEn) => typeEn switch
    {
        "municipality" => AdminUnitType.Municipality,
        "province" => AdminUnitType.Province,
        "urban_district" => AdminUnitType.UrbanDistrict,
        "rural_district" => AdminUnitType.RuralDistrict,
        "district_level_town" => AdminUnitType.DistrictLevelTown,
        "provincial_city" => AdminUnitType.ProvincialCity,
        "municipal_city" => AdminUnitType.MunicipalCity,
        "ward" => AdminUnitType.Ward,
        "commune" => AdminUnitType.Commune,
        "township" => AdminUnitType.Township,
        "special_zone" => AdminUnitType.SpecialZone,
        _ => throw new InvalidDataException($"Unknown unit type '{typeEn}'"),
    };

    private static AdminUnitType ParseVietnameseType(string type) => type switch
    {
        "Thành phố trực thuộc trung ương" => AdminUnitType.Municipality,
        "Tỉnh" => AdminUnitType.Province,
        "Phường" => AdminUnitType.Ward,
        "Xã" => AdminUnitType.Commune,
        "Đặc khu" => AdminUnitType.SpecialZone,
        _ => throw new InvalidDataException($"Unknown Vietnamese unit type '{type}'"),
    };

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
