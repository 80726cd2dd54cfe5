using System.Text.RegularExpressions;
using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Units;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.People;

/// <summary>
/// The legal rules on who holds which position (domain.md §2.2–§2.4, §2.8). Hard rules refuse the write;
/// soft rules accept it and leave a warning, stored with the tenure, that the "cần xem xét" page lists.
/// Every numeric limit comes from the province's <see cref="ProvinceUnitRules"/> valid on the date.
/// </summary>
public static partial class TenureRules
{
    public const string SourceOrg01 = "TT 04/2012/TT-BNV Điều 4 khoản 1 (sửa đổi bởi TT 14/2018/TT-BNV)";
    public const string SourceElig = "TT 04/2012/TT-BNV Điều 11";
    public const string SourceTerm = "TT 04/2012/TT-BNV Điều 12 khoản 2 (sửa đổi bởi TT 14/2018/TT-BNV)";
    public const string SourceAllow = "NĐ 33/2023/NĐ-CP Điều 33 khoản 6";

    /// <summary>Positions paid a monthly allowance (ND 33/2023 Art 33 cl.6).</summary>
    public static bool IsPaid(Position p) => p is Position.UnitHead or Position.PartyCellSecretary or Position.FrontCommitteeHead;

    [GeneratedRegex(@"^\s*(\d{4})\s*[-–]\s*(\d{4})\s*$")]
    private static partial Regex TermLabelPattern();

    /// <summary>"2022 – 2027" → "2022-2027"; null when blank; an error when not two years in order.</summary>
    public static string? NormalizeTermLabel(List<Error> errors, string? label, string field = "termLabel")
    {
        if (string.IsNullOrWhiteSpace(label)) return null;
        var match = TermLabelPattern().Match(label);
        if (!match.Success || int.Parse(match.Groups[2].Value) <= int.Parse(match.Groups[1].Value))
        {
            errors.Add(new("invalid_term_label", $"Nhiệm kỳ \"{label.Trim()}\" phải ghi dạng năm bắt đầu-năm kết thúc, ví dụ 2022-2027.", field));
            return null;
        }
        return $"{match.Groups[1].Value}-{match.Groups[2].Value}";
    }

    /// <summary>Checks that need nothing but the tenure itself.</summary>
    public static void CheckOwnFields(List<Error> errors, Tenure t, Person person, DateOnly today)
    {
        if (!Enum.IsDefined(t.Position)) errors.Add(new("invalid_position", "Chức danh không hợp lệ.", "position"));
        if (!Enum.IsDefined(t.Mode)) errors.Add(new("invalid_mode", "Hình thức (bầu, công nhận, lâm thời, kéo dài, kiêm nhiệm) không hợp lệ.", "mode"));
        if (t.EndReason is { } r && !Enum.IsDefined(r)) errors.Add(new("invalid_end_reason", "Lý do thôi giữ chức danh không hợp lệ.", "endReason"));
        if (t.StartDate > today)
            errors.Add(new("future_date", $"Ngày bắt đầu {VietnameseText.FormatDate(t.StartDate)} là ngày trong tương lai; chỉ ghi nhận việc đã có hiệu lực.", "startDate"));
        if (t.StartDate.Year < 1945) errors.Add(new("invalid_start_date", "Ngày bắt đầu không hợp lệ.", "startDate"));
        if (t.EndDate is { } end)
        {
            if (end < t.StartDate)
                errors.Add(new("end_before_start", $"Ngày thôi giữ chức danh ({VietnameseText.FormatDate(end)}) trước ngày bắt đầu ({VietnameseText.FormatDate(t.StartDate)}).", "endDate"));
            if (end > today)
                errors.Add(new("future_date", $"Ngày thôi giữ chức danh {VietnameseText.FormatDate(end)} là ngày trong tương lai.", "endDate"));
            if (t.EndReason is null) errors.Add(new("end_reason_required", "Chưa chọn lý do thôi giữ chức danh.", "endReason"));
        }
        else if (t.EndReason is not null)
            errors.Add(new("end_date_required", "Có lý do thôi giữ chức danh thì phải có ngày thôi.", "endDate"));
        if (t.PlannedEndDate is { } planned && planned < t.StartDate)
            errors.Add(new("planned_end_before_start", "Ngày dự kiến hết nhiệm kỳ trước ngày bắt đầu.", "plannedEndDate"));
        if (person.DateOfBirth is { } born && born > t.StartDate)
            errors.Add(new("start_before_birth", $"Ngày bắt đầu trước ngày sinh của {person.FullName}.", "startDate"));
        if (t.StartDecisionDate > today) errors.Add(new("future_date", "Ngày quyết định là ngày trong tương lai.", "startDecision.date"));
        if (t.EndDecisionDate > today) errors.Add(new("future_date", "Ngày quyết định thôi giữ chức danh là ngày trong tương lai.", "endDecision.date"));
        Length(errors, t.Title, 100, "title", "Tên chức danh");
        Length(errors, t.StartDecisionNumber, 60, "startDecision.number", "Số quyết định");
        Length(errors, t.StartDecisionIssuer, 200, "startDecision.issuer", "Cơ quan ban hành");
        Length(errors, t.StartDecisionSigner, 100, "startDecision.signer", "Người ký");
        Length(errors, t.EndDecisionNumber, 60, "endDecision.number", "Số quyết định thôi giữ chức danh");
        Length(errors, t.EndDecisionIssuer, 200, "endDecision.issuer", "Cơ quan ban hành quyết định thôi giữ chức danh");
        Length(errors, t.EndDecisionSigner, 100, "endDecision.signer", "Người ký quyết định thôi giữ chức danh");
        Length(errors, t.Note, 1000, "note", "Ghi chú");
    }

    private static void Length(List<Error> errors, string? value, int max, string field, string label)
    {
        if ((value?.Length ?? 0) > max) errors.Add(new("too_long", $"{label} dài quá {max} ký tự.", field));
    }

    /// <summary>Hard rules against the unit and its other tenures: the unit existed; one head at a time; no duplicate.</summary>
    public static void CheckAgainstUnit(List<Error> errors, Tenure t, ResidentialUnit unit, IEnumerable<Tenure> others)
    {
        var first = unit.Periods.Count == 0 ? (DateOnly?)null : unit.Periods.Min(p => p.ValidFrom);
        var last = unit.Periods.Any(p => p.ValidTo is null) ? (DateOnly?)null : unit.Periods.Max(p => p.ValidTo);
        var name = (unit.PeriodOn(t.StartDate) ?? unit.Periods.OrderBy(p => p.ValidFrom).LastOrDefault())?.Name ?? $"#{unit.Id}";
        if (first is null || t.StartDate < first || (last is { } l && (t.StartDate > l || t.EndDate is null || t.EndDate > l)))
        {
            var span = first is null ? "" : $" (từ {VietnameseText.FormatDate(first)}{(last is null ? "" : " đến " + VietnameseText.FormatDate(last))})";
            errors.Add(new("unit_not_existing", $"\"{name}\" không tồn tại trong suốt thời gian giữ chức danh{span}.", "startDate", Rule: "R-UNIT"));
        }
        foreach (var other in others)
        {
            if (other.Id == t.Id && t.Id != 0) continue;
            if (!other.Overlaps(t.StartDate, t.EndDate)) continue;
            var samePerson = SamePerson(t, other);
            if (t.Position == Position.UnitHead && other.Position == Position.UnitHead && !samePerson)
                errors.Add(new("overlapping_heads",
                    $"R-ORG-01: mỗi thôn/tổ dân phố chỉ có một người đứng đầu; \"{name}\" đã có {other.Person?.FullName ?? "người khác"} giữ chức danh này " +
                    $"từ {VietnameseText.FormatDate(other.StartDate)}{(other.EndDate is { } e ? " đến " + VietnameseText.FormatDate(e) : "")}. ({SourceOrg01})",
                    "startDate", ErrorKind.Conflict, "R-ORG-01"));
            else if (samePerson && other.Position == t.Position && (t.Position != Position.VillageParticipant || other.Title == t.Title))
                errors.Add(new("duplicate_tenure", $"Người này đã giữ chức danh này ở \"{name}\" trong cùng thời gian (từ {VietnameseText.FormatDate(other.StartDate)}).",
                    "startDate", ErrorKind.Conflict));
        }
    }

    /// <summary>Whether two tenures are held by one person (people not saved yet have no id: then by the record itself).</summary>
    public static bool SamePerson(Tenure a, Tenure b) =>
        a.PersonId != 0 || b.PersonId != 0 ? a.PersonId == b.PersonId : ReferenceEquals(a.Person, b.Person) && a.Person is not null;

    /// <summary>
    /// Soft rules for one tenure among all tenures of its unit (this one included), as of <paramref name="today"/>.
    /// <paramref name="personOf"/> gives the person of a tenure.
    /// </summary>
    public static List<RuleWarning> Evaluate(Tenure t, ResidentialUnit unit, IReadOnlyList<Tenure> unitTenures, Func<int, Person?> personOf, ProvinceUnitRules rules, DateOnly today)
    {
        var warnings = new List<RuleWarning>();
        var person = personOf(t.PersonId);
        var kind = unit.PeriodOn(t.StartDate)?.Kind ?? unit.OpenPeriod?.Kind;
        var title = Tenure.PositionName(t.Position, kind, t.Title);
        if (Tenure.IsHeadOrDeputy(t.Position) && person is not null)
        {
            if (Person.AgeOn(person.DateOfBirth, t.StartDate) is { } age && age < rules.MinLeaderAge)
                warnings.Add(new("R-ELIG-02", $"R-ELIG-02: {title} phải đủ {rules.MinLeaderAge} tuổi trở lên; {person.FullName} mới {age} tuổi khi bắt đầu ({VietnameseText.FormatDate(t.StartDate)}).",
                    SourceElig));
            if (person.ResidenceUnitId != unit.Id || !person.LivesInUnit)
                warnings.Add(new("R-ELIG-01", person.ResidenceUnitId != unit.Id
                    ? $"R-ELIG-01: {title} phải là người có hộ khẩu thường trú và cư trú thường xuyên ở thôn/tổ dân phố; {person.FullName} không đăng ký thường trú tại đây."
                    : $"R-ELIG-01: {title} phải cư trú thường xuyên ở thôn/tổ dân phố; {person.FullName} có thường trú nhưng không thực tế sinh sống tại đây.",
                    SourceElig));
        }
        var others = unitTenures.Where(o => !ReferenceEquals(o, t) && (o.Id == 0 || o.Id != t.Id)).ToList();
        if (t.Position == Position.DeputyHead)
        {
            var deputies = 1 + MaxOverlapping(t, others.Where(o => o.Position == Position.DeputyHead));
            if (deputies > rules.MaxDeputies)
                warnings.Add(new("R-ORG-01", $"R-ORG-01: mỗi thôn/tổ dân phố có không quá {rules.MaxDeputies} phó; cùng thời gian có {deputies} người giữ chức phó.", SourceOrg01));
        }
        if (t.Position == Position.UnitHead && t.Mode == TenureMode.Acting)
        {
            var limit = t.StartDate.AddMonths(rules.ActingMaxMonths);
            var until = t.EndDate ?? today;
            if (until > limit)
                warnings.Add(new("R-TERM-02", $"R-TERM-02: trưởng thôn/tổ trưởng lâm thời chỉ giữ chức không quá {rules.ActingMaxMonths} tháng (đến {VietnameseText.FormatDate(limit)}); " +
                    $"{person?.FullName ?? "người này"} giữ từ {VietnameseText.FormatDate(t.StartDate)}{(t.EndDate is { } e ? " đến " + VietnameseText.FormatDate(e) : " đến nay")}.", SourceTerm));
        }
        if (t.Position == Position.UnitHead && t.Mode == TenureMode.Elected && TermMismatch(t, rules.TermYears) is { } found)
            warnings.Add(new("R-TERM-01", $"R-TERM-01: nhiệm kỳ của trưởng thôn/tổ trưởng ở tỉnh này là {FormatYears(rules.TermYears)} năm; {found}.", rules.LeaderSource));
        if (IsPaid(t.Position))
        {
            var paid = 1 + MaxOverlapping(t, others.Where(o => IsPaid(o.Position)));
            if (paid > rules.MaxPaidTitles)
                warnings.Add(new("R-ALLOW", $"R-ALLOW: mỗi thôn/tổ dân phố có tối đa {rules.MaxPaidTitles} chức danh hưởng phụ cấp hằng tháng; cùng thời gian có {paid} chức danh.", SourceAllow));
        }
        return warnings;
    }

    /// <summary>The most other tenures held on one day within this tenure.</summary>
    private static int MaxOverlapping(Tenure t, IEnumerable<Tenure> others)
    {
        var overlapping = others.Where(o => o.Overlaps(t.StartDate, t.EndDate)).ToList();
        if (overlapping.Count == 0) return 0;
        // The count only changes where one of them starts (or this one does).
        var days = overlapping.Select(o => o.StartDate < t.StartDate ? t.StartDate : o.StartDate).Append(t.StartDate).Distinct();
        return days.Max(d => overlapping.Count(o => o.HeldOn(d)));
    }

    private static string? TermMismatch(Tenure t, decimal termYears)
    {
        if (t.PlannedEndDate is { } planned)
        {
            var months = (planned.Year - t.StartDate.Year) * 12 + planned.Month - t.StartDate.Month;
            var expected = (int)Math.Round(termYears * 12);
            if (Math.Abs(months - expected) > 6)
                return $"thời gian từ {VietnameseText.FormatDate(t.StartDate)} đến ngày dự kiến hết nhiệm kỳ {VietnameseText.FormatDate(planned)} là khoảng {months} tháng";
        }
        if (t.TermLabel is { } label && TermLabelPattern().Match(label) is { Success: true } m)
        {
            var span = int.Parse(m.Groups[2].Value) - int.Parse(m.Groups[1].Value);
            if (span < Math.Floor(termYears) || span > Math.Ceiling(termYears))
                return $"nhiệm kỳ ghi là {label} ({span} năm)";
        }
        return null;
    }

    public static string FormatYears(decimal years) => years.ToString("0.#", VietnameseText.Culture);

    /// <summary>The province's limits on a date (the national defaults when the province has none recorded).</summary>
    public static async Task<ProvinceUnitRules> RulesAsync(AppDb db, string provinceCode, DateOnly date, CancellationToken ct) =>
        await UnitChecks.RulesAsync(db, provinceCode, date, ct)
        ?? ProvinceUnitRules.Default(provinceCode, UnitRegion.RedRiverDelta, false, null, null);

    /// <summary>
    /// Re-evaluates the soft rules for every tenure of a unit and replaces their stored warnings (the acting-head
    /// limit of a tenure still held is not stored: it depends on the day, and the review page computes it).
    /// Returns the warnings of <paramref name="focus"/>, to show to the user who just wrote it.
    /// </summary>
    public static async Task<IReadOnlyList<RuleWarning>> RefreshUnitAsync(AppDb db, int unitId, Tenure? focus, DateOnly today, CancellationToken ct)
    {
        var unit = await db.ResidentialUnits.Include(u => u.Periods).FirstAsync(u => u.Id == unitId, ct);
        var tenures = await db.Tenures.Include(t => t.Warnings).Include(t => t.Person).Where(t => t.UnitId == unitId).ToListAsync(ct);
        if (focus is not null && !tenures.Contains(focus)) tenures.Add(focus);
        var rules = await RulesAsync(db, unit.ProvinceCode, today, ct);
        var people = tenures.Where(t => t.Person is not null).Select(t => t.Person!).DistinctBy(p => p.Id).ToDictionary(p => p.Id);
        IReadOnlyList<RuleWarning> focusWarnings = [];
        foreach (var tenure in tenures)
        {
            var warnings = Evaluate(tenure, unit, tenures, id => people.GetValueOrDefault(id) ?? (tenure.PersonId == id ? tenure.Person : null), rules, today);
            if (ReferenceEquals(tenure, focus)) focusWarnings = warnings;
            Store(db, tenure, warnings);
        }
        return focusWarnings;
    }

    /// <summary>Replaces the warnings stored with a tenure by these (see <see cref="StoredWarnings"/>), unless they are the same.</summary>
    public static void Store(AppDb db, Tenure tenure, IEnumerable<RuleWarning> warnings)
    {
        var stored = StoredWarnings(tenure, warnings);
        var same = tenure.Warnings.Count == stored.Count && tenure.Warnings.All(w => stored.Any(s => s.Rule == w.Rule && s.Message == w.Message));
        if (same) return;
        db.TenureWarnings.RemoveRange(tenure.Warnings);
        tenure.Warnings.Clear();
        tenure.Warnings.AddRange(stored);
    }

    /// <summary>
    /// The rows kept for a tenure's warnings (to add to <see cref="Tenure.Warnings"/>): all of them but the acting-head
    /// limit of a tenure still held, which depends on the day.
    /// </summary>
    public static List<TenureWarning> StoredWarnings(Tenure tenure, IEnumerable<RuleWarning> warnings) =>
        [.. warnings.Where(w => !(w.Rule == "R-TERM-02" && tenure.EndDate is null))
            .Select(w => new TenureWarning { Rule = w.Rule, Message = Cut(w.Message, 500), Source = Cut(w.Source, 300) })];

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];
}
