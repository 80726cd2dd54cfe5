using System.Globalization;
using Grassroots.Common;
using Grassroots.Features.People;
using Grassroots.Features.People.Pages;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Grassroots.Features.Training.Targeting;

/// <summary>One group of conditions on the target group page: the common fields of a rule leaf, as typed.</summary>
public sealed class TargetConditionForm
{
    public List<string> Positions { get; set; } = [];
    /// <summary>"", "true" (Party members) or "false" (not).</summary>
    public string? PartyMember { get; set; }
    public int? AgeUnder { get; set; }
    public int? AgeAtLeast { get; set; }
    public string? Gender { get; set; }
    /// <summary>"", "true" (ethnic minorities) or "false" (Kinh).</summary>
    public string? Minorities { get; set; }
    public string? UnitKind { get; set; }
    public List<string> Communes { get; set; } = [];
    public string? Term { get; set; }
    /// <summary>"", "true" (holds another position too) or "false".</summary>
    public string? Concurrent { get; set; }
    /// <summary>A position the person also holds ("bí thư chi bộ kiêm trưởng thôn").</summary>
    public string? ConcurrentWith { get; set; }
    public int? ProgrammeId { get; set; }
    public string? Since { get; set; }

    /// <summary>The leaf these fields make, or null when none is filled.</summary>
    public TargetRule? ToRule(DateOnly? since)
    {
        static bool? Flag(string? v) => v switch { "true" => true, "false" => false, _ => null };
        static string? Text(string? v) => string.IsNullOrWhiteSpace(v) ? null : v.Trim();
        // Blank values are what a browser does not send (an empty multiple select); ignore them.
        var positions = Positions.Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
        var communes = Communes.Where(c => !string.IsNullOrWhiteSpace(c)).ToList();
        var rule = new TargetRule
        {
            Positions = positions.Count == 0 ? null : positions, PartyMember = Flag(PartyMember), AgeUnder = AgeUnder, AgeAtLeast = AgeAtLeast,
            Gender = Text(Gender), Minorities = Flag(Minorities), UnitKinds = Text(UnitKind) is { } kind ? [kind] : null,
            Communes = communes.Count == 0 ? null : communes, Terms = Text(Term) is { } term ? [term] : null, Concurrent = Flag(Concurrent),
            ConcurrentWith = Text(ConcurrentWith) is { } with ? [with] : null,
            NotCompletedProgramme = ProgrammeId is { } programme ? new ProgrammeCondition(programme, since) : null,
        };
        return rule.IsEmptyLeaf ? null : rule;
    }

    /// <summary>The fields of a leaf, or null when it says something this form cannot show.</summary>
    public static TargetConditionForm? From(TargetRule leaf)
    {
        if (leaf.All is not null || leaf.Any is not null || leaf.Modes is not null || leaf.Ethnicities is not null || leaf.Provinces is not null
            || leaf.Units is not null || leaf.UnitKinds is { Count: > 1 } || leaf.Terms is { Count: > 1 } || leaf.ConcurrentWith is { Count: > 1 })
            return null;
        static string? Flag(bool? v) => v is null ? null : v.Value ? "true" : "false";
        return new TargetConditionForm
        {
            Positions = leaf.Positions ?? [], PartyMember = Flag(leaf.PartyMember), AgeUnder = leaf.AgeUnder, AgeAtLeast = leaf.AgeAtLeast, Gender = leaf.Gender,
            Minorities = Flag(leaf.Minorities), UnitKind = leaf.UnitKinds?.FirstOrDefault(), Communes = leaf.Communes ?? [], Term = leaf.Terms?.FirstOrDefault(),
            Concurrent = Flag(leaf.Concurrent), ConcurrentWith = leaf.ConcurrentWith?.FirstOrDefault(), ProgrammeId = leaf.NotCompletedProgramme?.ProgrammeId,
            Since = FormDates.Show(leaf.NotCompletedProgramme?.Since),
        };
    }
}

/// <summary>
/// The target group page's form: up to <see cref="MaxGroups"/> groups of conditions joined by "all" or "any", the date
/// the rule is read at, a name, and — to change a saved group — its id and version.
/// </summary>
public sealed class TargetRuleForm
{
    public const int MaxGroups = 3;

    public int? GroupId { get; set; }
    public int? Version { get; set; }
    public string? Name { get; set; }
    public string? AsOf { get; set; }
    /// <summary>"all" (every group must hold) or "any" (one of them).</summary>
    public string Combine { get; set; } = "all";
    public List<TargetConditionForm> Groups { get; set; } = [];
    /// <summary>The class the "enrol everyone" button puts people in.</summary>
    public int? ClassId { get; set; }

    public TargetRuleForm Padded()
    {
        while (Groups.Count < MaxGroups) Groups.Add(new TargetConditionForm());
        return this;
    }

    /// <summary>The form showing a rule, or null when the rule is more than the form can show (nested groups, other fields).</summary>
    public static TargetRuleForm? From(TargetRule rule)
    {
        var (combine, leaves) = rule.All is { } all ? ("all", all) : rule.Any is { } any ? ("any", any) : ("all", [rule]);
        if (leaves.Count > MaxGroups) return null;
        var groups = leaves.Select(TargetConditionForm.From).ToList();
        return groups.Any(g => g is null) ? null : new TargetRuleForm { Combine = combine, Groups = groups! }.Padded();
    }

    /// <summary>The rule and its date, or null with the errors in <paramref name="modelState"/> (dates that do not read, nothing chosen).</summary>
    public (TargetRule Rule, DateOnly? AsOf, Dictionary<int, int> GroupOfLeaf)? Read(ModelStateDictionary modelState)
    {
        var asOf = FormDates.Read(modelState, "Input.AsOf", AsOf, "Ngày xét");
        var leaves = new List<TargetRule>();
        var groupOfLeaf = new Dictionary<int, int>();
        for (var i = 0; i < Groups.Count; i++)
        {
            var since = FormDates.Read(modelState, $"Input.Groups[{i}].Since", Groups[i].Since, "Mốc \"từ ngày\"");
            if (Groups[i].ToRule(since.Date) is not { } leaf) continue;
            groupOfLeaf[leaves.Count] = i;
            leaves.Add(leaf);
        }
        if (leaves.Count == 0) modelState.AddModelError("", "Chưa chọn điều kiện nào: hãy chọn ít nhất một tiêu chí (ví dụ chức danh).");
        if (!modelState.IsValid) return null;
        var rule = leaves.Count == 1 ? leaves[0] : Combine == "any" ? new TargetRule { Any = leaves } : new TargetRule { All = leaves };
        return (rule, asOf.Date, groupOfLeaf);
    }

    /// <summary>
    /// A rule error's path ("rule.all[1].ageUnder", "rule.communes[0]") as the form field it concerns
    /// ("Input.Groups[1].AgeUnder", "Input.Groups[0].Communes").
    /// </summary>
    public static string FieldKey(string? path, Dictionary<int, int> groupOfLeaf)
    {
        if (path is null || !path.StartsWith("rule", StringComparison.Ordinal)) return "";
        var rest = path["rule".Length..];
        var leaf = 0;
        foreach (var prefix in new[] { ".all[", ".any[" })
            if (rest.StartsWith(prefix, StringComparison.Ordinal))
            {
                var close = rest.IndexOf(']', StringComparison.Ordinal);
                leaf = int.Parse(rest[prefix.Length..close], CultureInfo.InvariantCulture);
                rest = rest[(close + 1)..];
            }
        var field = rest.TrimStart('.').Split('.', '[')[0];
        var name = field switch
        {
            "" => null,
            "terms" => "Term",
            "unitKinds" => "UnitKind",
            "notCompletedProgramme" => rest.EndsWith("since", StringComparison.Ordinal) ? "Since" : "ProgrammeId",
            _ => char.ToUpperInvariant(field[0]) + field[1..],
        };
        return name is null ? "" : $"Input.Groups[{groupOfLeaf.GetValueOrDefault(leaf)}].{name}";
    }

    public static IReadOnlyList<(string Value, string Name)> PositionChoices { get; } =
        [.. Enum.GetValues<Position>().Select(p => (p.ToString(), TargetPresets.PositionText(p)))];
}
