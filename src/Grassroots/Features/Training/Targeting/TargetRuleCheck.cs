using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.People;
using Grassroots.Features.Units;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Training.Targeting;

/// <summary>A checked rule: enum names parsed, codes resolved to the units they name on the date.</summary>
public abstract record RuleNode;

/// <summary>All children must hold (<see cref="All"/>), or one of them.</summary>
public sealed record RuleGroup(bool All, IReadOnlyList<RuleNode> Children) : RuleNode;

/// <summary>One condition: every field given must hold.</summary>
public sealed record RuleLeaf : RuleNode
{
    public IReadOnlyList<Position>? Positions { get; init; }
    public IReadOnlyList<TenureMode>? Modes { get; init; }
    public bool? PartyMember { get; init; }
    public int? AgeUnder { get; init; }
    public int? AgeAtLeast { get; init; }
    public Gender? Gender { get; init; }
    public IReadOnlyList<string>? Ethnicities { get; init; }
    public bool? Minorities { get; init; }
    public IReadOnlyList<UnitKind>? UnitKinds { get; init; }
    public IReadOnlyList<PlaceRef>? Provinces { get; init; }
    public IReadOnlyList<PlaceRef>? Communes { get; init; }
    public IReadOnlyList<PlaceRef>? Units { get; init; }
    public IReadOnlyList<string>? Terms { get; init; }
    public bool? Concurrent { get; init; }
    public IReadOnlyList<Position>? ConcurrentWith { get; init; }
    public ProgrammeRef? NotCompleted { get; init; }
}

/// <summary>A province, commune or residential unit a rule names: its key, code and name.</summary>
public sealed record PlaceRef(int Id, string Code, string Name);

public sealed record ProgrammeRef(int Id, string Title, DateOnly Since);

/// <summary>
/// Checks a <see cref="TargetRule"/> against the catalogs on its date and the place it is read in (a course's province
/// or commune): every error at once, each with a stable code, a Vietnamese message and the path of the field
/// ("rule.all[1].positions[0]").
/// </summary>
public static class TargetRuleCheck
{
    public const int MaxNodes = 50;
    public const int MaxDepth = 5;

    /// <summary>The checked rule written back in its canonical form (enum names as declared, codes and ids): what is stored.</summary>
    public static TargetRule ToRule(RuleNode node) => node switch
    {
        RuleGroup { All: true } g => new TargetRule { All = [.. g.Children.Select(ToRule)] },
        RuleGroup g => new TargetRule { Any = [.. g.Children.Select(ToRule)] },
        RuleLeaf l => new TargetRule
        {
            Positions = l.Positions?.Select(p => p.ToString()).ToList(), Modes = l.Modes?.Select(m => m.ToString()).ToList(), PartyMember = l.PartyMember,
            AgeUnder = l.AgeUnder, AgeAtLeast = l.AgeAtLeast, Gender = l.Gender?.ToString(), Ethnicities = l.Ethnicities?.ToList(), Minorities = l.Minorities,
            UnitKinds = l.UnitKinds?.Select(k => k.ToString()).ToList(), Provinces = l.Provinces?.Select(p => p.Code).ToList(),
            Communes = l.Communes?.Select(c => c.Code).ToList(), Units = l.Units?.Select(u => u.Id).ToList(), Terms = l.Terms?.ToList(),
            Concurrent = l.Concurrent, ConcurrentWith = l.ConcurrentWith?.Select(p => p.ToString()).ToList(),
            NotCompletedProgramme = l.NotCompleted is { } p ? new ProgrammeCondition(p.Id, p.Since) : null,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };

    public static async Task<Result<RuleNode>> CheckAsync(AppDb db, TargetRule rule, DateOnly date, TargetPlace place, CancellationToken ct)
    {
        var errors = new List<Error>();
        var nodes = 0;
        var node = await NodeAsync(rule, "rule", 1);
        if (errors.Count == 0 && rule.ToJson().Length > 8000)
            errors.Add(new("rule_too_large", "Quy tắc quá dài (tối đa 8.000 ký tự khi lưu); hãy gộp bớt điều kiện.", "rule"));
        return errors.Count > 0 ? Result<RuleNode>.Fail(errors) : Result<RuleNode>.Ok(node!);

        async Task<RuleNode?> NodeAsync(TargetRule r, string path, int depth)
        {
            if (++nodes > MaxNodes || depth > MaxDepth)
            {
                if (!errors.Any(e => e.Code == "rule_too_large"))
                    errors.Add(new("rule_too_large", $"Quy tắc quá lớn: tối đa {MaxNodes} điều kiện và {MaxDepth} tầng lồng nhau.", path));
                return null;
            }
            var isGroup = r.All is not null || r.Any is not null;
            if (isGroup && (r.All is not null && r.Any is not null || !(r with { All = null, Any = null }).IsEmptyLeaf))
            {
                errors.Add(new("mixed_node", "Mỗi nhóm chỉ là \"all\" (thỏa mãn tất cả), \"any\" (thỏa mãn một trong các) hoặc một điều kiện; không gộp lẫn trong cùng một nhóm.", path));
                return null;
            }
            if (isGroup)
            {
                var (all, children, name) = r.All is not null ? (true, r.All, "all") : (false, r.Any!, "any");
                if (children.Count == 0)
                {
                    errors.Add(new("group_empty", $"Nhóm \"{(all ? "tất cả" : "một trong các")}\" chưa có điều kiện nào.", $"{path}.{name}"));
                    return null;
                }
                var checkedChildren = new List<RuleNode>();
                for (var i = 0; i < children.Count; i++)
                    if (await NodeAsync(children[i], $"{path}.{name}[{i}]", depth + 1) is { } child) checkedChildren.Add(child);
                return new RuleGroup(all, checkedChildren);
            }
            if (r.IsEmptyLeaf)
            {
                errors.Add(new("rule_empty", "Điều kiện chưa có tiêu chí nào (một điều kiện trống sẽ chọn mọi người giữ chức danh).", path));
                return null;
            }
            return await LeafAsync(r, path);
        }

        async Task<RuleLeaf> LeafAsync(TargetRule r, string path)
        {
            var leaf = new RuleLeaf
            {
                Positions = Names<Position>(r.Positions, $"{path}.positions", "chức danh", "unknown_position",
                    v => $"Chức danh \"{v}\" không có; dùng một trong: {string.Join(", ", Enum.GetNames<Position>())}."),
                ConcurrentWith = Names<Position>(r.ConcurrentWith, $"{path}.concurrentWith", "chức danh kiêm nhiệm", "unknown_position",
                    v => $"Chức danh \"{v}\" không có; dùng một trong: {string.Join(", ", Enum.GetNames<Position>())}."),
                Modes = Names<TenureMode>(r.Modes, $"{path}.modes", "hình thức", "unknown_mode",
                    v => $"Hình thức \"{v}\" không có; dùng một trong: {string.Join(", ", Enum.GetNames<TenureMode>())}."),
                UnitKinds = Names<UnitKind>(r.UnitKinds, $"{path}.unitKinds", "loại thôn, tổ dân phố", "unknown_unit_kind",
                    v => $"Loại \"{v}\" không có; dùng Village (thôn) hoặc ResidentialGroup (tổ dân phố)."),
                PartyMember = r.PartyMember, Minorities = r.Minorities, Concurrent = r.Concurrent,
                AgeUnder = Age(r.AgeUnder, $"{path}.ageUnder"), AgeAtLeast = Age(r.AgeAtLeast, $"{path}.ageAtLeast"),
            };
            if (r.AgeUnder is { } under && r.AgeAtLeast is { } atLeast && atLeast >= under && under >= 0)
                errors.Add(new("age_range_empty", $"Không ai vừa từ {atLeast} tuổi trở lên vừa dưới {under} tuổi.", $"{path}.ageAtLeast"));
            if (r.Gender is { } gender)
            {
                if (Enum.TryParse<Gender>(gender, ignoreCase: true, out var g) && Enum.IsDefined(g) && !gender.Any(char.IsDigit)) leaf = leaf with { Gender = g };
                else errors.Add(new("unknown_gender", $"Giới tính \"{gender}\" không có; dùng Male (nam) hoặc Female (nữ).", $"{path}.gender"));
            }
            if (List(r.Ethnicities, $"{path}.ethnicities", "dân tộc") is { } ethnicities)
            {
                var codes = new List<string>();
                for (var i = 0; i < ethnicities.Count; i++)
                {
                    if (ReferenceLists.Ethnicities.FirstOrDefault(e => e.Code == ethnicities[i].Trim()) is { } e) codes.Add(e.Code);
                    else errors.Add(new("unknown_ethnicity", $"Không có dân tộc mã \"{ethnicities[i]}\" trong danh mục 54 dân tộc.", $"{path}.ethnicities[{i}]"));
                }
                leaf = leaf with { Ethnicities = [.. codes.Distinct()] };
            }
            if (List(r.Terms, $"{path}.terms", "nhiệm kỳ") is { } terms)
            {
                var labels = new List<string>();
                for (var i = 0; i < terms.Count; i++)
                    if (TenureRules.NormalizeTermLabel(errors, terms[i], $"{path}.terms[{i}]") is { } label) labels.Add(label);
                leaf = leaf with { Terms = [.. labels.Distinct()] };
            }
            if (List(r.Provinces, $"{path}.provinces", "tỉnh") is { } provinces)
                leaf = leaf with { Provinces = await AdminUnitsAsync(provinces, AdminLevel.Province, $"{path}.provinces") };
            if (List(r.Communes, $"{path}.communes", "xã, phường") is { } communes)
                leaf = leaf with { Communes = await AdminUnitsAsync(communes, AdminLevel.Commune, $"{path}.communes") };
            if (List(r.Units, $"{path}.units", "thôn, tổ dân phố") is { } units)
                leaf = leaf with { Units = await UnitsAsync(units, $"{path}.units") };
            if (r.NotCompletedProgramme is { } programme)
                leaf = leaf with { NotCompleted = await ProgrammeAsync(programme, $"{path}.notCompletedProgramme") };
            return leaf;
        }

        List<T>? List<T>(List<T>? values, string path, string label)
        {
            if (values is null) return null;
            if (values.Count == 0) errors.Add(new("list_empty", $"Danh sách {label} trống: bỏ trường này hoặc chọn ít nhất một giá trị.", path));
            return values;
        }

        IReadOnlyList<T>? Names<T>(List<string>? values, string path, string label, string code, Func<string, string> message) where T : struct, Enum
        {
            if (List(values, path, label) is not { } list) return null;
            var parsed = new List<T>();
            for (var i = 0; i < list.Count; i++)
            {
                // Names only: "1" would parse as a number.
                if (!string.IsNullOrWhiteSpace(list[i]) && !list[i].Any(char.IsDigit) && Enum.TryParse<T>(list[i].Trim(), ignoreCase: true, out var value) && Enum.IsDefined(value))
                    parsed.Add(value);
                else errors.Add(new(code, message(list[i]), $"{path}[{i}]"));
            }
            return [.. parsed.Distinct()];
        }

        int? Age(int? years, string path)
        {
            if (years is null or (>= 0 and <= 120)) return years;
            errors.Add(new("invalid_age", $"Tuổi phải từ 0 đến 120 (đã nhập {years}).", path));
            return null;
        }

        async Task<IReadOnlyList<PlaceRef>> AdminUnitsAsync(List<string> codes, AdminLevel level, string path)
        {
            var result = new List<PlaceRef>();
            for (var i = 0; i < codes.Count; i++)
            {
                var code = codes[i]?.Trim() ?? "";
                var unit = code.Length == 0 ? null : await db.FindByCodeAsync(code, date, ct);
                var what = level == AdminLevel.Province ? "tỉnh/thành phố" : "xã/phường/đặc khu";
                if (unit is null || unit.Level != level)
                {
                    errors.Add(new(level == AdminLevel.Province ? "unknown_province" : "unknown_commune",
                        $"Không có {what} mã \"{codes[i]}\" vào ngày {VietnameseText.FormatDate(date)}.", $"{path}[{i}]"));
                    continue;
                }
                var name = unit.AsOf(date).FullName;
                if (unit.ProvinceCode != place.ProvinceCode || (place.CommuneId is { } only && level == AdminLevel.Commune && unit.Id != only))
                    errors.Add(new("place_outside_course", $"{name} nằm ngoài địa bàn của lớp ({place.Name}).", $"{path}[{i}]"));
                else result.Add(new PlaceRef(unit.Id, unit.Code, name));
            }
            return [.. result.DistinctBy(p => p.Id)];
        }

        async Task<IReadOnlyList<PlaceRef>> UnitsAsync(List<int> ids, string path)
        {
            var found = await db.ResidentialUnitPeriods.AsNoTracking().Where(p => ids.Contains(p.UnitId) && p.ValidFrom <= date)
                .Select(p => new { p.UnitId, p.ValidFrom, p.Name, p.ProvinceCode, p.CommuneId }).ToListAsync(ct);
            var result = new List<PlaceRef>();
            for (var i = 0; i < ids.Count; i++)
            {
                var period = found.Where(p => p.UnitId == ids[i]).MaxBy(p => p.ValidFrom);
                if (period is null)
                    errors.Add(new("unknown_unit", $"Không tìm thấy thôn/tổ dân phố số {ids[i]} (vào ngày {VietnameseText.FormatDate(date)}) trong phạm vi của bạn.", $"{path}[{i}]"));
                else if (period.ProvinceCode != place.ProvinceCode || (place.CommuneId is { } only && period.CommuneId != only))
                    errors.Add(new("place_outside_course", $"{period.Name} nằm ngoài địa bàn của lớp ({place.Name}).", $"{path}[{i}]"));
                else result.Add(new PlaceRef(ids[i], ids[i].ToString(System.Globalization.CultureInfo.InvariantCulture), period.Name));
            }
            return [.. result.DistinctBy(p => p.Id)];
        }

        async Task<ProgrammeRef?> ProgrammeAsync(ProgrammeCondition condition, string path)
        {
            var title = await db.Programmes.AsNoTracking().Where(p => p.Id == condition.ProgrammeId).Select(p => p.Title).FirstOrDefaultAsync(ct);
            if (title is null) errors.Add(new("unknown_programme", $"Không tìm thấy chương trình bồi dưỡng số {condition.ProgrammeId}.", $"{path}.programmeId"));
            if (condition.Since is null) errors.Add(new("since_required", "Chưa nhập mốc \"từ ngày\" của điều kiện chưa hoàn thành chương trình.", $"{path}.since"));
            return title is null || condition.Since is not { } since ? null : new ProgrammeRef(condition.ProgrammeId, title, since);
        }
    }
}
