using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Features.Units;
using Grassroots.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.People.Pages;

/// <summary>Small reads and helpers the people and tenure pages share.</summary>
public static class PersonPages
{
    /// <summary>
    /// <see cref="PageForms.Finish"/> for forms with nested parts: an error on "person.nationalId" goes next to
    /// Input.Person.NationalId, one on "startDecision.date" next to Input.StartDecision.Date.
    /// </summary>
    public static IActionResult FinishNested<T>(this PageModel page, Result<T> result, Func<T, string> message, Func<T, string> redirectTo)
    {
        if (result.Succeeded) return page.Finish(result, message, redirectTo);
        foreach (var error in result.Errors)
            page.ModelState.AddModelError(error.Field is null ? "" : "Input." + string.Join('.', error.Field.Split('.').Select(s => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..])), error.Message);
        return page.Page();
    }

    /// <summary>The positions each person holds today, named with their unit ("Trưởng thôn Thôn Đồng Xuân").</summary>
    public static async Task<Dictionary<int, List<string>>> PositionsTodayAsync(AppDb db, IReadOnlyCollection<int> personIds, DateOnly today, CancellationToken ct)
    {
        if (personIds.Count == 0) return [];
        var held = await (from t in db.Tenures.AsNoTracking()
                          where personIds.Contains(t.PersonId) && t.StartDate <= today && (t.EndDate == null || t.EndDate >= today)
                          join p in db.ResidentialUnitPeriods.ValidOn(today) on t.UnitId equals p.UnitId
                          select new { t.PersonId, t.Position, t.Title, p.Name, p.Kind }).ToListAsync(ct);
        // Positions are stored as text: ordered here, by the enum.
        return held.OrderBy(h => h.Position).ThenBy(h => h.Name, VietnameseText.Comparer).GroupBy(h => h.PersonId)
            .ToDictionary(g => g.Key, g => g.Select(h => $"{Tenure.PositionName(h.Position, h.Kind, h.Title)} {h.Name}").ToList());
    }

    /// <summary>"12/QĐ-UBND ngày 01/06/2026, UBND xã Đà Bắc (người ký: Hà Văn Nam)"; empty when there is no decision.</summary>
    public static string DecisionText(TenureDecision? d)
    {
        if (d is null) return "";
        var text = (d.Number ?? "") + (d.Date is { } date ? (d.Number is null ? "Ngày " : " ngày ") + VietnameseText.FormatDate(date) : "");
        if (d.Issuer is not null) text += (text.Length > 0 ? ", " : "") + d.Issuer;
        if (d.Signer is not null) text += $"{(text.Length > 0 ? " " : "")}(người ký: {d.Signer})";
        return text;
    }

    /// <summary>Whether the user may record and change tenures in this unit (seen through the user's filters).</summary>
    public static async Task<bool> CanEditTenuresAsync(AppDb db, int unitId, CancellationToken ct)
    {
        var scope = db.Access.ScopeFor(Permission.EditPeople);
        if (scope.IsEmpty) return false;
        var unit = await db.ResidentialUnits.AsNoTracking().Where(u => u.Id == unitId)
            .Select(u => new { u.ProvinceCode, u.CurrentCommuneId }).FirstOrDefaultAsync(ct);
        return unit is not null && scope.Covers(unit.ProvinceCode, unit.CurrentCommuneId, unitId);
    }

    /// <summary>Whether the user may change this person's record (the same test as the write check).</summary>
    public static async Task<bool> CanEditPersonAsync(AppDb db, int personId, CancellationToken ct)
    {
        var scope = db.Access.ScopeFor(Permission.EditPeople);
        if (scope.IsEmpty) return false;
        var person = await db.People.AsNoTracking().Where(p => p.Id == personId)
            .Select(p => new { p.ProvinceCode, p.CommuneId, p.ResidenceUnitId }).FirstOrDefaultAsync(ct);
        return person is not null && scope.Covers(person.ProvinceCode, person.CommuneId, person.ResidenceUnitId ?? 0);
    }

    /// <summary>The person (in the user's scope) who already holds this national id, for the "use the existing record" offer.</summary>
    public static async Task<PersonRow?> HolderOfNationalIdAsync(AppDb db, string? nationalId, DateOnly today, CancellationToken ct)
    {
        var number = nationalId?.Trim();
        if (string.IsNullOrEmpty(number)) return null;
        var id = await db.People.Where(p => p.NationalId == number).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
        return id is { } found ? await LeaderQueries.PersonAsync(db, found, today, ct) : null;
    }
}
