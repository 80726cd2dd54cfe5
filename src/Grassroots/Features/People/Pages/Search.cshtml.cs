using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.People.Pages;

/// <summary>Finds people by name (with or without diacritics) or national id, optionally within one commune.</summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class SearchModel(AppDb db, TimeProvider time) : PageModel
{
    public const int Limit = 100;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "xa")]
    public string? Xa { get; set; }

    public bool Searched { get; private set; }
    public List<PersonRow> Results { get; private set; } = [];
    public Dictionary<int, List<string>> Held { get; private set; } = [];
    /// <summary>The communes that keep records the user can see, for the filter.</summary>
    public List<(string Code, string Name)> Communes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = time.Today();
        Communes = [.. (await db.AdminUnits.AsNoTracking().Where(a => db.People.Any(p => p.CommuneId == a.Id)).Select(a => new { a.Code, a.FullName }).ToListAsync(ct))
            .Select(a => (a.Code, a.FullName)).OrderBy(a => a.FullName, VietnameseText.Comparer)];
        Searched = !string.IsNullOrWhiteSpace(Q) || !string.IsNullOrWhiteSpace(Xa);
        if (!Searched) return;
        Results = await LeaderQueries.SearchAsync(db, Q, Xa, Limit, today, ct);
        Held = await PersonPages.PositionsTodayAsync(db, [.. Results.Select(r => r.Id)], today, ct);
    }
}
