using System.Globalization;
using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Web;
using Microsoft.AspNetCore.Mvc;

namespace Grassroots.Features.People.Lists;

/// <summary>/nhiem-ky-sap-het?thang=N: tenures held today whose planned end falls within N months (or has passed).</summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class TermsEndingModel(AppDb db, TimeProvider time) : PlaceListPage(db, time)
{
    public const int DefaultMonths = 6;

    [BindProperty(SupportsGet = true, Name = "thang")]
    public string? MonthsText { get; set; }

    public int Months { get; private set; } = DefaultMonths;
    public string? MonthsError { get; private set; }
    public List<LeaderRow> Rows { get; private set; } = [];
    public DateOnly Until => Today.AddMonths(Months);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await ResolvePlaceAsync(ct)) return NotFound();
        if (!string.IsNullOrWhiteSpace(MonthsText))
        {
            if (int.TryParse(MonthsText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var months) && months is >= 1 and <= 60) Months = months;
            else MonthsError = $"Số tháng \"{MonthsText.Trim()}\" không hợp lệ: phải là số nguyên từ 1 đến 60. Đang hiển thị {DefaultMonths} tháng.";
        }
        Rows = await LeaderQueries.EndingWithinAsync(Db, Place, Today, Months, ct);
        return Page();
    }
}
