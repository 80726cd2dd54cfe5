using Grassroots.Common;
using Grassroots.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Units;

/// <summary>
/// Removes a unit entered by mistake: only one with nothing but its establishment on record. A unit that really
/// ended is dissolved or merged instead, so that its history stays.
/// </summary>
public sealed class DeleteUnit(AppDb db)
{
    public async Task<Result<int>> RunAsync(int id, int version, CancellationToken ct)
    {
        var loaded = await UnitChecks.LoadAsync(db, id, ct);
        if (!loaded.Succeeded) return Result<int>.Fail(loaded.Errors);
        var unit = loaded.Value!;
        if (UnitChecks.Version(unit, version) is { } conflict) return conflict;
        var hasLineage = await db.UnitLineages.AnyAsync(l => l.PredecessorId == id || l.SuccessorId == id, ct);
        if (unit.Periods.Count != 1 || hasLineage)
            return new Error("unit_has_history", "Thôn/tổ dân phố này đã có lịch sử thay đổi nên không xóa được; hãy ghi nhận giải thể hoặc sáp nhập.");
        // People and tenures are checked without the user's filters: any reference keeps the unit.
        if (await db.Tenures.IgnoreQueryFilters().AnyAsync(t => t.UnitId == id, ct) || await db.People.IgnoreQueryFilters().AnyAsync(p => p.ResidenceUnitId == id, ct))
            return new Error("unit_has_people", "Thôn/tổ dân phố này đã có người giữ chức danh hoặc người thường trú trong hồ sơ nên không xóa được; hãy ghi nhận giải thể hoặc sáp nhập.", Kind: ErrorKind.Conflict);
        var establishment = await db.UnitEvents.FirstAsync(e => e.Id == unit.Periods[0].OpenedByEventId, ct);
        db.ResidentialUnitPeriods.RemoveRange(unit.Periods);
        db.ResidentialUnits.Remove(unit);
        db.UnitEvents.Remove(establishment);
        db.Operation = "delete";
        if (await UnitChecks.SaveAsync(db, ct) is { } lost) return lost;
        return Result<int>.Ok(id);
    }
}
