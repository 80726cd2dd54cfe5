using Grassroots.Common;
using Grassroots.Features.People;
using Grassroots.Features.Units;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Data.Seed;

/// <summary>A demo unit as generated, with the old (pre-2025) commune its area came from.</summary>
internal sealed record DemoUnit(ResidentialUnit Unit, AdminUnit Commune, string OldCommuneFullName, string OldProvinceCode, string OldDistrictCode);

internal sealed record DemoLeadership(int People, int Tenures);

/// <summary>
/// A synthetic leadership for the demo units: per unit a head elected for 2022-2027 (often after a predecessor of
/// 2017-2022), in most units a deputy, a party-cell secretary (in about 40% of units the head himself — nhất thể hóa),
/// and a head of the Front work committee, each with a plausible age, gender, ethnicity, Party membership and education.
/// People are named from common family, middle and given names; their national ids are valid in form, unique and
/// flagged as demo with the person. A few deliberate cases (an under-age deputy, acting heads, two deputies, leaders
/// who live elsewhere) give the review page something to show; their warnings are those <see cref="TenureRules"/>
/// computes. Every choice comes from a <see cref="Random"/> seeded by the commune code.
/// </summary>
/// <remarks>
/// Terms follow the bodies that elect: heads and deputies 2022-2027 (Phú Thọ's 5-year term), party-cell secretaries
/// 2022-2025 and 2025-2027 (a cell under a grassroots Party committee holds its congress twice in five years), Front
/// work committees 2024-2029. History goes back one term for heads and secretaries in about half of the units, which
/// keeps the seed to a few seconds. Decisions before the reform were issued by the old commune.
/// </remarks>
internal sealed class DemoLeaders(AppDb db)
{
    /// <summary>
    /// Creates and saves the people and tenures of the demo units (whose keys must be known), with their stored
    /// warnings, in batches of units (the caller holds the transaction and turns off per-row audit).
    /// </summary>
    public async Task<DemoLeadership> SaveAsync(IReadOnlyList<DemoUnit> units, DateOnly today, DateTime now, CancellationToken ct)
    {
        var rules = await TenureRules.RulesAsync(db, DemoProvince.ProvinceCode, today, ct);
        var ids = new NationalIds();
        var leaders = new List<UnitLeaders>(units.Count);
        foreach (var commune in units.GroupBy(u => u.Commune.Id))
        {
            var builder = new Builder(new Random(DemoProvince.Seed("leaders " + commune.First().Commune.Code)), today, now, ids);
            var window = new CommuneDates(builder.Random);
            leaders.AddRange(commune.Select(u => builder.Unit(u, window)));
        }
        new Builder(new Random(DemoProvince.Seed("leaders review")), today, now, ids).AddReviewCases(leaders);

        var people = leaders.SelectMany(l => l.Tenures).Select(t => t.Person!).Distinct().ToList();
        await ids.AvoidExistingAsync(db, people, new Random(DemoProvince.Seed("leaders ids")), ct);

        // The warnings a use case would store (RecordTenure → TenureRules.RefreshUnitAsync), from the same rules.
        foreach (var unit in leaders)
            foreach (var tenure in unit.Tenures)
                tenure.Warnings.AddRange(TenureRules.StoredWarnings(tenure,
                    TenureRules.Evaluate(tenure, unit.Unit.Unit, unit.Tenures, _ => tenure.Person, rules, today)));
        // Each person holds positions in one unit only, so a batch of units carries its people whole.
        foreach (var batch in leaders.Chunk(400))
        {
            db.Tenures.AddRange(batch.SelectMany(l => l.Tenures)); // with their people and warnings
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        return new DemoLeadership(people.Count, leaders.Sum(l => l.Tenures.Count));
    }

    private sealed class UnitLeaders(DemoUnit unit)
    {
        public DemoUnit Unit { get; } = unit;
        public List<Tenure> Tenures { get; } = [];
        public Tenure? Current(Position position) => Tenures.FirstOrDefault(t => t.Position == position && t.EndDate is null);
        public bool Concurrent => Current(Position.UnitHead) is { } head && Current(Position.PartyCellSecretary)?.Person == head.Person;
    }

    /// <summary>When a commune's units elected: each body votes in all of them within a few weeks.</summary>
    private sealed class CommuneDates(Random r)
    {
        public DateOnly Heads2022 { get; } = new(2022, r.Next(3, 12), r.Next(1, 16));
        public DateOnly Heads2017 { get; } = new(2017, r.Next(3, 12), r.Next(1, 16));
        public DateOnly Cells2022 { get; } = new(2022, r.Next(3, 7), r.Next(1, 25));
        public DateOnly Cells2025 { get; } = new(2025, r.Next(3, 6), r.Next(1, 25));
        public DateOnly Front2024 { get; } = new(2024, r.Next(3, 7), r.Next(1, 25));
    }

    private sealed class Builder(Random random, DateOnly today, DateTime now, NationalIds ids)
    {
        public Random Random { get; } = random;

        public UnitLeaders Unit(DemoUnit u, CommuneDates dates)
        {
            var leaders = new UnitLeaders(u);
            var before = "UBND " + VietnameseText.LowerFirst(u.OldCommuneFullName);
            var headStart = dates.Heads2022.AddDays(Random.Next(0, 15));
            var headEnd = headStart.AddYears(5);
            var cellStart = dates.Cells2025.AddDays(Random.Next(0, 10));
            var earlierCell = Random.NextDouble() < 0.55 ? dates.Cells2022.AddDays(Random.Next(0, 10)) : (DateOnly?)null;
            var concurrent = Random.NextDouble() < 0.40;
            var headWasSecretary = concurrent && earlierCell is not null && Random.NextDouble() < 0.7;

            // The head: mostly 40–65, about one in six a woman; the secretary is always a Party member.
            var headBorn = BornAt(Age(53, 8, 28, 72), today);
            var head = NewPerson(u, Random.NextDouble() < 0.17 ? Gender.Female : Gender.Male, headBorn,
                concurrent || Random.NextDouble() < 0.58, concurrent ? (headWasSecretary ? earlierCell!.Value : cellStart) : null);
            leaders.Tenures.Add(NewTenure(u, head, Position.UnitHead, TenureMode.Elected, "2022-2027", headStart, headEnd, before));
            if (Random.NextDouble() < 0.5)
            {
                var start = dates.Heads2017.AddDays(Random.Next(0, 15));
                var reelected = Random.NextDouble() < 0.4 && Person.AgeOn(headBorn, start) >= 30;
                var holder = reelected ? head : NewPerson(u, Random.NextDouble() < 0.12 ? Gender.Female : Gender.Male,
                    BornAt(Age(58, 7, 35, 75), headStart), Random.NextDouble() < 0.7, null);
                leaders.Tenures.Add(Ended(NewTenure(u, holder, Position.UnitHead, TenureMode.Elected, "2017-2022", start, start.AddYears(5), before),
                    headStart.AddDays(-1)));
            }
            if (Random.NextDouble() < 0.75)
            {
                var deputy = NewPerson(u, Random.NextDouble() < 0.25 ? Gender.Female : Gender.Male, BornAt(Age(46, 9, 26, 70), today), Random.NextDouble() < 0.55, null);
                leaders.Tenures.Add(NewTenure(u, deputy, Position.DeputyHead, TenureMode.Recognized, "2022-2027", headStart.AddDays(Random.Next(7, 31)), headEnd, before));
            }

            var cell = "Đảng ủy " + VietnameseText.LowerFirst(u.OldCommuneFullName);
            var sameSecretary = !concurrent && earlierCell is not null && Random.NextDouble() < 0.5;
            var secretary = concurrent ? head : NewPerson(u, Random.NextDouble() < 0.12 ? Gender.Female : Gender.Male, BornAt(Age(57, 8, 32, 75), today),
                true, sameSecretary ? earlierCell!.Value : cellStart);
            leaders.Tenures.Add(NewTenure(u, secretary, Position.PartyCellSecretary, TenureMode.Elected, "2025-2027", cellStart, cellStart.AddMonths(30), cell));
            if (earlierCell is { } earlier)
            {
                var holder = headWasSecretary || sameSecretary ? secretary
                    : NewPerson(u, Random.NextDouble() < 0.12 ? Gender.Female : Gender.Male, BornAt(Age(60, 7, 35, 78), cellStart), true, earlier);
                leaders.Tenures.Add(Ended(NewTenure(u, holder, Position.PartyCellSecretary, TenureMode.Elected, "2022-2025", earlier, cellStart.AddDays(-1), cell),
                    cellStart.AddDays(-1)));
            }

            // The Front work committee: now and then the secretary's second title (ND 33/2023 encourages it).
            var front = "Ban Thường trực Ủy ban MTTQ Việt Nam " + VietnameseText.LowerFirst(u.OldCommuneFullName);
            var frontStart = dates.Front2024.AddDays(Random.Next(0, 10));
            var frontHead = !concurrent && Random.NextDouble() < 0.08 ? secretary
                : NewPerson(u, Random.NextDouble() < 0.30 ? Gender.Female : Gender.Male, BornAt(Age(58, 8, 35, 76), today), Random.NextDouble() < 0.85, null);
            leaders.Tenures.Add(NewTenure(u, frontHead, Position.FrontCommitteeHead, TenureMode.Elected, "2024-2029", frontStart, frontStart.AddYears(5), front));
            return leaders;
        }

        /// <summary>
        /// Cases the "cần xem xét" page should show: a deputy of 20 (R-ELIG-02), heads acting for longer than six
        /// months (R-TERM-02, computed on the day) and one within the limit, two deputies at once (R-ORG-01), a deputy
        /// registered in another unit and a head who no longer lives in his (R-ELIG-01).
        /// </summary>
        public void AddReviewCases(List<UnitLeaders> units)
        {
            // Units with a deputy and a head who is not also the secretary, spread over the province.
            var candidates = units.Where(u => u.Current(Position.DeputyHead) is not null && !u.Concurrent).ToList();
            var picked = new List<UnitLeaders>();
            while (picked.Count < 7 && picked.Count < candidates.Count)
            {
                var next = candidates[Random.Next(candidates.Count)];
                if (!picked.Contains(next)) picked.Add(next);
            }
            if (picked.Count < 7) return;

            var young = picked[0];
            var replacedOn = Later(today.AddMonths(-4), young);
            var head = young.Current(Position.UnitHead)!;
            Relieve(young, young.Current(Position.DeputyHead)!, replacedOn);
            var born = replacedOn.AddYears(-20).AddDays(-Random.Next(30, 300));
            var deputy = NewPerson(young.Unit, Gender.Male, born, false, null);
            deputy.GeneralEducation = "12/12";
            young.Tenures.Add(NewTenure(young.Unit, deputy, Position.DeputyHead, TenureMode.Recognized, "2022-2027", replacedOn, head.PlannedEndDate, After(young)));

            Acting(picked[1], Later(today.AddMonths(-9).AddDays(-Random.Next(0, 40)), picked[1]));
            Acting(picked[2], Later(today.AddMonths(-7).AddDays(-Random.Next(0, 20)), picked[2]));
            Acting(picked[3], Later(today.AddMonths(-2).AddDays(-Random.Next(0, 20)), picked[3]));

            var two = picked[4];
            var second = NewPerson(two.Unit, Gender.Female, BornAt(Age(40, 6, 28, 60), today), Random.NextDouble() < 0.5, null);
            two.Tenures.Add(NewTenure(two.Unit, second, Position.DeputyHead, TenureMode.Recognized, "2022-2027", Later(today.AddMonths(-14), two),
                two.Current(Position.UnitHead)!.PlannedEndDate, After(two)));

            var elsewhere = picked[5];
            var neighbour = units.FirstOrDefault(u => u.Unit.Commune.Id == elsewhere.Unit.Commune.Id && u != elsewhere);
            if (neighbour is not null) elsewhere.Current(Position.DeputyHead)!.Person!.ResidenceUnitId = neighbour.Unit.Unit.Id;

            picked[6].Current(Position.UnitHead)!.Person!.LivesInUnit = false;
        }

        /// <summary>The elected head steps down; the commune chair appoints an acting head from <paramref name="from"/>.</summary>
        private void Acting(UnitLeaders unit, DateOnly from)
        {
            Relieve(unit, unit.Current(Position.UnitHead)!, from);
            var acting = NewPerson(unit.Unit, Random.NextDouble() < 0.2 ? Gender.Female : Gender.Male, BornAt(Age(50, 6, 32, 65), today), Random.NextDouble() < 0.7, null);
            unit.Tenures.Add(NewTenure(unit.Unit, acting, Position.UnitHead, TenureMode.Acting, null, from, null, "Chủ tịch " + After(unit)));
        }

        /// <summary>Ends a tenure at its holder's request the day before <paramref name="successorFrom"/>.</summary>
        private static void Relieve(UnitLeaders unit, Tenure tenure, DateOnly successorFrom)
        {
            Ended(tenure, successorFrom.AddDays(-1), EndReason.RelievedVoluntary);
            tenure.EndDecisionNumber = DemoProvince.DecisionNumber;
            tenure.EndDecisionDate = tenure.EndDate;
            tenure.EndDecisionIssuer = After(unit);
        }

        /// <summary>A date after the unit's current head took office (and after the reform), so that cases stay valid on any day.</summary>
        private static DateOnly Later(DateOnly wanted, UnitLeaders unit)
        {
            var floor = unit.Current(Position.UnitHead)!.StartDate.AddMonths(1);
            if (floor < DemoProvince.EffectiveDate) floor = DemoProvince.EffectiveDate;
            return wanted < floor ? floor : wanted;
        }

        /// <summary>The issuer after the reform: the new commune.</summary>
        private static string After(UnitLeaders unit) => "UBND " + VietnameseText.LowerFirst(unit.Unit.Commune.FullName);

        private static Tenure Ended(Tenure tenure, DateOnly end, EndReason reason = EndReason.TermExpired)
        {
            tenure.EndDate = end;
            tenure.EndReason = reason;
            return tenure;
        }

        private Tenure NewTenure(DemoUnit u, Person person, Position position, TenureMode mode, string? term, DateOnly start, DateOnly? plannedEnd, string issuer) => new()
        {
            Person = person, UnitId = u.Unit.Id, ProvinceCode = u.Unit.ProvinceCode, CommuneId = u.Commune.Id, Position = position, Mode = mode,
            TermLabel = term, StartDate = start, PlannedEndDate = plannedEnd,
            StartDecisionNumber = DemoProvince.DecisionNumber, StartDecisionDate = start, StartDecisionIssuer = issuer,
            CreatedAt = now, UpdatedAt = now,
        };

        /// <summary>A resident of the unit. A Party member is admitted well before <paramref name="partyBefore"/> (when given) and over a year ago.</summary>
        private Person NewPerson(DemoUnit u, Gender gender, DateOnly born, bool partyMember, DateOnly? partyBefore)
        {
            var ethnicity = Ethnicity(u);
            var person = new Person
            {
                ProvinceCode = u.Commune.ProvinceCode, CommuneId = u.Commune.Id, FullName = "", SearchName = "", SortKey = "",
                Gender = gender, DateOfBirth = born, EthnicityCode = ethnicity, ReligionCode = Religion(ethnicity),
                NationalId = ids.New(Random, BirthProvince(u), gender, born),
                ResidenceUnitId = u.Unit.Id, LivesInUnit = true, IsDemo = true, Note = DemoProvince.Note, CreatedAt = now, UpdatedAt = now,
            };
            person.SetName(Name(ethnicity, gender, born.Year));
            var latest = today.AddYears(-1);
            if (partyBefore is { } before && before.AddDays(-30) < latest) latest = before.AddDays(-30);
            if (partyMember && Admission(born, latest) is { } admitted)
            {
                person.PartyMember = true;
                person.PartyAdmissionDate = admitted;
                person.PartyStatus = PartyStatus.Official;
            }
            Education(person, ethnicity != ReferenceLists.Kinh && u.OldProvinceCode == "17");
            return person;
        }

        private DateOnly? Admission(DateOnly born, DateOnly latest)
        {
            var at = born.AddYears(21 + Random.Next(0, 18)).AddDays(Random.Next(0, 365));
            if (at > latest) at = latest.AddDays(-Random.Next(0, 400));
            return Person.AgeOn(born, at) >= 18 ? at : null;
        }

        private void Education(Person p, bool remote)
        {
            var year = p.DateOfBirth!.Value.Year;
            // The North's 10-year general school until the late 1980s; most leaders finished it, or 12 years since.
            p.GeneralEducation = year < 1972
                ? Pick(("10/10", 70), ("7/10", remote ? 30 : 18), ("12/12", 12))
                : Pick(("12/12", remote ? 70 : 84), ("9/12", remote ? 30 : 16));
            var young = year >= 1980;
            p.ProfessionalQualification = Pick<string?>((null, 42), ("SC", 10), ("TC", 24), ("CD", young ? 10 : 6), ("DH", young ? 18 : 9));
            p.PoliticalTheory = p.PartyMember ? Pick<string?>(("SC", 62), ("TC", 22), (null, 16)) : Pick<string?>((null, 85), ("SC", 15));
            p.StateManagement = p.PartyMember ? Pick<string?>((null, 88), ("CS", 10), ("CV", 2)) : null;
        }

        private string Ethnicity(DemoUnit u)
        {
            var ward = u.Commune.Type == AdminUnitType.Ward;
            return (u.OldProvinceCode, u.OldDistrictCode) switch
            {
                ("17", "156") => Pick(("03", 60), ("06", 14), ("01", 15), ("09", 5), ("08", 6)),                      // Mai Châu: Thái
                ("17", "150") => Pick(("02", 45), ("06", 25), ("09", 18), ("01", 9), ("03", 3)),                      // Đà Bắc: Tày, Mường, Dao
                ("17", "148") => ward ? Pick(("01", 55), ("06", 38), ("02", 3), ("03", 4)) : Pick(("06", 62), ("01", 32), ("09", 6)), // Hòa Bình city
                ("17", _) => Pick(("06", 74), ("01", 21), ("09", 3), ("02", 1), ("03", 1)),                          // the Mường districts
                ("25", "234" or "238" or "240") => Pick(("06", 48), ("01", 44), ("09", 6), ("15", 2)),                 // Yên Lập, Thanh Sơn, Tân Sơn
                ("26", "248" or "249") => Pick(("01", 93), ("18", 6), ("09", 1)),                                     // Tam Đảo, Bình Xuyên: Sán Dìu
                ("26", "246" or "253") => Pick(("01", 97), ("15", 3)),                                                // Lập Thạch, Sông Lô: Cao Lan
                _ => Pick(("01", 97), ("06", 2), ("09", 1)),
            };
        }

        private string Religion(string ethnicity) => ethnicity == ReferenceLists.Kinh
            ? Pick(("00", 93), ("01", 4), ("02", 3))
            : Pick(("00", 97), ("02", 2), ("03", 1));

        /// <summary>Mostly born in the old province of the commune, some elsewhere in the North (CCCD province codes).</summary>
        private string BirthProvince(DemoUnit u) => Random.NextDouble() < 0.88
            ? u.OldProvinceCode
            : Pick(("01", 30), ("19", 8), ("15", 8), ("08", 8), ("24", 6), ("38", 10), ("34", 8), ("36", 8), ("37", 6), ("30", 4), ("33", 4));

        private string Name(string ethnicity, Gender gender, int year)
        {
            var family = ethnicity switch
            {
                "06" => Pick(MuongFamilies),
                "03" => Pick(ThaiFamilies),
                "02" => Pick(TayFamilies),
                "09" => Pick(DaoFamilies),
                "08" => Pick(HmongFamilies),
                "18" => Pick(SanDiuFamilies),
                "15" => Pick(SanChayFamilies),
                _ => Pick(KinhFamilies),
            };
            // "Văn" and "Thị" for most men and women of the countryside and of the minorities, less so for the young.
            var plain = (ethnicity != ReferenceLists.Kinh ? 0.8 : 0.55) - (year >= 1985 ? 0.2 : 0);
            var male = gender == Gender.Male;
            var middle = Random.NextDouble() < plain ? (male ? "Văn" : "Thị") : Pick(male ? MaleMiddles : FemaleMiddles);
            var given = Pick(male ? MaleGiven : FemaleGiven);
            while (given == middle) given = Pick(male ? MaleGiven : FemaleGiven);
            return $"{family} {middle} {given}";
        }


        private int Age(double mean, double sd, int min, int max) => DrawAge(Random, mean, sd, min, max);

        /// <summary>A birthday that makes the person <paramref name="age"/> on <paramref name="on"/>.</summary>
        private DateOnly BornAt(int age, DateOnly on) => on.AddYears(-age).AddDays(-Random.Next(1, 365));

        private string Pick(string[] items) => items[Random.Next(items.Length)];

        private T Pick<T>(params (T Item, double Weight)[] items)
        {
            var roll = Random.NextDouble() * items.Sum(i => i.Weight);
            foreach (var (item, weight) in items)
            {
                if (roll < weight) return item;
                roll -= weight;
            }
            return items[^1].Item;
        }
    }

    /// <summary>
    /// National ids valid in form (TT 59/2021/TT-BCA Art 7: birth province, gender and century, year, six digits),
    /// unique among themselves and against the people already in the database.
    /// </summary>
    private sealed class NationalIds
    {
        private readonly HashSet<string> _used = new(StringComparer.Ordinal);

        public string New(Random random, string birthProvince, Gender gender, DateOnly born)
        {
            var century = (born.Year / 100 - 19) * 2 + (gender == Gender.Female ? 1 : 0);
            var prefix = $"0{birthProvince}{century}{born.Year % 100:D2}";
            string id;
            do id = prefix + random.Next(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
            while (!_used.Add(id));
            return id;
        }

        /// <summary>Draws again the few that a person already in the database has.</summary>
        public async Task AvoidExistingAsync(AppDb db, IReadOnlyList<Person> people, Random random, CancellationToken ct)
        {
            if (!await db.People.IgnoreQueryFilters().AnyAsync(p => p.NationalId != null, ct)) return;
            foreach (var chunk in people.Chunk(500))
            {
                var numbers = chunk.Select(p => p.NationalId).ToList();
                var taken = await db.People.IgnoreQueryFilters().Where(p => numbers.Contains(p.NationalId)).Select(p => p.NationalId!).ToListAsync(ct);
                foreach (var person in chunk.Where(p => taken.Contains(p.NationalId!)))
                {
                    do person.NationalId = New(random, person.NationalId![1..3], person.Gender, person.DateOfBirth!.Value);
                    while (await db.People.IgnoreQueryFilters().AnyAsync(p => p.NationalId == person.NationalId, ct));
                }
            }
        }
    }

    /// <summary>An age drawn around <paramref name="mean"/> (normal, Box–Muller), kept within bounds.</summary>
    internal static int DrawAge(Random random, double mean, double sd, int min, int max)
    {
        var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return Math.Clamp((int)Math.Round(mean + sd * normal), min, max);
    }

    // Family names: Kinh in the proportions of the northern midlands; the minorities' own common names.
    internal static readonly string[] KinhFamilies =
    [
        .. Enumerable.Repeat("Nguyễn", 30), .. Enumerable.Repeat("Trần", 8), .. Enumerable.Repeat("Lê", 6), .. Enumerable.Repeat("Phạm", 5),
        .. Enumerable.Repeat("Hoàng", 4), .. Enumerable.Repeat("Vũ", 4), .. Enumerable.Repeat("Đỗ", 3), .. Enumerable.Repeat("Bùi", 3),
        .. Enumerable.Repeat("Đặng", 2), .. Enumerable.Repeat("Ngô", 2), .. Enumerable.Repeat("Phùng", 2), .. Enumerable.Repeat("Hà", 2),
        .. Enumerable.Repeat("Đinh", 2), .. Enumerable.Repeat("Dương", 2), .. Enumerable.Repeat("Đào", 2),
        "Phan", "Lương", "Cao", "Tạ", "Kiều", "Khổng", "Lưu", "Trịnh", "Mai", "Chu", "Hồ", "Nghiêm", "Triệu", "Quách", "Đồng", "Lại", "Hán",
        "Tô", "Vương", "Doãn", "Lã", "Kim", "Thái", "Trương", "Lục", "Đoàn",
    ];

    private static readonly string[] MuongFamilies =
    [
        .. Enumerable.Repeat("Bùi", 12), .. Enumerable.Repeat("Đinh", 7), .. Enumerable.Repeat("Quách", 3), .. Enumerable.Repeat("Hà", 2),
        .. Enumerable.Repeat("Hoàng", 2), "Xa", "Cao", "Nguyễn", "Trương", "Kim", "Bạch", "Sa", "Lê", "Phạm",
    ];

    private static readonly string[] ThaiFamilies =
        [.. Enumerable.Repeat("Hà", 6), .. Enumerable.Repeat("Lò", 3), .. Enumerable.Repeat("Vì", 3), "Lường", "Lường", "Xa", "Đinh", "Cầm", "Khà", "Mai", "Sa", "Bạc"];

    private static readonly string[] TayFamilies =
        [.. Enumerable.Repeat("Xa", 5), .. Enumerable.Repeat("Đinh", 4), "Hà", "Hà", "Lò", "Lò", "Nguyễn", "Lường", "Sa", "Ma", "Nông", "Hoàng"];

    private static readonly string[] DaoFamilies = ["Bàn", "Bàn", "Bàn", "Triệu", "Triệu", "Lý", "Lý", "Đặng", "Đặng", "Phùng", "Chảo", "Tẩn"];

    private static readonly string[] HmongFamilies = ["Mùa", "Mùa", "Thào", "Thào", "Giàng", "Giàng", "Vàng", "Sùng", "Lầu"];

    private static readonly string[] SanDiuFamilies = ["Trần", "Lưu", "Diệp", "Lam", "Đỗ", "Trương", "Lục", "Hoàng"];

    private static readonly string[] SanChayFamilies = ["Hoàng", "Hoàng", "Trần", "Lâm", "Ninh", "Đỗ", "La", "Sầm"];

    internal static readonly string[] MaleMiddles =
        ["Đức", "Xuân", "Minh", "Quang", "Hữu", "Ngọc", "Thanh", "Mạnh", "Công", "Trọng", "Đình", "Tiến", "Trung", "Hồng", "Kim", "Duy", "Việt", "Bá", "Thế", "Huy"];

    internal static readonly string[] FemaleMiddles =
        ["Thu", "Thanh", "Hồng", "Ngọc", "Minh", "Kim", "Phương", "Hải", "Bích", "Thúy", "Diệu", "Mai", "Thùy", "Lan", "Quỳnh"];

    internal static readonly string[] MaleGiven =
    [
        "Hùng", "Dũng", "Tuấn", "Hải", "Sơn", "Thắng", "Minh", "Thành", "Long", "Cường", "Hoàng", "Quang", "Tùng", "Phong", "Bình", "Hưng", "Toàn",
        "Thịnh", "Khánh", "Vinh", "Đức", "Tiến", "Huy", "Nam", "Lâm", "Trung", "Chiến", "Kiên", "Lợi", "Hòa", "Tâm", "Thuận", "Việt", "Hiếu",
        "Nghĩa", "Tú", "Định", "Thọ", "Lộc", "Phúc", "Hậu", "Quyết", "Toản", "Khải", "Mạnh", "Đông", "Hiển", "Chung", "Thái", "Hợp", "Duy",
        "Tuyên", "Vượng", "Điệp", "Giang", "Hạnh", "Hiệp", "Luận", "Mừng", "Nhất", "Quý", "Sang", "Tân", "Thanh", "Thủy", "Trường", "Văn", "Xuân",
    ];

    internal static readonly string[] FemaleGiven =
    [
        "Hoa", "Lan", "Hương", "Hằng", "Hạnh", "Hà", "Nga", "Thủy", "Thu", "Mai", "Huyền", "Liên", "Nhung", "Oanh", "Yến", "Phương", "Loan", "Dung",
        "Hiền", "Lý", "Nhàn", "Thơm", "Hường", "Lụa", "Vân", "Tuyết", "Xuân", "Hồng", "Bích", "Chinh", "Thảo", "Thanh", "Hảo", "Quyên", "Trang",
        "Linh", "Ngọc", "Duyên", "Thoa", "Vui", "Sen", "Tâm", "Hiên", "Gấm", "Minh", "Huệ", "Luyến", "Nguyệt", "Ánh", "Thắm",
    ];
}
