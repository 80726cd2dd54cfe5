using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Features.Units;
using Grassroots.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.People.Pages;

/// <summary>
/// Records a position held in a unit, by an existing person (found with ?tim=…, chosen with ?nguoi=…) or by a new one
/// entered in the same form. ?chucdanh=… preselects the position.
/// </summary>
[RequirePermission(Permission.EditPeople)]
public sealed class TenureNewModel(AppDb db, RecordTenure record, TimeProvider time) : PageModel
{
    [BindProperty]
    public TenureForm Input { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "nguoi")]
    public int? ChosenId { get; set; }
    [BindProperty(SupportsGet = true, Name = "tim")]
    public string? Query { get; set; }
    [BindProperty(SupportsGet = true, Name = "chucdanh")]
    public Position? PresetPosition { get; set; }

    public UnitRow Unit { get; private set; } = null!;
    public PersonRow? Chosen { get; private set; }
    public List<PersonRow> Matches { get; private set; } = [];
    /// <summary>Positions held today by the people shown (the chosen one and the matches).</summary>
    public Dictionary<int, List<string>> Held { get; private set; } = [];
    /// <summary>Who already has the national id typed for the new person: offered instead of a duplicate.</summary>
    public PersonRow? Existing { get; private set; }

    public async Task<IActionResult> OnGetAsync(int unitId, CancellationToken ct)
    {
        if (!await LoadAsync(unitId, ChosenId, ct)) return NotFound();
        Input.PersonId = Chosen?.Id;
        Input.Position = PresetPosition is { } p && Enum.IsDefined(p) ? p : null;
        if (!string.IsNullOrWhiteSpace(Query) && Chosen is null)
            Matches = await LeaderQueries.SearchAsync(db, Query, null, 20, time.Today(), ct);
        var shown = Matches.Select(m => m.Id).ToList();
        if (Chosen is not null) shown.Add(Chosen.Id);
        Held = await PersonPages.PositionsTodayAsync(db, shown, time.Today(), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int unitId, CancellationToken ct)
    {
        if (!await LoadAsync(unitId, Input.PersonId, ct)) return NotFound();
        if (Chosen is not null) Held = await PersonPages.PositionsTodayAsync(db, [Chosen.Id], time.Today(), ct);
        var input = Input.ToInput(ModelState, unitId, Unit.CommuneCode, newPerson: Chosen is null);
        if (input is null) return Page();
        var result = await record.CreateAsync(input, ct);
        if (result.Errors.Any(e => e.Code == SavePerson.NationalIdExists))
            Existing = await PersonPages.HolderOfNationalIdAsync(db, Input.Person.NationalId, time.Today(), ct);
        var name = Chosen?.FullName ?? VietnameseText.Clean(Input.Person.FullName);
        return this.FinishNested(result, t => $"Đã ghi nhận {name} giữ chức danh {Tenure.PositionName(t.Position, Unit.Kind, t.Title)} từ ngày {VietnameseText.FormatDate(t.StartDate)}.",
            _ => $"/thon/{unitId}");
    }

    private async Task<bool> LoadAsync(int unitId, int? personId, CancellationToken ct)
    {
        if (await UnitQueries.GetAsync(db, unitId, null, ct) is not { } unit || !await PersonPages.CanEditTenuresAsync(db, unitId, ct)) return false;
        Unit = unit;
        if (personId is { } id && (Chosen = await LeaderQueries.PersonAsync(db, id, time.Today(), ct)) is null) return false;
        return true;
    }
}
