using System.Globalization;
using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Web;
using Microsoft.AspNetCore.Mvc;

namespace Grassroots.Features.People.Lists;

/// <summary>/nhiem-ky-sap-het?thang=N&amp;trang=P: tenures held today whose planned end falls within N months (or has passed), a page at a time.</summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class TermsEndingModel(AppDb db, TimeProvider time) : PlaceListPage(db, time)
{
    public const int DefaultMonths = 6;
    public const int PageSize = 200;

    [BindProperty(SupportsGet = true, Name = "thang")]
    public string? MonthsText { get; set; }

    [BindProperty(SupportsGet = true, Name = "trang")]
    public int PageNumber { get; set; } = 1;

    public int Months { get; private set; } = DefaultMonths;
    public string? MonthsError { get; private set; }
    /// <summary>The rows of the page shown; <see cref="Total"/> counts the whole list.</summary>
    public List<EndingRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount { get; private set; } = 1;
    public int Offset => (PageNumber - 1) * PageSize;
    public DateOnly Until => Today.AddMonths(Months);

    /// <summary>This list on another page (1-based), keeping the place and the number of months.</summary>
    public string PageUrl(int page)
    {
        var pairs = PlacePairs().ToList();
        if (Months != DefaultMonths) pairs.Add(new("thang", Months.ToString(CultureInfo.InvariantCulture)));
        if (page > 1) pairs.Add(new("trang", page.ToString(CultureInfo.InvariantCulture)));
        return "/nhiem-ky-sap-het" + QueryString.Create(pairs);
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await ResolvePlaceAsync(ct)) return NotFound();
        if (!string.IsNullOrWhiteSpace(MonthsText))
        {
            if (int.TryParse(MonthsText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var months) && months is >= 1 and <= 60) Months = months;
            else MonthsError = $"Số tháng \"{MonthsText.Trim()}\" không hợp lệ: phải là số nguyên từ 1 đến 60. Đang hiển thị {DefaultMonths} tháng.";
        }
        var list = await LeaderPageQueries.EndingWithinPageAsync(Db, Place, Today, Months, PageNumber, PageSize, ct);
        (Total, Rows, PageNumber, PageCount) = (list.Total, list.Rows, list.PageNumber, list.PageCount);
        return Page();
    }
}
