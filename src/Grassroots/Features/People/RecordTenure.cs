using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Units;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.People;

/// <summary>A decision a tenure rests on (recognition, acting appointment, relief …).</summary>
public sealed record TenureDecision(string? Number = null, DateOnly? Date = null, string? Issuer = null, string? Signer = null);

/// <summary>
/// A position held in a unit. <see cref="PersonId"/> names an existing person; otherwise <see cref="NewPerson"/>
/// is created in the same transaction.
/// </summary>
public sealed record TenureInput(
    int UnitId, int? PersonId, PersonInput? NewPerson, Position Position, string? Title, TenureMode Mode, string? TermLabel,
    DateOnly StartDate, DateOnly? PlannedEndDate = null, TenureDecision? StartDecision = null, string? Note = null,
    DateOnly? EndDate = null, EndReason? EndReason = null, TenureDecision? EndDecision = null);

public sealed record EndTenureInput(int Id, int Version, DateOnly EndDate, EndReason? EndReason, TenureDecision? Decision = null, string? Note = null);

/// <summary>Records, corrects, ends and deletes tenures, with the hard rules refused and the soft rules flagged.</summary>
public sealed class RecordTenure(AppDb db, TimeProvider time, SavePerson savePerson)
{
    public async Task<Result<Tenure>> CreateAsync(TenureInput input, CancellationToken ct)
    {
        var errors = new List<Error>();
        var unit = await LoadUnitAsync(input.UnitId, ct);
        if (unit is null) return Error.NotFound("thôn/tổ dân phố");
        Person? person;
        if (input.PersonId is { } personId)
        {
            person = await db.People.FirstOrDefaultAsync(p => p.Id == personId, ct);
            if (person is null) return new Error("person_not_found", "Không tìm thấy người này.", "personId", ErrorKind.NotFound);
        }
        else if (input.NewPerson is { } newPerson)
        {
            person = new Person { ProvinceCode = "", FullName = "", SearchName = "", SortKey = "", CreatedAt = time.UtcNow(), UpdatedAt = time.UtcNow() };
            errors.AddRange(await savePerson.ApplyAsync(person, newPerson, "person.", ct));
            db.People.Add(person);
        }
        else return new Error("person_required", "Chưa chọn người giữ chức danh.", "personId");

        var tenure = new Tenure { ProvinceCode = unit.ProvinceCode, CommuneId = unit.CurrentCommuneId, UnitId = unit.Id, Person = person, PersonId = person.Id };
        Fill(tenure, input, errors);
        var result = await CheckAndSaveAsync(tenure, person, unit, errors, isNew: true, ct);
        if (!result.Succeeded && person.Id == 0) db.Entry(person).State = EntityState.Detached;
        return result;
    }

    public async Task<Result<Tenure>> UpdateAsync(int id, int version, TenureInput input, CancellationToken ct)
    {
        var tenure = await db.Tenures.Include(t => t.Person).FirstOrDefaultAsync(t => t.Id == id, ct);
        if (tenure is null) return Error.NotFound("chức danh này");
        if (tenure.Version != version) return Conflict(tenure.Version, version);
        if (input.UnitId != tenure.UnitId) return new Error("unit_cannot_change", "Không đổi được thôn/tổ dân phố của một nhiệm kỳ; hãy kết thúc và ghi nhận ở đơn vị mới.", "unitId");
        if (input.PersonId is { } p && p != tenure.PersonId) return new Error("person_cannot_change", "Không đổi được người giữ chức danh; hãy kết thúc và ghi nhận người mới.", "personId");
        var unit = (await LoadUnitAsync(tenure.UnitId, ct))!;
        var errors = new List<Error>();
        Fill(tenure, input, errors);
        tenure.Touch(time.UtcNow());
        return await CheckAndSaveAsync(tenure, tenure.Person!, unit, errors, isNew: false, ct);
    }

    public async Task<Result<Tenure>> EndAsync(EndTenureInput input, CancellationToken ct)
    {
        var tenure = await db.Tenures.Include(t => t.Person).FirstOrDefaultAsync(t => t.Id == input.Id, ct);
        if (tenure is null) return Error.NotFound("chức danh này");
        if (tenure.Version != input.Version) return Conflict(tenure.Version, input.Version);
        if (tenure.EndDate is not null)
            return new Error("tenure_already_ended", $"Chức danh này đã kết thúc ngày {VietnameseText.FormatDate(tenure.EndDate)}.", "endDate", ErrorKind.Conflict);
        var unit = (await LoadUnitAsync(tenure.UnitId, ct))!;
        tenure.EndDate = input.EndDate;
        tenure.EndReason = input.EndReason;
        SetEndDecision(tenure, input.Decision);
        if (!string.IsNullOrWhiteSpace(input.Note)) tenure.Note = VietnameseText.Clean(input.Note);
        tenure.Touch(time.UtcNow());
        db.Operation ??= "end-tenure";
        return await CheckAndSaveAsync(tenure, tenure.Person!, unit, [], isNew: false, ct);
    }

    public async Task<Result<Tenure>> DeleteAsync(int id, int version, CancellationToken ct)
    {
        var tenure = await db.Tenures.Include(t => t.Warnings).FirstOrDefaultAsync(t => t.Id == id, ct);
        if (tenure is null) return Error.NotFound("chức danh này");
        if (tenure.Version != version) return Conflict(tenure.Version, version);
        if (await db.Tenures.IgnoreQueryFilters().AnyAsync(t => t.CarriedFromId == id, ct))
            return new Error("tenure_carried", "Nhiệm kỳ này đã được chuyển sang đơn vị mới khi sắp xếp; không xóa được.", Kind: ErrorKind.Conflict);
        db.Tenures.Remove(tenure);
        db.Operation ??= "delete-tenure";
        await TenureRules.RefreshUnitAsync(db, tenure.UnitId, null, time.Today(), ct);
        return await SaveAsync(tenure, ct);
    }

    private async Task<ResidentialUnit?> LoadUnitAsync(int unitId, CancellationToken ct) =>
        await db.ResidentialUnits.Include(u => u.Periods).FirstOrDefaultAsync(u => u.Id == unitId, ct);

    private static Error Conflict(int current, int yours) =>
        Error.Conflict($"Chức danh này vừa được người khác thay đổi (phiên bản {current}, bạn sửa từ phiên bản {yours}). Hãy tải lại và nhập lại thay đổi.");

    /// <summary>Writes the input onto the tenure (the term label checked into <paramref name="errors"/>).</summary>
    public static void Fill(Tenure t, TenureInput input, List<Error> errors)
    {
        t.Position = input.Position;
        t.Title = t.Position == Position.VillageParticipant && !string.IsNullOrWhiteSpace(input.Title) ? VietnameseText.Clean(input.Title) : null;
        t.Mode = input.Mode;
        t.TermLabel = TenureRules.NormalizeTermLabel(errors, input.TermLabel);
        t.StartDate = input.StartDate;
        t.PlannedEndDate = input.PlannedEndDate;
        t.StartDecisionNumber = Blank(input.StartDecision?.Number);
        t.StartDecisionDate = input.StartDecision?.Date;
        t.StartDecisionIssuer = Blank(input.StartDecision?.Issuer);
        t.StartDecisionSigner = Blank(input.StartDecision?.Signer);
        t.EndDate = input.EndDate;
        t.EndReason = input.EndReason;
        SetEndDecision(t, input.EndDecision);
        t.Note = Blank(input.Note);
    }

    private static void SetEndDecision(Tenure t, TenureDecision? d)
    {
        t.EndDecisionNumber = Blank(d?.Number);
        t.EndDecisionDate = d?.Date;
        t.EndDecisionIssuer = Blank(d?.Issuer);
        t.EndDecisionSigner = Blank(d?.Signer);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : VietnameseText.Clean(s);

    private async Task<Result<Tenure>> CheckAndSaveAsync(Tenure tenure, Person person, ResidentialUnit unit, List<Error> errors, bool isNew, CancellationToken ct)
    {
        var today = time.Today();
        TenureRules.CheckOwnFields(errors, tenure, person, today);
        if (errors.Count == 0)
        {
            var others = await db.Tenures.Include(t => t.Person).Where(t => t.UnitId == unit.Id).ToListAsync(ct);
            TenureRules.CheckAgainstUnit(errors, tenure, unit, others);
        }
        if (errors.Count > 0)
        {
            if (isNew) db.Entry(tenure).State = EntityState.Detached;
            else await db.Entry(tenure).ReloadAsync(ct);
            return Result<Tenure>.Fail(errors);
        }
        if (isNew)
        {
            tenure.CreatedAt = tenure.UpdatedAt = time.UtcNow();
            db.Tenures.Add(tenure);
            db.Operation ??= "record-tenure";
        }
        else db.Operation ??= "update-tenure";
        var warnings = await TenureRules.RefreshUnitAsync(db, unit.Id, tenure, today, ct);
        var saved = await SaveAsync(tenure, ct);
        return saved.Succeeded ? Result<Tenure>.Ok(tenure, warnings) : saved;
    }

    private async Task<Result<Tenure>> SaveAsync(Tenure tenure, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Result<Tenure>.Ok(tenure);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("Chức danh này vừa được người khác thay đổi cùng lúc. Hãy tải lại và nhập lại thay đổi.");
        }
    }
}
