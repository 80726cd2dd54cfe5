using Grassroots.Common;
using Grassroots.Features.People;
using Grassroots.Features.Units;

namespace Grassroots.Features.Training.Targeting;

/// <summary>A ready-made rule for a common audience, offered as one click on the target group page and over the API.</summary>
public sealed record TargetPreset(string Key, string Name, string Note, TargetRule Rule);

/// <summary>The seed cases of DESIGN.md, and the way a checked rule is said in Vietnamese.</summary>
public static class TargetPresets
{
    public static readonly IReadOnlyList<TargetPreset> All =
    [
        new("truong-thon-chua-dang-vien-duoi-60", "Trưởng thôn, tổ trưởng chưa là đảng viên, dưới 60 tuổi",
            "Như lớp bồi dưỡng nhận thức về Đảng của Huyện ủy Hương Khê (673 trưởng thôn chưa là đảng viên, 418 người dưới 60 tuổi).",
            new TargetRule { Positions = [nameof(Position.UnitHead)], PartyMember = false, AgeUnder = 60 }),
        new("bi-thu-kiem-truong-thon", "Bí thư chi bộ kiêm trưởng thôn, tổ trưởng (nhất thể hóa)",
            "Bí thư chi bộ đồng thời giữ chức trưởng thôn, tổ trưởng tổ dân phố vào ngày xét, như lớp của Thị ủy Quảng Yên.",
            new TargetRule { Positions = [nameof(Position.PartyCellSecretary)], ConcurrentWith = [nameof(Position.UnitHead)] }),
        new("truong-pho-to-dan-pho-cac-phuong", "Tổ trưởng và tổ phó tổ dân phố của các phường",
            "Trưởng, phó của các tổ dân phố (chỉ có ở phường) trong địa bàn của lớp; chọn thêm các phường để giới hạn trong một khu vực, như lớp 526 tổ trưởng, tổ phó của 18 phường quận Hai Bà Trưng.",
            new TargetRule { Positions = [nameof(Position.UnitHead), nameof(Position.DeputyHead)], UnitKinds = [nameof(UnitKind.ResidentialGroup)] }),
    ];

    public static TargetPreset? Find(string? key) => All.FirstOrDefault(p => p.Key == key?.Trim());

    /// <summary>The rule in words: "Trưởng thôn, tổ trưởng tổ dân phố; chưa là đảng viên; dưới 60 tuổi".</summary>
    public static string Describe(RuleNode node) => Describe(node, nested: false);

    private static string Describe(RuleNode node, bool nested)
    {
        if (node is RuleGroup group)
        {
            var text = string.Join(group.All ? " và " : " hoặc ", group.Children.Select(c => Describe(c, nested: true)));
            return nested && group.Children.Count > 1 ? $"({text})" : text;
        }
        var l = (RuleLeaf)node;
        var parts = new List<string>();
        if (l.Positions is { Count: > 0 } positions) parts.Add(string.Join(" hoặc ", positions.Select(PositionText)));
        if (l.ConcurrentWith is { Count: > 0 } with) parts.Add("kiêm " + string.Join(" hoặc ", with.Select(p => PositionText(p).ToLower(VietnameseText.Culture))));
        if (l.Concurrent is { } concurrent) parts.Add(concurrent ? "có kiêm nhiệm chức danh khác" : "không kiêm nhiệm");
        if (l.Modes is { Count: > 0 } modes) parts.Add("hình thức " + string.Join(", ", modes.Select(m => Tenure.ModeName(m).ToLower(VietnameseText.Culture))));
        if (l.Terms is { Count: > 0 } terms) parts.Add("nhiệm kỳ " + string.Join(", ", terms));
        if (l.PartyMember is { } party) parts.Add(party ? "là đảng viên" : "chưa là đảng viên");
        if (l.AgeAtLeast is { } atLeast) parts.Add($"từ {atLeast} tuổi");
        if (l.AgeUnder is { } under) parts.Add($"dưới {under} tuổi");
        if (l.Gender is { } gender) parts.Add(Person.GenderName(gender).ToLower(VietnameseText.Culture));
        if (l.Minorities is { } minorities) parts.Add(minorities ? "người dân tộc thiểu số" : "người dân tộc Kinh");
        if (l.Ethnicities is { Count: > 0 } ethnicities) parts.Add("dân tộc " + string.Join(", ", ethnicities.Select(e => ReferenceLists.EthnicityName(e) ?? e)));
        if (l.UnitKinds is { Count: > 0 } kinds) parts.Add("ở " + string.Join(" hoặc ", kinds.Select(k => ResidentialUnit.KindName(k).ToLower(VietnameseText.Culture))));
        if (l.Provinces is { Count: > 0 } provinces) parts.Add("thuộc " + string.Join(", ", provinces.Select(p => p.Name)));
        if (l.Communes is { Count: > 0 } communes) parts.Add("thuộc " + string.Join(", ", communes.Select(c => c.Name)));
        if (l.Units is { Count: > 0 } units) parts.Add("ở " + string.Join(", ", units.Select(u => u.Name)));
        if (l.NotCompleted is { } p) parts.Add($"chưa hoàn thành chương trình “{p.Title}” từ ngày {VietnameseText.FormatDate(p.Since)}");
        var leaf = string.Join("; ", parts);
        return nested && parts.Count > 1 ? $"({leaf})" : leaf;
    }

    /// <summary>A position as a target: the head and deputy named for both kinds of unit.</summary>
    public static string PositionText(Position position) => position switch
    {
        Position.UnitHead => "Trưởng thôn, tổ trưởng tổ dân phố",
        Position.DeputyHead => "Phó trưởng thôn, tổ phó tổ dân phố",
        _ => Tenure.PositionName(position),
    };
}
