using System.Linq.Expressions;
using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Features.Units;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.People.Lists;

/// <summary>One page of a leader list with the counts of the whole list.</summary>
public sealed record LeaderListPageData(LeaderSummary Summary, List<LeaderRow> Rows, int PageNumber, int PageCount);

/// <summary>One row of the terms-ending list: what the page shows, nothing more.</summary>
public sealed record EndingRow(
    int TenureId, int PersonId, string FullName, string PositionName, int UnitId, string UnitName, string CommuneName,
    string? TermLabel, TenureMode Mode, DateOnly StartDate, DateOnly PlannedEndDate)
{
    public string ModeName => Tenure.ModeName(Mode);
}

/// <summary>One page of the terms-ending list, with the number of terms in the whole list.</summary>
public sealed record EndingPageData(int Total, List<EndingRow> Rows, int PageNumber, int PageCount);

/// <summary>
/// The leader lists as pages read by the database: the counts above the list come from grouped queries, and only the
/// rows of the page shown are read. Same rows, order, counts and scope as <see cref="LeaderQueries.HeldOnAsync"/> and
/// <see cref="LeaderSummary.Of"/> over the whole list (which the API and the exports keep using), except that the
/// concurrent posts shown are always those within the user's scope (see <see cref="HeldOnPageAsync"/>).
/// </summary>
public static class LeaderPageQueries
{
    /// <summary>A held tenure with its holder and its unit as it was on the date.</summary>
    internal sealed class Held
    {
        public required Tenure T { get; init; }
        public required Person Person { get; init; }
        public required ResidentialUnitPeriod P { get; init; }
    }

    /// <summary>
    /// Page <paramref name="pageNumber"/> (1-based, brought within the pages there are) of the tenures held on
    /// <paramref name="date"/> in a commune or a province, and the counts of all of them: two grouped queries for the
    /// counts, two for the page (its keys, then its rows), one for the concurrent posts of its people (and one more when
    /// the page's edge cuts one person's posts in one position), whatever the size of the list. The rows are ordered as by
    /// <see cref="LeaderQueries.HeldOnAsync"/>: the holder's sort key, the person, the position's rank, the unit name.
    /// A post held elsewhere (the "kiêm nhiệm" column and the concurrent filter) counts when it lies within the user's
    /// scope, or anywhere when the scope is everything.
    /// </summary>
    public static async Task<LeaderListPageData> HeldOnPageAsync(AppDb db, AdminUnit place, DateOnly date, LeaderFilter filter,
        int pageNumber, int pageSize, CancellationToken ct)
    {
        var list = HeldOn(db, place, date, filter);
        var held = list.Held;

        var summary = await SummaryAsync(held, date, ct);
        var pageCount = Math.Max(1, (summary.Tenures + pageSize - 1) / pageSize);
        pageNumber = Math.Clamp(pageNumber, 1, pageCount);
        if (summary.Tenures == 0) return new(summary, [], pageNumber, pageCount);

        var page = await PageAsync(db, held, (pageNumber - 1) * pageSize, pageSize, ct);

        // Every post each person of the page holds on the date, in any unit (within the scope unless it is everything).
        var people = page.Select(r => r.Tenure.PersonId).Distinct().ToList();
        var posts = await LeaderQueries.PostsOnAsync(list.Posts.Where(t => people.Contains(t.PersonId)), date, ct);

        var canSee = LeaderQueries.CanSeeIdentifiers(db);
        var rows = page.Select(r => LeaderQueries.ToLeaderRow(r, posts.Besides(r.Tenure.PersonId, r.Tenure.TenureId),
                [.. posts.Warnings[r.Tenure.TenureId]], canSee, date))
            .ToList();
        return new(summary, rows, pageNumber, pageCount);
    }

    /// <summary>What the list is sorted and paged on (a few short columns).</summary>
    private sealed record Key(int TenureId, int PersonId, Position Position, string UnitName)
    {
        public (int PersonId, Position Position) Group => (PersonId, Position);
    }

    private static IOrderedQueryable<Held> Ordered(AppDb db, IQueryable<Held> held) => held
        .OrderBy(x => EF.Functions.Collate(x.Person.SortKey, db.OrdinalCollation)).ThenBy(x => x.T.PersonId).ThenBy(Rank)
        .ThenBy(x => x.P.Name).ThenBy(x => x.T.Id);

    private static IQueryable<Key> Keys(IQueryable<Held> held) =>
        held.Select(x => new Key(x.T.Id, x.T.PersonId, x.T.Position, x.P.Name));

    /// <summary>
    /// <paramref name="count"/> rows from <paramref name="first"/> in list order. SQL sorts and pages the keys (person,
    /// position rank, unit name, id), then the wide rows are read by tenure id. Within one person's posts in one
    /// position the units go in natural order ("Thôn 2" before "Thôn 10"), which is done here: for a group of such rows
    /// cut by the page's edge (seen from the key read on each side of the page), the keys of the whole group are read to
    /// place its part on this page.
    /// </summary>
    private static async Task<List<LeaderQueries.ListedRow>> PageAsync(AppDb db, IQueryable<Held> held,
        int first, int count, CancellationToken ct)
    {
        var from = Math.Max(0, first - 1);
        var window = await Keys(Ordered(db, held).Skip(from).Take(first - from + count + 1)).ToListAsync(ct);
        var page = window.Skip(first - from).Take(count).ToList();
        if (page.Count == 0) return [];
        var cut = new List<(int PersonId, Position Position)>();
        if (first > from && window[0].Group == page[0].Group) cut.Add(page[0].Group);
        if (window.Count > first - from + count && window[^1].Group == page[^1].Group) cut.Add(page[^1].Group);
        var groups = new Dictionary<(int, Position), List<Key>>();
        if (cut.Count > 0)
        {
            var (a, b) = (cut[0], cut[^1]);
            var keys = await Keys(Ordered(db, held.Where(x => (x.T.PersonId == a.PersonId && x.T.Position == a.Position) || (x.T.PersonId == b.PersonId && x.T.Position == b.Position))))
                .ToListAsync(ct);
            groups = keys.GroupBy(k => k.Group).ToDictionary(g => g.Key, g => g.ToList());
        }
        var ordered = new List<Key>(page.Count);
        foreach (var segment in page.ChunkBy(k => k.Group))
        {
            // The group's rows in natural order; this page holds those at the places its part held in SQL order.
            var group = groups.GetValueOrDefault(segment[0].Group) ?? segment;
            var skip = group.FindIndex(k => k.TenureId == segment[0].TenureId);
            ordered.AddRange(group.OrderBy(k => k.UnitName, NaturalComparer.Instance).Skip(skip).Take(segment.Count));
        }

        // The wide rows, found by id, as the flat columns a row shows.
        var ids = ordered.Select(k => k.TenureId).ToList();
        var rows = (await held.Where(x => ids.Contains(x.T.Id)).Select(LeaderQueries.Listed).ToListAsync(ct)).ToDictionary(r => r.Tenure.TenureId);
        // (A tenure deleted since its key was read is left out.)
        return [.. ordered.Where(k => rows.ContainsKey(k.TenureId)).Select(k => rows[k.TenureId])];
    }

    /// <summary>Runs of consecutive items with the same key.</summary>
    private static IEnumerable<List<T>> ChunkBy<T, TKey>(this IEnumerable<T> items, Func<T, TKey> key)
    {
        var run = new List<T>();
        foreach (var item in items)
        {
            if (run.Count > 0 && !EqualityComparer<TKey>.Default.Equals(key(run[0]), key(item)))
            {
                yield return run;
                run = [];
            }
            run.Add(item);
        }
        if (run.Count > 0) yield return run;
    }

    /// <summary>
    /// The rows of a leader list (<see cref="Held"/>) and the tenures among which its people's other posts are looked
    /// for (<see cref="Posts"/>, to be combined with a query over <see cref="Held"/>).
    /// </summary>
    internal sealed record HeldList(IQueryable<Held> Held, IQueryable<Tenure> Posts);

    /// <summary>
    /// The tenures held on the date in the place, with their holders and units, filtered: the rows of the list pages,
    /// of <see cref="LeaderQueries.StreamHeldOnAsync"/> and of the exports. When the user sees all of the place, they are
    /// read without the query filters (joins to the units, a test on each person, which would remove no row but cost the
    /// planner more than the query itself); otherwise the filters apply. Posts elsewhere count everywhere only when the
    /// scope is everything; inside a query read without the filters the scope is written out (IgnoreQueryFilters reaches
    /// the whole query it is part of).
    /// </summary>
    internal static HeldList HeldOn(AppDb db, AdminUnit place, DateOnly date, LeaderFilter filter)
    {
        var whole = ListPlace.CoversWhole(db, place) && ListPlace.CoversWhole(db, place, Permission.ViewUnits);
        var everywhere = db.Access.SeesEverything;
        var tenures = (whole ? db.Tenures.IgnoreQueryFilters() : db.Tenures).AsNoTracking();
        var holders = (whole ? db.People.IgnoreQueryFilters() : db.People).AsNoTracking();
        var posts = everywhere ? db.Tenures.IgnoreQueryFilters() : whole ? WithinScope(db, db.Tenures.IgnoreQueryFilters()) : db.Tenures;
        var periods = (whole ? db.ResidentialUnitPeriods.IgnoreQueryFilters() : db.ResidentialUnitPeriods).ValidOn(date);
        periods = place.Level == AdminLevel.Province
            ? periods.Where(p => p.ProvinceCode == place.ProvinceCode)
            : periods.Where(p => p.CommuneId == place.Id);
        var held = from t in tenures.Where(t => t.StartDate <= date && (t.EndDate == null || t.EndDate >= date))
                   join person in holders on t.PersonId equals person.Id
                   join p in periods on t.UnitId equals p.UnitId
                   select new Held { T = t, Person = person, P = p };

        if (filter.Position is { } position) held = held.Where(x => x.T.Position == position);
        if (filter.Mode is { } mode) held = held.Where(x => x.T.Mode == mode);
        if (!string.IsNullOrWhiteSpace(filter.Term)) held = held.Where(x => x.T.TermLabel == filter.Term.Trim());
        if (filter.PartyMember is { } party) held = held.Where(x => x.Person.PartyMember == party);
        if (filter.Gender is { } gender) held = held.Where(x => x.Person.Gender == gender);
        if (filter.Ethnicity == LeaderFilter.Minorities) held = held.Where(x => x.Person.EthnicityCode != null && x.Person.EthnicityCode != ReferenceLists.Kinh);
        else if (!string.IsNullOrWhiteSpace(filter.Ethnicity)) held = held.Where(x => x.Person.EthnicityCode == filter.Ethnicity);
        if (!string.IsNullOrWhiteSpace(filter.GeneralEducation)) held = held.Where(x => x.Person.GeneralEducation == filter.GeneralEducation.Trim());
        if (filter.AgeBand is { } band)
        {
            // The same test as the list's filter: born after "bornAfter" and on or before "bornOnOrBefore".
            var (youngest, oldest) = band switch { AgeBand.Under30 => (0, 29), AgeBand.From30To44 => (30, 44), AgeBand.From45To59 => (45, 59), _ => (60, 200) };
            var bornOnOrBefore = date.AddYears(-youngest);
            var bornAfter = date.AddYears(-(oldest + 1));
            held = held.Where(x => x.Person.DateOfBirth != null && x.Person.DateOfBirth <= bornOnOrBefore && x.Person.DateOfBirth > bornAfter);
        }
        var folded = VietnameseText.Fold(filter.Q);
        if (folded.Length > 0) held = held.Where(x => x.Person.SearchName.Contains(folded));

        if (filter.Concurrent is { } concurrent)
        {
            // Another post of the same person held on the date, among the posts in scope.
            Expression<Func<Held, bool>> hasOther = x => posts.Any(o => o.PersonId == x.T.PersonId && o.Id != x.T.Id && o.StartDate <= date && (o.EndDate == null || o.EndDate >= date));
            held = concurrent ? held.Where(hasOther) : held.Where(Expression.Lambda<Func<Held, bool>>(Expression.Not(hasOther.Body), hasOther.Parameters));
        }
        return new HeldList(held, posts);
    }

    /// <summary>
    /// The tenures the query filters of <see cref="AppDb"/> let the user see (the tenure's own filter and that of its
    /// unit), written out for a query read with <c>IgnoreQueryFilters</c>. A test checks it against the filters.
    /// </summary>
    internal static IQueryable<Tenure> WithinScope(AppDb db, IQueryable<Tenure> tenures)
    {
        var people = db.Access.ScopeFor(Permission.ViewPeople);
        var units = db.Access.ScopeFor(Permission.ViewUnits);
        bool peopleAll = people.All, unitsAll = units.All;
        string[] peopleProvinces = [.. people.Provinces], unitProvinces = [.. units.Provinces];
        int[] peopleCommunes = [.. people.Communes], peopleUnits = [.. people.Units], unitCommunes = [.. units.Communes], unitUnits = [.. units.Units];
        return tenures.Where(t =>
            (unitsAll || unitProvinces.Contains(t.Unit!.ProvinceCode) || unitCommunes.Contains(t.Unit.CurrentCommuneId) || unitUnits.Contains(t.UnitId))
            && (peopleAll || peopleProvinces.Contains(t.Unit!.ProvinceCode) || peopleCommunes.Contains(t.Unit.CurrentCommuneId) || peopleUnits.Contains(t.UnitId)));
    }

    /// <summary>The rank of the position, (int)Position, as SQL can order by it (positions are stored by name): CASE … WHEN … END.</summary>
    private static readonly Expression<Func<Held, int>> Rank = RankOfPosition();

    private static Expression<Func<Held, int>> RankOfPosition()
    {
        var x = Expression.Parameter(typeof(Held), "x");
        var position = Expression.Property(Expression.Property(x, nameof(Held.T)), nameof(Tenure.Position));
        Expression rank = Expression.Constant(int.MaxValue);
        foreach (var p in Enum.GetValues<Position>().Reverse())
            rank = Expression.Condition(Expression.Equal(position, Expression.Constant(p)), Expression.Constant((int)p), rank);
        return Expression.Lambda<Func<Held, int>>(rank, x);
    }

    /// <summary>The counts of <see cref="LeaderSummary.Of"/> over the whole list, from two grouped queries.</summary>
    private static async Task<LeaderSummary> SummaryAsync(IQueryable<Held> held, DateOnly date, CancellationToken ct)
    {
        var positions = await held.GroupBy(x => new { x.T.Position, x.P.Kind })
            .Select(g => new { g.Key.Position, g.Key.Kind, Count = g.Count() }).ToListAsync(ct);

        // Age bands as Person.AgeOn gives them: at least n years old on the date ⇔ born on or before AtLeast(n).
        var (at30, at45, at60) = (AtLeast(date, 30), AtLeast(date, 45), AtLeast(date, 60));
        var people = await held
            .Select(x => new
            {
                x.Person.Id, x.Person.PartyMember, x.Person.Gender,
                Minority = x.Person.EthnicityCode != null && x.Person.EthnicityCode != ReferenceLists.Kinh,
                Band = x.Person.DateOfBirth == null ? 0
                    : x.Person.DateOfBirth > at30 ? (int)AgeBand.Under30
                    : x.Person.DateOfBirth > at45 ? (int)AgeBand.From30To44
                    : x.Person.DateOfBirth > at60 ? (int)AgeBand.From45To59
                    : (int)AgeBand.From60,
            })
            .Distinct()
            .GroupBy(p => new { p.PartyMember, p.Gender, p.Minority, p.Band })
            .Select(g => new { g.Key.PartyMember, g.Key.Gender, g.Key.Minority, g.Key.Band, Count = g.Count() })
            .ToListAsync(ct);

        var byPosition = positions
            .GroupBy(p => (p.Position, Name: p.Position == Position.VillageParticipant ? Tenure.PositionName(p.Position) : Tenure.PositionName(p.Position, p.Kind)))
            .OrderBy(g => g.Key.Position).ThenBy(g => g.Key.Name, VietnameseText.Comparer)
            .Select(g => (g.Key.Name, g.Sum(p => p.Count))).ToList();
        var byAge = Enum.GetValues<AgeBand>().Select(b => (b, people.Where(p => p.Band == (int)b).Sum(p => p.Count))).ToList();
        return new LeaderSummary(positions.Sum(p => p.Count), people.Sum(p => p.Count), byPosition, people.Where(p => p.PartyMember).Sum(p => p.Count),
            people.Where(p => p.Gender == Gender.Female).Sum(p => p.Count), people.Where(p => p.Minority).Sum(p => p.Count), byAge,
            people.Where(p => p.Band == 0).Sum(p => p.Count));
    }

    /// <summary>The latest date of birth of someone at least <paramref name="age"/> years old on <paramref name="date"/> (by <see cref="Person.AgeOn"/>).</summary>
    public static DateOnly AtLeast(DateOnly date, int age)
    {
        var born = date.AddYears(-age);
        // Born on 29/02, one turns a year older on 28/02 of a common year: that birth date counts too.
        return Person.AgeOn(born.AddDays(1), date) >= age ? born.AddDays(1) : born;
    }

    /// <summary>
    /// Page <paramref name="pageNumber"/> of <see cref="LeaderQueries.EndingWithinAsync"/>: the same terms in the same
    /// order (planned end, commune, unit; each unit as it was when the term began). Selected in SQL and read as the few
    /// columns shown, in two commands; ordered here, as the order needs the Vietnamese and the natural comparers (SQL
    /// collations differ between the providers), on narrow rows; only the page is rendered.
    /// </summary>
    public static async Task<EndingPageData> EndingWithinPageAsync(AppDb db, AdminUnit? place, DateOnly today, int months,
        int pageNumber, int pageSize, CancellationToken ct)
    {
        var until = today.AddMonths(months);
        var ending = LeaderQueries.InPlace(db, place, db.Tenures.Where(t => t.EndDate == null && t.PlannedEndDate != null && t.PlannedEndDate <= until));
        var terms = await ending.AsNoTracking()
            .Select(t => new { t.Id, t.PersonId, t.Person!.FullName, t.Position, t.Title, t.Mode, t.TermLabel, t.StartDate, PlannedEndDate = t.PlannedEndDate!.Value, t.UnitId })
            .ToListAsync(ct);
        // The periods of those units (IN a subquery: read once, then the periods found by unit).
        var units = ending.Select(t => t.UnitId);
        var periods = (await db.ResidentialUnitPeriods.AsNoTracking().Where(p => units.Contains(p.UnitId))
                .Select(p => new { p.UnitId, p.ValidFrom, p.Name, p.Kind, CommuneName = p.Commune!.FullName }).ToListAsync(ct))
            .GroupBy(p => p.UnitId).ToDictionary(g => g.Key, g => g.OrderBy(p => p.ValidFrom).ToList());

        // Each unit as it was when the term began (or its first state, for a term recorded before it). Order of
        // EndingWithinAsync: planned end, commune, unit, then as TenuresAsync reads them (latest start first, position rank).
        var rows = terms
            .Select(t => (Term: t, Unit: periods.GetValueOrDefault(t.UnitId) is { } list ? list.LastOrDefault(p => p.ValidFrom <= t.StartDate) ?? list[0] : null))
            .Select(x => (x.Term, Row: new EndingRow(x.Term.Id, x.Term.PersonId, x.Term.FullName, Tenure.PositionName(x.Term.Position, x.Unit?.Kind ?? UnitKind.Village, x.Term.Title),
                x.Term.UnitId, x.Unit?.Name ?? "", x.Unit?.CommuneName ?? "", x.Term.TermLabel, x.Term.Mode, x.Term.StartDate, x.Term.PlannedEndDate)))
            .OrderBy(x => x.Row.PlannedEndDate).ThenBy(x => x.Row.CommuneName, VietnameseText.Comparer).ThenBy(x => x.Row.UnitName, NaturalComparer.Instance)
            .ThenByDescending(x => x.Term.StartDate).ThenBy(x => (int)x.Term.Position).ThenBy(x => x.Term.Id)
            .Select(x => x.Row).ToList();
        var pageCount = Math.Max(1, (rows.Count + pageSize - 1) / pageSize);
        pageNumber = Math.Clamp(pageNumber, 1, pageCount);
        return new(rows.Count, rows.GetRange((pageNumber - 1) * pageSize, Math.Min(pageSize, rows.Count - (pageNumber - 1) * pageSize)), pageNumber, pageCount);
    }
}
