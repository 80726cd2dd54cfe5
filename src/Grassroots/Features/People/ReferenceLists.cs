using Grassroots.Common;
using Grassroots.Data.Seed;

namespace Grassroots.Features.People;

public sealed record ReferenceItem(string Code, string Name);

/// <summary>
/// The official lists a person's record draws on, read once from <c>data/admin-units</c>: the 54 ethnic groups
/// (QĐ 121-TCTK/PPCĐ), religions, and the education, professional, political-theory and state-management levels.
/// </summary>
public static class ReferenceLists
{
    private static readonly Lazy<Lists> Loaded = new(() => Load(CatalogLoader.DefaultDirectory));

    public static IReadOnlyList<ReferenceItem> Ethnicities => Loaded.Value.Ethnicities;
    public static IReadOnlyList<ReferenceItem> Religions => Loaded.Value.Religions;
    public static IReadOnlyList<ReferenceItem> ProfessionalQualifications => Loaded.Value.Levels["professional"];
    public static IReadOnlyList<ReferenceItem> PoliticalTheoryLevels => Loaded.Value.Levels["political_theory"];
    public static IReadOnlyList<ReferenceItem> StateManagementLevels => Loaded.Value.Levels["state_management"];

    public const string Kinh = "01";

    public static string? EthnicityName(string? code) => Name(Ethnicities, code);
    public static string? ReligionName(string? code) => Name(Religions, code);
    public static string? ProfessionalName(string? code) => Name(ProfessionalQualifications, code);
    public static string? PoliticalTheoryName(string? code) => Name(PoliticalTheoryLevels, code);
    public static string? StateManagementName(string? code) => Name(StateManagementLevels, code);

    private static string? Name(IReadOnlyList<ReferenceItem> list, string? code) =>
        code is null ? null : list.FirstOrDefault(i => i.Code == code)?.Name;

    /// <summary>A code given by its code or its name ("Mường", "muong" or "05" → "05"), or null when not in the list.</summary>
    public static string? Find(IReadOnlyList<ReferenceItem> list, string? codeOrName)
    {
        var text = VietnameseText.Clean(codeOrName);
        if (text.Length == 0) return null;
        if (list.FirstOrDefault(i => i.Code.Equals(text, StringComparison.OrdinalIgnoreCase)) is { } byCode) return byCode.Code;
        var folded = VietnameseText.Fold(text);
        return list.FirstOrDefault(i => VietnameseText.Fold(i.Name) == folded)?.Code;
    }

    private sealed record Lists(IReadOnlyList<ReferenceItem> Ethnicities, IReadOnlyList<ReferenceItem> Religions, Dictionary<string, IReadOnlyList<ReferenceItem>> Levels);

    private static Lists Load(string directory)
    {
        List<Dictionary<string, string>> Read(string file) => Csv.ParseWithHeader(File.ReadAllText(Path.Combine(directory, file)));
        var levels = Read("education-levels.csv").GroupBy(r => r["category"])
            .ToDictionary(g => g.Key, g => (IReadOnlyList<ReferenceItem>)[.. g.Select(r => new ReferenceItem(r["code"], r["name"]))]);
        return new Lists(
            [.. Read("ethnic-groups.csv").Select(r => new ReferenceItem(r["code"], r["name"]))],
            [.. Read("religions.csv").Select(r => new ReferenceItem(r["code"], r["name"]))],
            levels);
    }
}
