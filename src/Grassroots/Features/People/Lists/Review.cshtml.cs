using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Web;
using Microsoft.AspNetCore.Mvc;

namespace Grassroots.Features.People.Lists;

/// <summary>
/// /can-xem-xet: tenures held today that break a soft rule (accepted when recorded, flagged): the stored warnings
/// and acting heads past their limit, each with its rule, message and legal source; counted and filtered by rule.
/// </summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class ReviewModel(AppDb db, TimeProvider time) : PlaceListPage(db, time)
{
    [BindProperty(SupportsGet = true, Name = "rule")]
    public string? Rule { get; set; }

    public List<LeaderRow> Rows { get; private set; } = [];
    /// <summary>How many tenures break each rule (before the rule filter).</summary>
    public List<(string Rule, int Count)> Counts { get; private set; } = [];
    public int Total { get; private set; }

    public string RuleUrl(string? rule) =>
        "/can-xem-xet" + QueryString.Create(rule is null ? PlacePairs() : [.. PlacePairs(), new("rule", rule)]);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await ResolvePlaceAsync(ct)) return NotFound();
        Rule = string.IsNullOrWhiteSpace(Rule) ? null : Rule.Trim().ToUpperInvariant();
        var all = await LeaderQueries.ReviewAsync(Db, Place, Today, null, ct);
        Total = all.Count;
        Counts = [.. all.SelectMany(r => r.Warnings.Select(w => w.Rule).Distinct()).GroupBy(r => r)
            .Select(g => (g.Key, g.Count()))
            .OrderBy(c => Array.IndexOf(ListText.Rules, c.Key) is var i and >= 0 ? i : int.MaxValue).ThenBy(c => c.Key, StringComparer.Ordinal)];
        Rows = Rule is null ? all : [.. all.Where(r => r.Warnings.Any(w => w.Rule == Rule)).Select(r => r with { Warnings = [.. r.Warnings.Where(w => w.Rule == Rule)] })];
        return Page();
    }
}
