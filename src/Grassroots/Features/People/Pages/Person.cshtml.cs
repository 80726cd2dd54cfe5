using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.People.Pages;

/// <summary>A person's record (identifiers masked without the permission to see them) and every position they held.</summary>
[RequirePermission(Permission.ViewPeople)]
public sealed class PersonModel(AppDb db, TimeProvider time) : PageModel
{
    public PersonRow Person { get; private set; } = null!;
    public List<LeaderRow> Tenures { get; private set; } = [];
    public bool CanEdit { get; private set; }
    /// <summary>The person's courses and certificates (section "Bồi dưỡng").</summary>
    public Grassroots.Features.Training.History.PersonTraining? Training { get; private set; }
    public DateOnly Today => time.Today();

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LeaderQueries.PersonAsync(db, id, Today, ct) is not { } person) return NotFound();
        Person = person;
        // Held now first, then the latest; positions by rank (they are stored as text, so ordered here).
        Tenures = [.. (await LeaderQueries.OfPersonAsync(db, id, Today, ct)).OrderByDescending(t => t.EndDate is null).ThenByDescending(t => t.StartDate).ThenBy(t => t.Position)];
        CanEdit = await PersonPages.CanEditPersonAsync(db, id, ct);
        Training = await Grassroots.Features.Training.History.TrainingHistory.ForPersonAsync(db, id, ct);
        return Page();
    }
}
