using Grassroots.Common;
using Grassroots.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Units;

/// <summary>A decision an event rests on, as entered.</summary>
public sealed record DecisionInput(string? Number = null, DateOnly? Date = null, string? Issuer = null);

/// <summary>The checks on residential units that several use cases share (rules of domain.md §2.1).</summary>
internal static class UnitChecks
{
    public const string SourceR02 = "CV 4168/BNV-CQĐP (23/6/2025); TT 04/2012/TT-BNV Điều 2";
    public const string SourceR06 = "TT 04/2012/TT-BNV Điều 7a (sửa đổi bởi TT 09/2017, TT 14/2018)";

    /// <summary>The commune-level unit with this code on the date, or an error that says why not.</summary>
    public static async Task<Result<AdminUnit>> CommuneOnAsync(AppDb db, string? code, DateOnly date, string field, CancellationToken ct)
    {
        code = code?.Trim();
        if (string.IsNullOrEmpty(code))
            return new Error("commune_required", "Chưa nhập mã xã/phường.", field);
        var candidates = await db.AdminUnits.Include(u => u.TypeChanges)
            .Where(u => u.Level == AdminLevel.Commune && u.Code == code).ToListAsync(ct);
        if (candidates.Count == 0)
            return new Error("commune_not_found", $"Không có xã/phường/đặc khu mã {code} trong danh mục.", field);
        var valid = candidates.FirstOrDefault(c => c.IsValidOn(date));
        if (valid is not null) return Result<AdminUnit>.Ok(valid);
        var first = candidates.Where(c => c.ValidFrom is not null).MinBy(c => c.ValidFrom);
        if (first is not null && date < first.ValidFrom)
            return new Error("commune_not_yet_valid",
                $"{first.FullName} (mã {code}) chỉ có từ ngày {VietnameseText.FormatDate(first.ValidFrom)}; ngày {VietnameseText.FormatDate(date)} là trước khi xã/phường này tồn tại.", field);
        return new Error("commune_not_valid", $"Mã {code} không phải là xã/phường đang tồn tại vào ngày {VietnameseText.FormatDate(date)}.", field);
    }

    /// <summary>R-UNIT-02: a thôn sits under a xã or đặc khu, a tổ dân phố under a phường (or thị trấn before 2025, or a đặc khu).</summary>
    public static Error? KindFitsCommune(UnitKind kind, AdminUnit commune, DateOnly date, string field)
    {
        var (type, fullName) = commune.AsOf(date);
        var fits = kind switch
        {
            UnitKind.Village => type is AdminUnitType.Commune or AdminUnitType.SpecialZone,
            _ => type is AdminUnitType.Ward or AdminUnitType.Township or AdminUnitType.SpecialZone,
        };
        if (fits) return null;
        var message = kind == UnitKind.Village
            ? $"Thôn chỉ được tổ chức ở xã hoặc đặc khu; {fullName} là {AdminUnit.TypeName(type).ToLowerInvariant()} vào ngày {VietnameseText.FormatDate(date)} nên phải là tổ dân phố (R-UNIT-02, {SourceR02})."
            : $"Tổ dân phố chỉ được tổ chức ở phường; {fullName} là {AdminUnit.TypeName(type).ToLowerInvariant()} vào ngày {VietnameseText.FormatDate(date)} nên phải là thôn (R-UNIT-02, {SourceR02}).";
        return new Error("kind_mismatch", message, field, Rule: "R-UNIT-02");
    }

    /// <summary>Names are unique within a commune at any date: no other unit of the commune bears it from <paramref name="from"/> on.</summary>
    public static async Task<Error?> NameFreeAsync(AppDb db, AdminUnit commune, string name, DateOnly from, IReadOnlyCollection<int> exceptUnitIds, string field, CancellationToken ct)
    {
        var key = VietnameseText.NameKey(name);
        var clash = await db.ResidentialUnitPeriods.AsNoTracking()
            .Where(p => p.CommuneId == commune.Id && p.NameKey == key && !exceptUnitIds.Contains(p.UnitId))
            .Where(p => p.ValidTo == null || p.ValidTo >= from)
            .OrderBy(p => p.ValidFrom)
            .FirstOrDefaultAsync(ct);
        return clash is null ? null : new Error("name_duplicate",
            $"Tên \"{VietnameseText.Clean(name)}\" đã được dùng trong {commune.FullName} (từ ngày {VietnameseText.FormatDate(clash.ValidFrom)}); tên thôn, tổ dân phố trong một xã/phường không được trùng nhau.", field);
    }

    public static void Name(List<Error> errors, string? name, string field = "name")
    {
        var clean = VietnameseText.Clean(name);
        if (clean.Length == 0) errors.Add(new("name_required", "Chưa nhập tên thôn/tổ dân phố.", field));
        else if (clean.Length > 150) errors.Add(new("name_too_long", "Tên thôn/tổ dân phố dài quá 150 ký tự.", field));
    }

    public static void LocalLabel(List<Error> errors, string? label, string field = "localLabel")
    {
        if (VietnameseText.Clean(label).Length > 40) errors.Add(new("local_label_too_long", "Tên gọi địa phương dài quá 40 ký tự.", field));
    }

    public static void Counts(List<Error> errors, int? households, int? population, DateOnly? countsAsOf, DateOnly today)
    {
        if (households < 0) errors.Add(new("negative_count", "Số hộ gia đình không được là số âm.", "householdCount"));
        if (population < 0) errors.Add(new("negative_count", "Số nhân khẩu không được là số âm.", "population"));
        if (households > 0 && population >= 0 && population < households)
            errors.Add(new("population_below_households", "Số nhân khẩu không thể ít hơn số hộ gia đình.", "population"));
        if (countsAsOf > today)
            errors.Add(new("future_date", $"Ngày của số liệu ({VietnameseText.FormatDate(countsAsOf)}) là ngày trong tương lai.", "countsAsOf"));
    }

    public static void EffectiveDate(List<Error> errors, DateOnly date, DateOnly today, string field = "effectiveDate")
    {
        if (date > today)
            errors.Add(new("future_date", $"Ngày hiệu lực {VietnameseText.FormatDate(date)} là ngày trong tương lai; chỉ ghi nhận việc đã có hiệu lực (hôm nay là {VietnameseText.FormatDate(today)}).", field));
    }

    public static void Decision(List<Error> errors, DecisionInput? decision, DateOnly today)
    {
        if (decision is null) return;
        if (decision.Date > today)
            errors.Add(new("future_date", $"Ngày quyết định {VietnameseText.FormatDate(decision.Date)} là ngày trong tương lai.", "decision.date"));
        if ((decision.Number?.Length ?? 0) > 60) errors.Add(new("decision_number_too_long", "Số quyết định dài quá 60 ký tự.", "decision.number"));
        if ((decision.Issuer?.Length ?? 0) > 200) errors.Add(new("decision_issuer_too_long", "Tên cơ quan ban hành dài quá 200 ký tự.", "decision.issuer"));
    }

    public static void Note(List<Error> errors, string? note)
    {
        if (VietnameseText.Clean(note).Length > 1000) errors.Add(new("note_too_long", "Ghi chú dài quá 1.000 ký tự.", "note"));
    }

    /// <summary>An event on the current state of a unit must come after the state began.</summary>
    public static void AfterCurrentPeriod(List<Error> errors, ResidentialUnitPeriod open, DateOnly date, string field = "effectiveDate")
    {
        if (date <= open.ValidFrom)
            errors.Add(new("date_before_current_state",
                $"Ngày hiệu lực phải sau ngày {VietnameseText.FormatDate(open.ValidFrom)}, ngày bắt đầu của tình trạng hiện tại của \"{open.Name}\".", field));
    }

    public static Error? Version(ResidentialUnit unit, int? expected) =>
        expected is { } v && v != unit.Version
            ? Error.Conflict($"Thôn/tổ dân phố này vừa được người khác thay đổi (phiên bản {unit.Version}, bạn sửa từ phiên bản {v}). Hãy tải lại và nhập lại thay đổi.")
            : null;

    public static Error LostRace() =>
        Error.Conflict("Thôn/tổ dân phố này vừa được người khác thay đổi cùng lúc. Hãy tải lại và nhập lại thay đổi.");

    /// <summary>Saves, turning a lost optimistic-concurrency race into a 409 error instead of an overwrite.</summary>
    public static async Task<Error?> SaveAsync(AppDb db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return LostRace();
        }
    }

    public static async Task<ProvinceUnitRules?> RulesAsync(AppDb db, string provinceCode, DateOnly date, CancellationToken ct) =>
        await db.ProvinceUnitRules.AsNoTracking()
            .Where(r => r.ProvinceCode == provinceCode && (r.ValidFrom == null || r.ValidFrom <= date) && (r.ValidTo == null || r.ValidTo >= date))
            .OrderByDescending(r => r.ValidFrom).FirstOrDefaultAsync(ct);

    public static async Task<IReadOnlyList<RuleWarning>> SizeWarningsAsync(AppDb db, AdminUnit commune, UnitKind kind, int? households, DateOnly date, bool isNew, CancellationToken ct)
    {
        var rules = await RulesAsync(db, commune.ProvinceCode, date, ct);
        return rules?.SizeWarnings(kind, households, commune.AsOf(date).Type == AdminUnitType.SpecialZone, isNew) ?? [];
    }

    /// <summary>Loads a unit with its periods for a change, or a not-found error.</summary>
    public static async Task<Result<ResidentialUnit>> LoadAsync(AppDb db, int id, CancellationToken ct)
    {
        var unit = await db.ResidentialUnits.Include(u => u.Periods).ThenInclude(p => p.Commune).ThenInclude(c => c!.TypeChanges)
            .AsSplitQuery().FirstOrDefaultAsync(u => u.Id == id, ct);
        return unit is null ? Error.NotFound("thôn/tổ dân phố") : Result<ResidentialUnit>.Ok(unit);
    }

    public static UnitEvent NewEvent(UnitEventType type, DateOnly date, DecisionInput? decision, string? note, string provinceCode, DateTime now) => new()
    {
        Type = type, EffectiveDate = date, ProvinceCode = provinceCode, RecordedAt = now,
        DecisionNumber = Blank(decision?.Number), DecisionDate = decision?.Date, DecisionIssuer = Blank(decision?.Issuer), Note = Blank(note),
    };

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : VietnameseText.Clean(s);
}
