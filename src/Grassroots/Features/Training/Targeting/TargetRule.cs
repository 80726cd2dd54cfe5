using System.Text.Json;
using System.Text.Json.Serialization;
using Grassroots.Common;

namespace Grassroots.Features.Training.Targeting;

/// <summary>
/// A target group's rule as stored in <see cref="TargetGroup.Rule"/> and sent over the API: a node is
/// <c>{"all":[…]}</c>, <c>{"any":[…]}</c> or a leaf whose fields must all hold for a tenure held on the as-of date.
/// Enum values are their names (<c>"UnitHead"</c>, any case); codes are strings. Read it with <see cref="Parse(string)"/>
/// and check it with <see cref="TargetRuleCheck"/> before use.
/// <code>{"all":[{"positions":["UnitHead"],"partyMember":false,"ageUnder":60},{"communes":["04831","04846"]}]}</code>
/// </summary>
public sealed record TargetRule
{
    public List<TargetRule>? All { get; init; }
    public List<TargetRule>? Any { get; init; }
    /// <summary><see cref="People.Position"/> names: the tenure's position is one of them.</summary>
    public List<string>? Positions { get; init; }
    /// <summary><see cref="People.TenureMode"/> names.</summary>
    public List<string>? Modes { get; init; }
    public bool? PartyMember { get; init; }
    /// <summary>Younger than this many years on the date (people without a birth date do not match an age).</summary>
    public int? AgeUnder { get; init; }
    public int? AgeAtLeast { get; init; }
    /// <summary>"Male" or "Female".</summary>
    public string? Gender { get; init; }
    /// <summary>Ethnic group codes ("01" Kinh … "54").</summary>
    public List<string>? Ethnicities { get; init; }
    /// <summary>true: an ethnic minority (not Kinh); false: Kinh.</summary>
    public bool? Minorities { get; init; }
    /// <summary><see cref="Units.UnitKind"/> names of the unit on the date ("Village", "ResidentialGroup").</summary>
    public List<string>? UnitKinds { get; init; }
    /// <summary>Province codes of the unit on the date.</summary>
    public List<string>? Provinces { get; init; }
    /// <summary>Commune codes (valid on the date) of the unit on the date.</summary>
    public List<string>? Communes { get; init; }
    /// <summary>Residential unit ids.</summary>
    public List<int>? Units { get; init; }
    /// <summary>Term labels ("2022-2027").</summary>
    public List<string>? Terms { get; init; }
    /// <summary>true: the person holds another position on the date too (kiêm nhiệm); false: only this one.</summary>
    public bool? Concurrent { get; init; }
    /// <summary>The person also holds one of these positions on the date, in another tenure ("bí thư chi bộ kiêm trưởng thôn").</summary>
    public List<string>? ConcurrentWith { get; init; }
    /// <summary>Not trained: no completed enrolment in a course of the programme ending on or after <c>since</c>.</summary>
    public ProgrammeCondition? NotCompletedProgramme { get; init; }

    /// <summary>Whether the node is a leaf with no condition at all (it would match everyone).</summary>
    [JsonIgnore]
    public bool IsEmptyLeaf => All is null && Any is null && Positions is null && Modes is null && PartyMember is null && AgeUnder is null
        && AgeAtLeast is null && Gender is null && Ethnicities is null && Minorities is null && UnitKinds is null && Provinces is null
        && Communes is null && Units is null && Terms is null && Concurrent is null && ConcurrentWith is null && NotCompletedProgramme is null;

    /// <summary>camelCase, nulls left out, Vietnamese letters as they are; an unknown field is an error (a misspelt condition must not widen the group).</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static Result<TargetRule> Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return RuleRequired();
        try
        {
            return JsonSerializer.Deserialize<TargetRule>(json, Json) is { } rule ? Result<TargetRule>.Ok(rule) : RuleRequired();
        }
        catch (JsonException e)
        {
            return Unreadable(e);
        }
    }

    public static Result<TargetRule> Parse(JsonElement? json)
    {
        if (json is not { ValueKind: JsonValueKind.Object } element) return RuleRequired();
        try
        {
            return element.Deserialize<TargetRule>(Json) is { } rule ? Result<TargetRule>.Ok(rule) : RuleRequired();
        }
        catch (JsonException e)
        {
            return Unreadable(e);
        }
    }

    private static Error RuleRequired() => new("rule_required", "Chưa có quy tắc đối tượng (một đối tượng JSON như {\"positions\":[\"UnitHead\"]}).", "rule");

    private static Error Unreadable(JsonException e) => new("rule_unreadable",
        $"Quy tắc đối tượng không đọc được{(e.Path is { Length: > 0 } path ? " tại " + path : "")}: trường không có trong quy tắc hoặc sai kiểu dữ liệu.", "rule");
}

/// <summary>"Not trained in programme P since D".</summary>
public sealed record ProgrammeCondition(int ProgrammeId, DateOnly? Since);
