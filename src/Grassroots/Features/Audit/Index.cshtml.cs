using System.Globalization;
using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Audit;

/// <summary>Nhật ký thay đổi: the audit trail within the user's scope, filtered, newest first, a page at a time.</summary>
[RequirePermission(Permission.ViewAudit)]
public sealed class IndexModel(AppDb db) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")] public string? UserName { get; set; }
    [BindProperty(SupportsGet = true, Name = "entity")] public string? EntityType { get; set; }
    [BindProperty(SupportsGet = true, Name = "entityId")] public string? EntityId { get; set; }
    [BindProperty(SupportsGet = true, Name = "from")] public string? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "to")] public string? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "province")] public string? Province { get; set; }
    [BindProperty(SupportsGet = true, Name = "commune")] public string? Commune { get; set; }
    [BindProperty(SupportsGet = true, Name = "before")] public long? Before { get; set; }

    public List<string> EntityTypes { get; private set; } = [];
    public IReadOnlyList<AuditRow> Rows { get; private set; } = [];
    public IReadOnlyList<Error> Errors { get; private set; } = [];
    public long? NextBefore { get; private set; }

    /// <summary>The filters as a query string (without the cursor), for the export and the next page.</summary>
    public string FilterQuery => QueryString.Create(Filters()).ToString();

    public string ExportUrl => "/api/v1/audit/export" + FilterQuery;

    public string? NextUrl => NextBefore is { } next
        ? "/nhat-ky" + QueryString.Create(Filters().Append(new("before", next.ToString(CultureInfo.InvariantCulture))))
        : null;

    /// <summary>The value of an &lt;input type="date"&gt;: ISO when it reads as a date, else what was typed.</summary>
    public static string? DateValue(string? text) =>
        VietnameseText.TryParseDate(text, out var date) ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : text;

    public async Task OnGetAsync(CancellationToken ct)
    {
        EntityTypes = await AuditQueries.EntityTypesAsync(db, ct);
        var filter = AuditFilter.Parse(UserName, null, EntityType, EntityId, From, To, Province, Commune);
        if (!filter.Succeeded)
        {
            Errors = filter.Errors;
            return;
        }
        var page = await AuditQueries.PageAsync(db, filter.Value!, Before, AuditQueries.DefaultLimit, ct);
        (Rows, NextBefore) = (page.Items, page.NextBefore);
    }

    private IEnumerable<KeyValuePair<string, string?>> Filters() =>
        new (string Key, string? Value)[]
            {
                ("user", UserName), ("entity", EntityType), ("entityId", EntityId), ("from", DateValue(From)), ("to", DateValue(To)),
                ("province", Province), ("commune", Commune),
            }
            .Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => new KeyValuePair<string, string?>(p.Key, p.Value!.Trim()));
}
