using Grassroots.Common;
using Grassroots.Documents;
using Grassroots.Features.Accounts;
using Grassroots.Features.Units;
using Grassroots.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.People.Roster;

/// <summary>
/// The .xlsx of a leader list (the "Xuất Excel" button of the commune and province lists): ?commune= or ?province=,
/// asOf and the list's filters. A place out of scope is "not found"; a bad date is explained on the page.
/// </summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class ExportModel(ExportRoster export, TimeProvider time) : PageModel
{
    public string ErrorMessage { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string? commune, string? province, string? asOf, CancellationToken ct)
    {
        var date = VietnamTime.ParseAsOf(asOf, time);
        if (!date.Succeeded) return Fail(date.Errors[0]);
        var (level, code) = string.IsNullOrWhiteSpace(commune) ? (AdminLevel.Province, province) : (AdminLevel.Commune, commune);
        var (result, file) = await SpoolFile.WriteAsync(output => export.RunAsync(level, code, date.Value, LeaderFilter.FromQuery(Request.Query), output, ct));
        if (file is not null) return File(file, XlsxWriter.ContentType, result.Value!.FileName);
        return result.Errors[0].Kind == ErrorKind.NotFound ? NotFound() : Fail(result.Errors[0]);
    }

    private PageResult Fail(Error error)
    {
        ErrorMessage = error.Message;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
