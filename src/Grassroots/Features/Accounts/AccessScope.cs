namespace Grassroots.Features.Accounts;

/// <summary>
/// Where a permission reaches: everywhere, or a set of provinces, communes and residential units (as of today).
/// <see cref="ReachedProvinces"/> and <see cref="ReachedCommunes"/> are where the communes and units of the scope lie:
/// a user there sees the courses organised for that province or commune (not its people).
/// </summary>
public sealed record AccessScope(bool All, IReadOnlyList<string> Provinces, IReadOnlyList<int> Communes, IReadOnlyList<int> Units,
    IReadOnlyList<string>? ReachedProvinces = null, IReadOnlyList<int>? ReachedCommunes = null)
{
    public static readonly AccessScope Everything = new(true, [], [], []);
    public static readonly AccessScope Nothing = new(false, [], [], []);

    /// <summary>Whether something organised by a province (<paramref name="communeId"/> null) or a commune is within reach.</summary>
    public bool Reaches(string provinceCode, int? communeId) =>
        All || Provinces.Contains(provinceCode) || (communeId is { } c
            ? Communes.Contains(c) || (ReachedCommunes?.Contains(c) ?? false)
            : ReachedProvinces?.Contains(provinceCode) ?? false);

    /// <summary>Whether something organised by a province (<paramref name="communeId"/> null) or a commune may be managed: the whole of it lies within the scope.</summary>
    public bool Manages(string provinceCode, int? communeId) =>
        All || Provinces.Contains(provinceCode) || (communeId is { } c && Communes.Contains(c));

    public bool IsEmpty => !All && Provinces.Count == 0 && Communes.Count == 0 && Units.Count == 0;

    /// <summary>Whether a residential unit (by its province, current commune and id) lies within the scope.</summary>
    public bool Covers(string provinceCode, int communeId, int unitId) =>
        All || Provinces.Contains(provinceCode) || Communes.Contains(communeId) || (unitId != 0 && Units.Contains(unitId));

    /// <summary>Whether the whole of a commune lies within the scope (to add units to it, or to see its audit).</summary>
    public bool CoversCommune(string provinceCode, int communeId) => All || Provinces.Contains(provinceCode) || Communes.Contains(communeId);
}
