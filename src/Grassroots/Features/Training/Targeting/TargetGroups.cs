using System.Linq.Expressions;
using Grassroots.Data;
using Grassroots.Features.People;
using Grassroots.Features.Units;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Training.Targeting;

/// <summary>Where a rule is read: a course's province, or its commune for a commune's course.</summary>
public sealed record TargetPlace(string ProvinceCode, int? CommuneId, string Name)
{
    public static Task<TargetPlace> OfAsync(AppDb db, Course course, CancellationToken ct) => OfAsync(db, course.ProvinceCode, course.CommuneId, ct);

    public static async Task<TargetPlace> OfAsync(AppDb db, string provinceCode, int? communeId, CancellationToken ct)
    {
        var name = await db.AdminUnits.AsNoTracking()
            .Where(a => communeId != null ? a.Id == communeId : a.Level == AdminLevel.Province && a.Code == provinceCode)
            .OrderByDescending(a => a.ValidFrom).Select(a => a.FullName).FirstOrDefaultAsync(ct);
        return new TargetPlace(provinceCode, communeId, name ?? provinceCode);
    }
}

/// <summary>A person a rule matches, with the post they are matched for (their highest-ranked matching one) on the date.</summary>
public sealed record TargetMatchRow(
    int PersonId, string FullName, Gender Gender, string? DateOfBirth, int? Age, bool PartyMember, string? Ethnicity, int TenureId,
    Position Position, string PositionName, int UnitId, string UnitName, UnitKind UnitKind, int CommuneId, string CommuneCode, string CommuneName,
    string ProvinceCode, IReadOnlyList<string> OtherPositions)
{
    /// <summary>The ordinal sort key of the name (Vietnamese order), for callers that insert in that order.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string SortKey { get; init; } = "";
}

/// <summary>Who a rule matches on a date: how many people, and each of them once, in Vietnamese name order.</summary>
public sealed record TargetMatch(DateOnly AsOf, int Count, IReadOnlyList<TargetMatchRow> Items);

/// <summary>
/// Evaluates a checked rule on the database, set-based: each leaf becomes a predicate over <see cref="Tenure"/> (with
/// EXISTS subqueries for the unit on the date, concurrent positions and completed courses), the tree is joined with
/// AndAlso/OrElse into one expression, and one query returns the matching tenures held on the date, in units of the
/// place on that date — within the user's scope, since AppDb's filters apply. Nothing but the matches is loaded.
/// </summary>
public static class TargetGroups
{
    /// <summary>The tenures held on the date that the rule matches (before the place and the user's scope narrow them).</summary>
    public static async Task<IQueryable<Tenure>> MatchingAsync(AppDb db, RuleNode rule, DateOnly date, CancellationToken ct)
    {
        // "Not trained since": the programme's courses that count, looked up once (a handful of ids, not the registry).
        var programmes = Leaves(rule).Select(l => l.NotCompleted).OfType<ProgrammeRef>().Distinct().ToList();
        var coursesOf = new Dictionary<ProgrammeRef, int[]>();
        foreach (var p in programmes)
            // Every course of the programme counts, wherever it was organised: the filters would hide another province's course.
            coursesOf[p] = [.. await db.Courses.IgnoreQueryFilters().Where(c => c.ProgrammeId == p.Id && c.EndDate >= p.Since).Select(c => c.Id).ToListAsync(ct)];
        var predicate = Build(db, rule, date, coursesOf);
        return db.Tenures.AsNoTracking().Where(t => t.StartDate <= date && (t.EndDate == null || t.EndDate >= date)).Where(predicate);
    }

    /// <summary>Every person the rule matches in the place on the date, once each with their highest-ranked matching post.</summary>
    public static async Task<TargetMatch> MatchAsync(AppDb db, RuleNode rule, DateOnly date, TargetPlace place, CancellationToken ct)
    {
        var tenures = await MatchingAsync(db, rule, date, ct);
        var periods = db.ResidentialUnitPeriods.ValidOn(date).Where(p => p.ProvinceCode == place.ProvinceCode);
        if (place.CommuneId is { } communeId) periods = periods.Where(p => p.CommuneId == communeId);
        var rows = await (from t in tenures
                          join p in periods on t.UnitId equals p.UnitId
                          orderby EF.Functions.Collate(t.Person!.SortKey, db.OrdinalCollation), t.PersonId
                          select new
                          {
                              t.Id, t.PersonId, t.Person!.FullName, t.Person.SortKey, t.Person.Gender, t.Person.DateOfBirth, t.Person.PartyMember,
                              t.Person.EthnicityCode, t.Position, t.Title, t.UnitId, p.Name, p.Kind, p.CommuneId, CommuneCode = p.Commune!.Code,
                              CommuneName = p.Commune.FullName, p.ProvinceCode,
                          }).ToListAsync(ct);
        var canSee = LeaderQueries.CanSeeIdentifiers(db);
        var items = new List<TargetMatchRow>();
        // Rows come in name order, a person's rows together; positions are stored by name, so rank them here (head first).
        foreach (var person in rows.GroupBy(r => r.PersonId))
        {
            var ranked = person.OrderBy(r => (int)r.Position).ThenBy(r => r.Name, NaturalComparer.Instance).ToList();
            var best = ranked[0];
            items.Add(new TargetMatchRow(best.PersonId, best.FullName, best.Gender, LeaderQueries.ShowDate(best.DateOfBirth, canSee),
                Person.AgeOn(best.DateOfBirth, date), best.PartyMember, ReferenceLists.EthnicityName(best.EthnicityCode), best.Id, best.Position,
                Tenure.PositionName(best.Position, best.Kind, best.Title), best.UnitId, best.Name, best.Kind, best.CommuneId, best.CommuneCode,
                best.CommuneName, best.ProvinceCode, [.. ranked.Skip(1).Select(r => $"{Tenure.PositionName(r.Position, r.Kind, r.Title)} {r.Name}")])
            { SortKey = best.SortKey });
        }
        return new TargetMatch(date, items.Count, items);
    }

    private static IEnumerable<RuleLeaf> Leaves(RuleNode node) => node switch
    {
        RuleGroup g => g.Children.SelectMany(Leaves),
        RuleLeaf l => [l],
        _ => [],
    };

    private static Expression<Func<Tenure, bool>> Build(AppDb db, RuleNode node, DateOnly date, Dictionary<ProgrammeRef, int[]> coursesOf) => node switch
    {
        RuleGroup g => g.Children.Select(c => Build(db, c, date, coursesOf)).Aggregate((a, b) => Combine(a, b, g.All)),
        RuleLeaf l => Leaf(db, l, date, coursesOf),
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };

    /// <summary>Every field of a leaf as a predicate, joined with AndAlso. Values are captured, so they reach SQL as parameters.</summary>
    private static Expression<Func<Tenure, bool>> Leaf(AppDb db, RuleLeaf l, DateOnly date, Dictionary<ProgrammeRef, int[]> coursesOf)
    {
        var parts = new List<Expression<Func<Tenure, bool>>>();
        if (l.Positions is { } positionList)
        {
            var positions = positionList.ToArray();
            parts.Add(t => positions.Contains(t.Position));
        }
        if (l.Modes is { } modeList)
        {
            var modes = modeList.ToArray();
            parts.Add(t => modes.Contains(t.Mode));
        }
        if (l.PartyMember is { } party) parts.Add(t => t.Person!.PartyMember == party);
        if (l.AgeUnder is { } under)
        {
            // Younger than N on the date ⇔ born after the date N years before.
            var bornAfter = date.AddYears(-under);
            parts.Add(t => t.Person!.DateOfBirth != null && t.Person.DateOfBirth > bornAfter);
        }
        if (l.AgeAtLeast is { } atLeast)
        {
            var bornOnOrBefore = date.AddYears(-atLeast);
            parts.Add(t => t.Person!.DateOfBirth != null && t.Person.DateOfBirth <= bornOnOrBefore);
        }
        if (l.Gender is { } gender) parts.Add(t => t.Person!.Gender == gender);
        if (l.Ethnicities?.ToArray() is { } ethnicities) parts.Add(t => t.Person!.EthnicityCode != null && ethnicities.Contains(t.Person.EthnicityCode));
        if (l.Minorities is { } minorities)
        {
            const string kinh = ReferenceLists.Kinh;
            parts.Add(minorities
                ? t => t.Person!.EthnicityCode != null && t.Person.EthnicityCode != kinh
                : t => t.Person!.EthnicityCode == kinh);
        }
        if (l.UnitKinds?.ToArray() is { } kinds)
            parts.Add(t => t.Unit!.Periods.Any(p => p.ValidFrom <= date && (p.ValidTo == null || p.ValidTo >= date) && kinds.Contains(p.Kind)));
        if (l.Provinces is { } provinceRefs)
        {
            var provinces = provinceRefs.Select(p => p.Code).ToArray();
            parts.Add(t => t.Unit!.Periods.Any(p => p.ValidFrom <= date && (p.ValidTo == null || p.ValidTo >= date) && provinces.Contains(p.ProvinceCode)));
        }
        if (l.Communes is { } communeRefs)
        {
            var communes = communeRefs.Select(c => c.Id).ToArray();
            parts.Add(t => t.Unit!.Periods.Any(p => p.ValidFrom <= date && (p.ValidTo == null || p.ValidTo >= date) && communes.Contains(p.CommuneId)));
        }
        if (l.Units is { } unitRefs)
        {
            var units = unitRefs.Select(u => u.Id).ToArray();
            parts.Add(t => units.Contains(t.UnitId));
        }
        if (l.Terms?.ToArray() is { } terms) parts.Add(t => t.TermLabel != null && terms.Contains(t.TermLabel));
        if (l.Concurrent is { } concurrent)
        {
            Expression<Func<Tenure, bool>> other = t => db.Tenures.Any(o => o.PersonId == t.PersonId && o.Id != t.Id && o.StartDate <= date && (o.EndDate == null || o.EndDate >= date));
            parts.Add(concurrent ? other : Not(other));
        }
        if (l.ConcurrentWith?.ToArray() is { } with)
            parts.Add(t => db.Tenures.Any(o => o.PersonId == t.PersonId && o.Id != t.Id && with.Contains(o.Position)
                && o.StartDate <= date && (o.EndDate == null || o.EndDate >= date)));
        if (l.NotCompleted is { } programme)
        {
            var courses = coursesOf[programme];
            parts.Add(t => !db.Enrolments.Any(e => e.PersonId == t.PersonId && e.Result == TrainingResult.Completed && courses.Contains(e.CourseId)));
        }
        return parts.Aggregate((a, b) => Combine(a, b, and: true));
    }

    private static Expression<Func<Tenure, bool>> Combine(Expression<Func<Tenure, bool>> a, Expression<Func<Tenure, bool>> b, bool and)
    {
        var parameter = a.Parameters[0];
        var right = new Rebind(b.Parameters[0], parameter).Visit(b.Body);
        return Expression.Lambda<Func<Tenure, bool>>(and ? Expression.AndAlso(a.Body, right) : Expression.OrElse(a.Body, right), parameter);
    }

    private static Expression<Func<Tenure, bool>> Not(Expression<Func<Tenure, bool>> e) => Expression.Lambda<Func<Tenure, bool>>(Expression.Not(e.Body), e.Parameters);

    /// <summary>Puts one lambda's parameter in place of another's, so that two bodies can share one parameter.</summary>
    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
