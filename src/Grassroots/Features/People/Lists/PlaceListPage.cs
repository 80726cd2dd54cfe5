using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Units;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.People.Lists;

/// <summary>
/// A list of today's tenures over the user's whole scope, or one commune (?xa=) or province (?tinh=) of it: the
/// "cần xem xét", terms-ending and acting-head pages.
/// </summary>
public abstract class PlaceListPage(AppDb db, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "xa")]
    public string? Xa { get; set; }

    [BindProperty(SupportsGet = true, Name = "tinh")]
    public string? Tinh { get; set; }

    protected AppDb Db => db;
    public DateOnly Today => time.Today();
    public AdminUnit? Place { get; private set; }
    public string PlaceName => Place?.AsOf(Today).FullName ?? "Trong phạm vi bạn được xem";

    /// <summary>The place as query pairs (xa or tinh), to carry it on to other lists.</summary>
    public IEnumerable<KeyValuePair<string, string?>> PlacePairs() =>
        Place is null ? [] : [new(Place.Level == AdminLevel.Province ? "tinh" : "xa", Place.Code)];

    /// <summary>The place as a query string ("?xa=04831"; empty for the whole scope).</summary>
    public string PlaceQuery => QueryString.Create(PlacePairs()).ToString();

    /// <summary>The place named by ?xa= or ?tinh=; false when it does not exist today or lies outside the user's scope.</summary>
    protected async Task<bool> ResolvePlaceAsync(CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(Xa)) Place = await ListPlace.FindAsync(db, Xa, AdminLevel.Commune, Today, ct);
        else if (!string.IsNullOrWhiteSpace(Tinh)) Place = await ListPlace.FindAsync(db, Tinh, AdminLevel.Province, Today, ct);
        else return true;
        return Place is not null;
    }
}
