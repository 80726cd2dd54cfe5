using System.Linq.Expressions;
using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Features.Audit;
using Grassroots.Features.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace Grassroots.Features.People;

/// <summary>A person's record as shown; identifiers masked for users without the permission to see them.</summary>
public sealed record PersonRow(
    int Id, int Version, string FullName, Gender Gender, string? DateOfBirth, int? Age, string? EthnicityCode, string? Ethnicity,
    string? ReligionCode, string? Religion, string? NationalId, string? Phone, int? ResidenceUnitId, string? ResidenceUnitName, bool LivesInUnit,
    string CommuneCode, string CommuneName, string ProvinceCode, bool PartyMember, DateOnly? PartyAdmissionDate, PartyStatus? PartyStatus,
    string? GeneralEducation, string? ProfessionalQualification, string? PoliticalTheory, string? StateManagement, string? Note, bool IsDemo)
{
    public string GenderName => Person.GenderName(Gender);
}

/// <summary>One tenure with its person and unit, as of a date.</summary>
public sealed record LeaderRow(
    int TenureId, int Version, int PersonId, string FullName, Gender Gender, string? DateOfBirth, int? Age, string? EthnicityCode, string? Ethnicity,
    bool PartyMember, string? GeneralEducation, string? ProfessionalQualification, string? PoliticalTheory, string? NationalId, string? Phone,
    int UnitId, string UnitName, UnitKind UnitKind, string CommuneCode, string CommuneName,
    Position Position, string PositionName, string? Title, TenureMode Mode, string? TermLabel, DateOnly StartDate, DateOnly? PlannedEndDate,
    DateOnly? EndDate, EndReason? EndReason, TenureDecision? StartDecision, TenureDecision? EndDecision, int? CarriedFromId,
    IReadOnlyList<string> ConcurrentPositions, IReadOnlyList<RuleWarning> Warnings, bool IsDemo,
    string? ReligionCode = null, int? ResidenceUnitId = null, bool LivesInUnit = true, PartyStatus? PartyStatus = null, DateOnly? PartyAdmissionDate = null,
    string? StateManagement = null, string? Note = null)
{
    public string ModeName => Tenure.ModeName(Mode);
    public string EndReasonName => Tenure.EndReasonName(EndReason);
    public string GenderName => Person.GenderName(Gender);
}

/// <summary>Age bands at the as-of date, for the lists and reports.</summary>
public enum AgeBand { Under30 = 1, From30To44, From45To59, From60 }

/// <summary>Filters of the leader lists; null means "any".</summary>
public sealed record LeaderFilter(
    Position? Position = null, bool? PartyMember = null, AgeBand? AgeBand = null, Gender? Gender = null, string? Ethnicity = null,
    string? GeneralEducation = null, bool? Concurrent = null, string? Term = null, TenureMode? Mode = null, string? Q = null)
{
    /// <summary>Ethnicity filter value meaning every group other than Kinh.</summary>
    public const string Minorities = "dtts";

    /// <summary>
    /// The filter from a query string, with the same parameter names on pages and in the API: position, partyMember,
    /// ageBand, gender, ethnicity, education, concurrent, term, mode, q. Values that do not parse are ignored.
    /// </summary>
    public static LeaderFilter FromQuery(IQueryCollection query)
    {
        static T? Enum<T>(string? v) where T : struct, System.Enum => System.Enum.TryParse<T>(v, ignoreCase: true, out var e) && System.Enum.IsDefined(e) ? e : null;
        static bool? Bool(string? v) => v?.Trim().ToLowerInvariant() switch { "true" or "1" or "co" => true, "false" or "0" or "khong" => false, _ => null };
        static string? Text(string? v) => string.IsNullOrWhiteSpace(v) ? null : v.Trim();
        return new LeaderFilter(
            Enum<Position>(query["position"]), Bool(query["partyMember"]), Enum<AgeBand>(query["ageBand"]), Enum<Gender>(query["gender"]),
            Text(query["ethnicity"]), Text(query["education"]), Bool(query["concurrent"]), Text(query["term"]), Enum<TenureMode>(query["mode"]), Text(query["q"]));
    }

    /// <summary>The same filter as query-string pairs (for links to exports and next pages).</summary>
    public IEnumerable<KeyValuePair<string, string?>> ToQuery()
    {
        static string? B(bool? b) => b is null ? null : b.Value ? "true" : "false";
        return new KeyValuePair<string, string?>[]
        {
            new("position", Position?.ToString()), new("partyMember", B(PartyMember)), new("ageBand", AgeBand?.ToString()),
            new("gender", Gender?.ToString()), new("ethnicity", Ethnicity), new("education", GeneralEducation), new("concurrent", B(Concurrent)),
            new("term", Term), new("mode", Mode?.ToString()), new("q", Q),
        }.Where(p => p.Value is not null);
    }
}

public static class LeaderQueries
{
    public static bool CanSeeIdentifiers(AppDb db) => db.Access.Has(Permission.ViewPersonalIdentifiers);

    public static string? ShowDate(DateOnly? date, bool canSee) =>
        date is not { } d ? null : canSee ? d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : PersonalData.MaskText;

    public static string? ShowNationalId(string? id, bool canSee) => id is null ? null : canSee ? id : NationalId.Mask(id);

    public static string? ShowPhone(string? phone, bool canSee) => phone is null ? null : canSee ? phone : PersonalData.Mask(phone);

    public static async Task<PersonRow?> PersonAsync(AppDb db, int id, DateOnly today, CancellationToken ct)
    {
        var p = await db.People.AsNoTracking().Where(x => x.Id == id).Select(x => new
        {
            Person = x,
            CommuneCode = db.AdminUnits.Where(a => a.Id == x.CommuneId).Select(a => a.Code).First(),
                CommuneName = db.AdminUnits.Where(a => a.Id == x.CommuneId).Select(a => a.FullName).First(),
            Residence = x.ResidenceUnit!.Periods.OrderByDescending(r => r.ValidFrom).Select(r => r.Name).FirstOrDefault(),
        }).FirstOrDefaultAsync(ct);
        return p is null ? null : ToRow(p.Person, p.CommuneCode, p.CommuneName, p.Residence, CanSeeIdentifiers(db), today);
    }

    public static PersonRow ToRow(Person x, string communeCode, string communeName, string? residenceName, bool canSee, DateOnly today) => new(
        x.Id, x.Version, x.FullName, x.Gender, ShowDate(x.DateOfBirth, canSee), Person.AgeOn(x.DateOfBirth, today), x.EthnicityCode,
        ReferenceLists.EthnicityName(x.EthnicityCode), x.ReligionCode, ReferenceLists.ReligionName(x.ReligionCode),
        ShowNationalId(x.NationalId, canSee), ShowPhone(x.Phone, canSee), x.ResidenceUnitId, residenceName, x.LivesInUnit,
        communeCode, communeName, x.ProvinceCode, x.PartyMember, x.PartyAdmissionDate, x.PartyStatus, x.GeneralEducation,
        x.ProfessionalQualification, x.PoliticalTheory, x.StateManagement, x.Note, x.IsDemo);

    /// <summary>People whose name (without diacritics, any case) or national id contains the text, Vietnamese name order.</summary>
    public static async Task<List<PersonRow>> SearchAsync(AppDb db, string? q, string? communeCode, int limit, DateOnly today, CancellationToken ct)
    {
        var query = db.People.AsNoTracking();
        var text = q?.Trim() ?? "";
        // By national id only for users who may see identifiers (otherwise the search would confirm a number).
        if (text.Length > 0 && text.All(char.IsAsciiDigit) && text.Length >= 9)
            query = CanSeeIdentifiers(db) ? query.Where(p => p.NationalId == text) : query.Where(p => false);
        else
        {
            var folded = VietnameseText.Fold(text);
            if (folded.Length > 0) query = query.Where(p => p.SearchName.Contains(folded));
        }
        if (!string.IsNullOrWhiteSpace(communeCode))
            query = query.Where(p => db.AdminUnits.Any(a => a.Id == p.CommuneId && a.Code == communeCode.Trim()));
        var rows = await query.OrderBy(p => EF.Functions.Collate(p.SortKey, db.OrdinalCollation)).ThenBy(p => p.Id).Take(limit)
            .Select(x => new
            {
                Person = x,
                CommuneCode = db.AdminUnits.Where(a => a.Id == x.CommuneId).Select(a => a.Code).First(),
                CommuneName = db.AdminUnits.Where(a => a.Id == x.CommuneId).Select(a => a.FullName).First(),
                Residence = x.ResidenceUnit!.Periods.OrderByDescending(r => r.ValidFrom).Select(r => r.Name).FirstOrDefault(),
            }).ToListAsync(ct);
        var canSee = CanSeeIdentifiers(db);
        return [.. rows.Select(r => ToRow(r.Person, r.CommuneCode, r.CommuneName, r.Residence, canSee, today))];
    }

    /// <summary>
    /// Tenures held on <paramref name="date"/> in a commune or a province (by the units' commune on that date), filtered,
    /// sorted the Vietnamese way by the holder's name, then by position.
    /// </summary>
    public static async Task<List<LeaderRow>> HeldOnAsync(AppDb db, AdminUnit place, DateOnly date, LeaderFilter filter, CancellationToken ct)
    {
        var rows = new List<LeaderRow>();
        await foreach (var row in StreamHeldOnAsync(db, place, date, filter, ct)) rows.Add(row);
        return rows;
    }

    /// <summary>
    /// The rows of <see cref="HeldOnAsync"/>, in the same order, as they are read: one person's rows are held at a time
    /// (to order their posts), so that an export of a whole province keeps little in memory.
    /// </summary>
    public static async IAsyncEnumerable<LeaderRow> StreamHeldOnAsync(AppDb db, AdminUnit place, DateOnly date, LeaderFilter filter,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        // The concurrent filter is applied below, on the posts read.
        var list = Lists.LeaderPageQueries.HeldOn(db, place, date, filter with { Concurrent = null });
        var held = list.Held;

        // Concurrent roles, read first (small rows): every position each of these people holds on the date, in any unit.
        var people = held.Select(x => x.T.PersonId);
        var posts = await PostsOnAsync(list.Posts.Where(t => people.Contains(t.PersonId)), date, ct);

        var canSee = CanSeeIdentifiers(db);
        var rows = held.OrderBy(x => EF.Functions.Collate(x.Person.SortKey, db.OrdinalCollation)).ThenBy(x => x.T.PersonId).Select(Listed);
        var person = new List<ListedRow>();
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            if (person.Count > 0 && person[0].Tenure.PersonId != row.Tenure.PersonId)
            {
                foreach (var leader in OnePerson(person)) yield return leader;
                person.Clear();
            }
            person.Add(row);
        }
        foreach (var leader in OnePerson(person)) yield return leader;

        // Positions are stored by name: within one person, order them by rank (head first) here.
        IEnumerable<LeaderRow> OnePerson(List<ListedRow> rowsOfOne)
        {
            foreach (var r in rowsOfOne.OrderBy(r => (int)r.Tenure.Position).ThenBy(r => r.UnitName, NaturalComparer.Instance))
            {
                var concurrent = posts.Besides(r.Tenure.PersonId, r.Tenure.TenureId);
                if (filter.Concurrent is { } c && c != concurrent.Count > 0) continue;
                yield return ToLeaderRow(r, concurrent, [.. posts.Warnings[r.Tenure.TenureId]], canSee, date);
            }
        }
    }

    /// <summary>
    /// What a <see cref="LeaderRow"/> shows of a tenure and its holder, read as one flat row of columns: no entity is
    /// built, and the columns the row does not show (search and sort keys, timestamps) are not read.
    /// </summary>
    internal sealed record ListedTenure(
        int TenureId, int Version, int PersonId, int UnitId, Position Position, string? Title, TenureMode Mode, string? TermLabel,
        DateOnly StartDate, DateOnly? PlannedEndDate, DateOnly? EndDate, EndReason? EndReason,
        string? StartDecisionNumber, DateOnly? StartDecisionDate, string? StartDecisionIssuer, string? StartDecisionSigner,
        string? EndDecisionNumber, DateOnly? EndDecisionDate, string? EndDecisionIssuer, string? EndDecisionSigner, int? CarriedFromId, string? Note,
        string FullName, Gender Gender, DateOnly? DateOfBirth, string? EthnicityCode, string? ReligionCode, string? NationalId, string? Phone,
        int? ResidenceUnitId, bool LivesInUnit, bool PartyMember, DateOnly? PartyAdmissionDate, PartyStatus? PartyStatus, string? GeneralEducation,
        string? ProfessionalQualification, string? PoliticalTheory, string? StateManagement, bool IsDemo);

    /// <summary>A listed tenure with its unit as it was on the list's date.</summary>
    internal sealed record ListedRow(ListedTenure Tenure, string UnitName, UnitKind UnitKind, string CommuneCode, string CommuneName);

    private static readonly Expression<Func<Tenure, Person, ListedTenure>> Columns = (t, p) => new ListedTenure(
        t.Id, t.Version, t.PersonId, t.UnitId, t.Position, t.Title, t.Mode, t.TermLabel, t.StartDate, t.PlannedEndDate, t.EndDate, t.EndReason,
        t.StartDecisionNumber, t.StartDecisionDate, t.StartDecisionIssuer, t.StartDecisionSigner,
        t.EndDecisionNumber, t.EndDecisionDate, t.EndDecisionIssuer, t.EndDecisionSigner, t.CarriedFromId, t.Note,
        p.FullName, p.Gender, p.DateOfBirth, p.EthnicityCode, p.ReligionCode, p.NationalId, p.Phone,
        p.ResidenceUnitId, p.LivesInUnit, p.PartyMember, p.PartyAdmissionDate, p.PartyStatus, p.GeneralEducation,
        p.ProfessionalQualification, p.PoliticalTheory, p.StateManagement, p.IsDemo);

    private static readonly Func<Tenure, Person, ListedTenure> ColumnsOf = Columns.Compile();

    /// <summary>The projection of a held tenure to a <see cref="ListedRow"/>: SQL reads only these columns.</summary>
    internal static readonly Expression<Func<Lists.LeaderPageQueries.Held, ListedRow>> Listed = ListedOfHeld();

    private static Expression<Func<Lists.LeaderPageQueries.Held, ListedRow>> ListedOfHeld()
    {
        Expression<Func<Lists.LeaderPageQueries.Held, ListedTenure, ListedRow>> row =
            (x, t) => new ListedRow(t, x.P.Name, x.P.Kind, x.P.Commune!.Code, x.P.Commune.FullName);
        var held = row.Parameters[0];
        var columns = ReplacingExpressionVisitor.Replace(Columns.Parameters[0], Expression.Property(held, nameof(Lists.LeaderPageQueries.Held.T)),
            ReplacingExpressionVisitor.Replace(Columns.Parameters[1], Expression.Property(held, nameof(Lists.LeaderPageQueries.Held.Person)), Columns.Body));
        return Expression.Lambda<Func<Lists.LeaderPageQueries.Held, ListedRow>>(ReplacingExpressionVisitor.Replace(row.Parameters[1], columns, row.Body), held);
    }

    /// <summary>
    /// The rule warnings of <paramref name="tenures"/>, by tenure, in the order they were recorded: a command of their
    /// own, so that the rows stay flat (a collection inside a projection builds each row through a slower shaper).
    /// </summary>
    internal static async Task<ILookup<int, RuleWarning>> WarningsAsync(IQueryable<Tenure> tenures, CancellationToken ct) =>
        (await tenures.SelectMany(t => t.Warnings).OrderBy(w => w.Id).Select(w => new { w.TenureId, w.Rule, w.Message, w.Source }).ToListAsync(ct))
        .ToLookup(w => w.TenureId, w => new RuleWarning(w.Rule, w.Message, w.Source));

    /// <summary>
    /// The posts among <paramref name="tenures"/> held on <paramref name="date"/>, by person, in the list's order
    /// (position rank, then unit name, not as the database happens to return them), each named with its unit as it was
    /// on the date: "Trưởng thôn Thôn 2"; and the rule warnings of those posts, by tenure, in the order they were
    /// recorded (read in the same command: a list's own rows are among its people's posts).
    /// </summary>
    internal static async Task<PostsOn> PostsOnAsync(IQueryable<Tenure> tenures, DateOnly date, CancellationToken ct)
    {
        // The unit's period on the date joined once (not one subquery for its name and one for its kind); the warnings
        // (few) joined flat, so that rows are built without a collection's per-row shaper.
        var rows = await (from t in tenures.AsNoTracking()
                          where t.StartDate <= date && (t.EndDate == null || t.EndDate >= date)
                          from p in t.Unit!.Periods.Where(p => p.ValidFrom <= date && (p.ValidTo == null || p.ValidTo >= date)).DefaultIfEmpty()
                          from w in t.Warnings.DefaultIfEmpty()
                          select new
                          {
                              t.Id, t.PersonId, t.Position, t.Title, UnitName = p == null ? null : p.Name, UnitKind = p == null ? (UnitKind?)null : p.Kind,
                              WarningId = w == null ? (int?)null : w.Id, Rule = w == null ? null : w.Rule, Message = w == null ? null : w.Message, Source = w == null ? null : w.Source,
                          })
            .ToListAsync(ct);
        var posts = rows.DistinctBy(o => o.Id).OrderBy(o => (int)o.Position).ThenBy(o => o.UnitName ?? "", NaturalComparer.Instance)
            .ToLookup(o => o.PersonId, o => (o.Id, $"{Tenure.PositionName(o.Position, o.UnitKind, o.Title)} {o.UnitName}".Trim()));
        var warnings = rows.Where(o => o.WarningId is not null).OrderBy(o => o.WarningId)
            .ToLookup(o => o.Id, o => new RuleWarning(o.Rule!, o.Message!, o.Source!));
        return new PostsOn(posts, warnings);
    }

    /// <summary>What <see cref="PostsOnAsync"/> reads: the posts of each person, and the warnings of each of those posts.</summary>
    internal sealed record PostsOn(ILookup<int, (int TenureId, string Name)> ByPerson, ILookup<int, RuleWarning> Warnings)
    {
        /// <summary>The names of the posts <paramref name="personId"/> holds besides <paramref name="tenureId"/>.</summary>
        public List<string> Besides(int personId, int tenureId) => [.. ByPerson[personId].Where(h => h.TenureId != tenureId).Select(h => h.Name)];
    }

    public static LeaderRow ToLeaderRow(Tenure t, Person p, string unitName, UnitKind kind, string communeCode, string communeName,
        IReadOnlyList<string> concurrent, IReadOnlyList<RuleWarning> warnings, bool canSee, DateOnly date) =>
        ToLeaderRow(new ListedRow(ColumnsOf(t, p), unitName, kind, communeCode, communeName), concurrent, warnings, canSee, date);

    internal static LeaderRow ToLeaderRow(ListedRow row, IReadOnlyList<string> concurrent, IReadOnlyList<RuleWarning> warnings, bool canSee, DateOnly date)
    {
        var t = row.Tenure;
        return new(t.TenureId, t.Version, t.PersonId, t.FullName, t.Gender, ShowDate(t.DateOfBirth, canSee), Person.AgeOn(t.DateOfBirth, date), t.EthnicityCode,
            ReferenceLists.EthnicityName(t.EthnicityCode), t.PartyMember, t.GeneralEducation, t.ProfessionalQualification, t.PoliticalTheory,
            ShowNationalId(t.NationalId, canSee), ShowPhone(t.Phone, canSee), t.UnitId, row.UnitName, row.UnitKind, row.CommuneCode, row.CommuneName,
            t.Position, Tenure.PositionName(t.Position, row.UnitKind, t.Title), t.Title, t.Mode, t.TermLabel, t.StartDate, t.PlannedEndDate, t.EndDate, t.EndReason,
            Decision(t.StartDecisionNumber, t.StartDecisionDate, t.StartDecisionIssuer, t.StartDecisionSigner),
            Decision(t.EndDecisionNumber, t.EndDecisionDate, t.EndDecisionIssuer, t.EndDecisionSigner), t.CarriedFromId, concurrent, warnings, t.IsDemo,
            t.ReligionCode, t.ResidenceUnitId, t.LivesInUnit, t.PartyStatus, t.PartyAdmissionDate, t.StateManagement, t.Note);
    }

    private static TenureDecision? Decision(string? number, DateOnly? date, string? issuer, string? signer) =>
        number is null && date is null && issuer is null && signer is null ? null : new(number, date, issuer, signer);

    /// <summary>Every tenure of a unit (current and past), newest first, with the holder's other roles today.</summary>
    public static async Task<List<LeaderRow>> OfUnitAsync(AppDb db, int unitId, DateOnly today, CancellationToken ct) =>
        await TenuresAsync(db, db.Tenures.Where(t => t.UnitId == unitId), today, ct);

    /// <summary>Every tenure of a person, newest first.</summary>
    public static async Task<List<LeaderRow>> OfPersonAsync(AppDb db, int personId, DateOnly today, CancellationToken ct) =>
        await TenuresAsync(db, db.Tenures.Where(t => t.PersonId == personId), today, ct);

    public static async Task<LeaderRow?> TenureAsync(AppDb db, int id, DateOnly today, CancellationToken ct) =>
        (await TenuresAsync(db, db.Tenures.Where(t => t.Id == id), today, ct)).FirstOrDefault();

    private static async Task<List<LeaderRow>> TenuresAsync(AppDb db, IQueryable<Tenure> query, DateOnly today, CancellationToken ct)
    {
        var rows = (await query.AsNoTracking()
            .Select(t => new { Tenure = t, t.Person })
            .ToListAsync(ct))
            // Held ones first, then the most recent; positions by rank (they are stored by name).
            .OrderByDescending(r => r.Tenure.EndDate is null).ThenByDescending(r => r.Tenure.StartDate).ThenBy(r => (int)r.Tenure.Position).ToList();
        // Each unit as it was when the tenure began (or its first state, for a tenure recorded before it).
        var unitIds = rows.Select(r => r.Tenure.UnitId).Distinct().ToList();
        var periods = (await db.ResidentialUnitPeriods.AsNoTracking().Where(p => unitIds.Contains(p.UnitId))
                .Select(p => new { p.UnitId, p.ValidFrom, p.Name, p.Kind, p.Commune!.Code, p.Commune.FullName }).ToListAsync(ct))
            .GroupBy(p => p.UnitId).ToDictionary(g => g.Key, g => g.OrderBy(p => p.ValidFrom).ToList());
        var units = rows.ToDictionary(r => r.Tenure.Id, r => periods.GetValueOrDefault(r.Tenure.UnitId) is { } list
            ? list.LastOrDefault(p => p.ValidFrom <= r.Tenure.StartDate) ?? list[0] : null);
        var personIds = rows.Select(r => r.Tenure.PersonId).Distinct().ToList();
        var current = await PostsOnAsync(db.Tenures.Where(t => personIds.Contains(t.PersonId)), today, ct);
        var warnings = await WarningsAsync(query, ct);
        var canSee = CanSeeIdentifiers(db);
        return [.. rows.Select(r => ToLeaderRow(r.Tenure, r.Person!, units[r.Tenure.Id]?.Name ?? "", units[r.Tenure.Id]?.Kind ?? UnitKind.Village,
            units[r.Tenure.Id]?.Code ?? "", units[r.Tenure.Id]?.FullName ?? "",
            r.Tenure.HeldOn(today)
                ? current.Besides(r.Tenure.PersonId, r.Tenure.Id)
                : [],
            [.. warnings[r.Tenure.Id]], canSee, today))];
    }

    /// <summary>Tenures (of units in <paramref name="place"/>, or everywhere in scope when null) matching a condition, held today or not.</summary>
    internal static IQueryable<Tenure> InPlace(AppDb db, AdminUnit? place, IQueryable<Tenure> tenures) => place switch
    {
        null => tenures,
        { Level: AdminLevel.Province } => tenures.Where(t => t.Unit!.ProvinceCode == place.ProvinceCode),
        _ => tenures.Where(t => t.Unit!.CurrentCommuneId == place.Id),
    };

    /// <summary>
    /// "Cần xem xét": tenures held today that break a soft rule — the stored warnings, and acting heads past the
    /// province's limit, which depends on the day and is computed here.
    /// </summary>
    public static async Task<List<LeaderRow>> ReviewAsync(AppDb db, AdminUnit? place, DateOnly today, string? rule, CancellationToken ct)
    {
        var open = InPlace(db, place, db.Tenures.Where(t => t.EndDate == null || t.EndDate >= today));
        var flagged = await open.Where(t => t.Warnings.Any(w => rule == null || w.Rule == rule)).Select(t => t.Id).ToListAsync(ct);
        var overdue = rule is null or "R-TERM-02" ? await OverdueActingAsync(db, open, today, ct) : [];
        var rows = new List<LeaderRow>();
        foreach (var chunk in flagged.Concat(overdue.Keys).Distinct().Chunk(500))
            rows.AddRange(await TenuresAsync(db, db.Tenures.Where(t => chunk.Contains(t.Id)), today, ct));
        var result = new List<LeaderRow>();
        foreach (var row in rows)
        {
            var warnings = row.Warnings.Where(w => rule is null || w.Rule == rule).ToList();
            if (overdue.TryGetValue(row.TenureId, out var acting) && !warnings.Any(w => w.Rule == acting.Rule)) warnings.Add(acting);
            if (warnings.Count > 0) result.Add(row with { Warnings = warnings });
        }
        return [.. result.OrderBy(r => r.CommuneName, VietnameseText.Comparer).ThenBy(r => r.UnitName, NaturalComparer.Instance).ThenBy(r => r.Position)];
    }

    /// <summary>Acting heads still held past their province's limit today, with the warning (same text as the write-time rule).</summary>
    private static async Task<Dictionary<int, RuleWarning>> OverdueActingAsync(AppDb db, IQueryable<Tenure> open, DateOnly today, CancellationToken ct)
    {
        var acting = await open.Where(t => t.Position == Position.UnitHead && t.Mode == TenureMode.Acting && t.EndDate == null)
            .Include(t => t.Person).Include(t => t.Unit!).ThenInclude(u => u.Periods).AsNoTracking().ToListAsync(ct);
        var result = new Dictionary<int, RuleWarning>();
        foreach (var province in acting.GroupBy(a => a.Unit!.ProvinceCode))
        {
            var rules = await TenureRules.RulesAsync(db, province.Key, today, ct);
            foreach (var t in province)
                if (TenureRules.Evaluate(t, t.Unit!, [t], id => t.Person, rules, today).FirstOrDefault(w => w.Rule == "R-TERM-02") is { } warning)
                    result[t.Id] = warning;
        }
        return result;
    }

    /// <summary>Tenures held today whose planned end falls within the next <paramref name="months"/> months (or has passed), soonest first.</summary>
    public static async Task<List<LeaderRow>> EndingWithinAsync(AppDb db, AdminUnit? place, DateOnly today, int months, CancellationToken ct)
    {
        var until = today.AddMonths(months);
        var rows = await TenuresAsync(db, InPlace(db, place, db.Tenures.Where(t => t.EndDate == null && t.PlannedEndDate != null && t.PlannedEndDate <= until)), today, ct);
        return [.. rows.OrderBy(r => r.PlannedEndDate).ThenBy(r => r.CommuneName, VietnameseText.Comparer).ThenBy(r => r.UnitName, NaturalComparer.Instance)];
    }

    /// <summary>Acting heads held today, longest-serving first.</summary>
    public static async Task<List<LeaderRow>> ActingHeadsAsync(AppDb db, AdminUnit? place, DateOnly today, CancellationToken ct)
    {
        var rows = await TenuresAsync(db, InPlace(db, place, db.Tenures.Where(t => t.Position == Position.UnitHead && t.Mode == TenureMode.Acting && t.EndDate == null)), today, ct);
        return [.. rows.OrderBy(r => r.StartDate)];
    }

    /// <summary>Active units of a place that have nobody in a position today (heads missing first).</summary>
    public static async Task<List<(int UnitId, string UnitName, string CommuneName, Position Position)>> VacanciesAsync(AppDb db, AdminUnit place, DateOnly today, CancellationToken ct)
    {
        var periods = db.ResidentialUnitPeriods.ValidOn(today);
        periods = place.Level == AdminLevel.Province ? periods.Where(p => p.ProvinceCode == place.ProvinceCode) : periods.Where(p => p.CommuneId == place.Id);
        Position[] required = [Position.UnitHead, Position.PartyCellSecretary, Position.FrontCommitteeHead];
        var units = await periods.Select(p => new
        {
            p.UnitId, p.Name, Commune = p.Commune!.FullName,
            Held = db.Tenures.Where(t => t.UnitId == p.UnitId && t.StartDate <= today && (t.EndDate == null || t.EndDate >= today)).Select(t => t.Position).ToList(),
        }).ToListAsync(ct);
        return [.. units.SelectMany(u => required.Where(r => !u.Held.Contains(r)).Select(r => (u.UnitId, u.Name, u.Commune, r)))
            .OrderBy(v => v.r).ThenBy(v => v.Commune, VietnameseText.Comparer).ThenBy(v => v.Name, NaturalComparer.Instance)];
    }
}
