using System.Globalization;
using Grassroots.Data;
using Grassroots.Features.Units;
using Grassroots.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.People.Lists;

/// <summary>
/// Who held which position in the thôn and tổ dân phố of a commune or a province on a date, filtered (the
/// <see cref="LeaderFilter"/> query names), sorted the Vietnamese way, with counts and a link to the .xlsx export.
/// </summary>
public abstract class LeaderListPage(AppDb db, TimeProvider time) : AsOfPage(time)
{
    public const int PageSize = 200;

    [BindProperty(SupportsGet = true, Name = "trang")]
    public int PageNumber { get; set; } = 1;

    protected abstract AdminLevel Level { get; }
    public bool IsProvince => Level == AdminLevel.Province;
    public string PlaceCode { get; private set; } = "";
    public string PlaceName { get; private set; } = "";
    public string ProvinceCode { get; private set; } = "";
    public string ProvinceName { get; private set; } = "";
    /// <summary>The user's scope reaches only part of the place: the list holds that part.</summary>
    public bool PartOnly { get; private set; }
    public LeaderFilter Filter { get; private set; } = new();
    /// <summary>The rows of the page shown (the counts of the whole list are in <see cref="Summary"/>).</summary>
    public List<LeaderRow> PageRows { get; private set; } = [];
    public LeaderSummary Summary { get; private set; } = LeaderSummary.Of([]);
    public int PageCount { get; private set; } = 1;
    public int Offset => (PageNumber - 1) * PageSize;

    /// <summary>The export of the same list (built by the roster feature): place, date and the same filter.</summary>
    public string ExportUrl => "/can-bo/xuat" + QueryString.Create(
        [new(IsProvince ? "province" : "commune", PlaceCode), new("asOf", AsOfIso), .. Filter.ToQuery()]);

    /// <summary>This list on another page (1-based), keeping the date and the filter.</summary>
    public string PageUrl(int page)
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        if (!IsToday) pairs.Add(new("asOf", AsOfIso));
        pairs.AddRange(Filter.ToQuery());
        if (page > 1) pairs.Add(new("trang", page.ToString(CultureInfo.InvariantCulture)));
        return Request.Path + QueryString.Create(pairs);
    }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        ResolveAsOf();
        if (await ListPlace.FindAsync(db, code, Level, AsOf, ct) is not { } place) return NotFound();
        PlaceCode = place.Code;
        PlaceName = place.AsOf(AsOf).FullName;
        PartOnly = !ListPlace.CoversWhole(db, place);
        var province = place.Level == AdminLevel.Province ? place
            : await db.AdminUnits.Include(u => u.TypeChanges).ValidOn(AsOf).FirstAsync(u => u.Level == AdminLevel.Province && u.Code == place.ProvinceCode, ct);
        (ProvinceCode, ProvinceName) = (province.Code, province.AsOf(AsOf).FullName);
        Filter = LeaderFilter.FromQuery(Request.Query);
        var list = await LeaderPageQueries.HeldOnPageAsync(db, place, AsOf, Filter, PageNumber, PageSize, ct);
        (Summary, PageRows, PageNumber, PageCount) = (list.Summary, list.Rows, list.PageNumber, list.PageCount);
        return Page();
    }
}
