using Grassroots.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Web;

/// <summary>A page that can be asked "as of" a date (?asOf=yyyy-MM-dd or dd/MM/yyyy); the default is today.</summary>
public abstract class AsOfPage(TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "asOf")]
    public string? AsOfText { get; set; }

    public DateOnly AsOf { get; private set; }
    public DateOnly Today => time.Today();
    public bool IsToday => AsOf == Today;
    public string? AsOfError { get; private set; }

    /// <summary>The value for an &lt;input type="date"&gt;.</summary>
    public string AsOfIso => AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The query string that carries the date on to the next page (empty when it is today).</summary>
    public string AsOfQuery => IsToday ? "" : "?asOf=" + AsOfIso;

    protected void ResolveAsOf()
    {
        var parsed = VietnamTime.ParseAsOf(AsOfText, time);
        AsOf = parsed.Succeeded ? parsed.Value : time.Today();
        AsOfError = parsed.Succeeded ? null : parsed.Errors[0].Message;
    }
}
