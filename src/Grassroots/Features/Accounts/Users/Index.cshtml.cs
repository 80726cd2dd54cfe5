using Grassroots.Data;
using Grassroots.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Accounts.Users;

/// <summary>The accounts the current manager may see (every grant within their reach).</summary>
[RequirePermission(Permission.ManageUsers)]
public sealed class IndexModel(AppDb db, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public List<UserRow> Users { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Users = await UserQueries.ListAsync(db, time, Q, ct);
}
