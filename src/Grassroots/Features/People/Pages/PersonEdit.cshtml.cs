using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Features.Units;
using Grassroots.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.People.Pages;

/// <summary>Edits a person's record; the residence is one of the units of the commune that keeps it (or none).</summary>
[RequirePermission(Permission.EditPeople)]
public sealed class PersonEditModel(AppDb db, SavePerson save, TimeProvider time) : PageModel
{
    [BindProperty]
    public PersonForm Input { get; set; } = new();
    [BindProperty]
    public int Version { get; set; }
    [BindProperty]
    public int? ResidenceUnitId { get; set; }

    public PersonRow Person { get; private set; } = null!;
    public List<UnitRow> Units { get; private set; } = [];
    /// <summary>Users who may not see identifiers edit without them: left blank, the stored ones stay.</summary>
    public bool CanSeeIdentifiers { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is not { } person) return NotFound();
        Input = PersonForm.From(person);
        if (!CanSeeIdentifiers) (Input.NationalId, Input.Phone, Input.DateOfBirth) = (null, null, null);
        (Version, ResidenceUnitId) = (person.Version, person.ResidenceUnitId);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is not { } person) return NotFound();
        if (!CanSeeIdentifiers)
        {
            Input.NationalId = string.IsNullOrWhiteSpace(Input.NationalId) ? person.NationalId : Input.NationalId;
            Input.Phone = string.IsNullOrWhiteSpace(Input.Phone) ? person.Phone : Input.Phone;
            Input.DateOfBirth = string.IsNullOrWhiteSpace(Input.DateOfBirth) ? FormDates.Show(person.DateOfBirth) : Input.DateOfBirth;
        }
        var input = Input.ToInput(ModelState, "Input", ResidenceUnitId, null);
        if (input is null || !ModelState.IsValid) return Page();
        var result = await save.UpdateAsync(id, Version, input, ct);
        return this.Finish(result, p => $"Đã lưu hồ sơ của {p.FullName}.", _ => $"/nguoi/{id}");
    }

    private async Task<Person?> LoadAsync(int id, CancellationToken ct)
    {
        if (await LeaderQueries.PersonAsync(db, id, time.Today(), ct) is not { } row || !await PersonPages.CanEditPersonAsync(db, id, ct)) return null;
        Person = row;
        CanSeeIdentifiers = LeaderQueries.CanSeeIdentifiers(db);
        var person = await db.People.AsNoTracking().FirstAsync(p => p.Id == id, ct);
        var commune = await db.AdminUnits.AsNoTracking().FirstAsync(a => a.Id == person.CommuneId, ct);
        Units = await UnitQueries.InCommuneAsync(db, commune, time.Today(), null, ct);
        if (person.ResidenceUnitId is { } current && Units.All(u => u.Id != current) && await UnitQueries.GetAsync(db, current, null, ct) is { } unit)
            Units.Insert(0, unit);
        return person;
    }
}
