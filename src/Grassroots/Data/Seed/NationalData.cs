using System.Diagnostics;
using Grassroots.Common;
using Grassroots.Features.People;
using Grassroots.Features.Training;
using Grassroots.Features.Units;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Data.Seed;

public sealed record NationalSeedResult(int Provinces, int Communes, int Units, int People, int Tenures, NationalTrainingCount Training, TimeSpan Elapsed);

/// <summary>
/// A deterministic, synthetic national data set over the real administrative catalog, for load tests and benchmarks
/// (<c>grassroots seed national --scale S --seed N</c>): at scale 1.0 about 30 residential units per current commune
/// (about 100,000), with a leadership over two terms, "2019-2022" (ended) and "2022-2027" (open) — per unit a head,
/// a deputy in about 75 % of units, a party-cell secretary (the head himself in about 40 % — nhất thể hóa) and a
/// Front work committee head: about 4.2 people and 6 tenures per unit — and five years of their training (see
/// <c>NationalData.Training.cs</c>). Every row is marked <c>IsDemo</c> with
/// <see cref="Note"/>. Each commune draws from its own <see cref="Random"/> seeded by the seed and the commune code,
/// so a seed and a scale always give the same data; rows go through <see cref="AppDb.BulkInsertAsync{T}"/> province
/// by province, in one transaction, with one summary audit event.
/// </summary>
/// <remarks>Not generated: stored tenure warnings, national ids, certificates, feedback.</remarks>
public sealed partial class NationalData(AppDb db, TimeProvider time)
{
    public const string InfoKey = "national.seed";
    public const string Note = "Dữ liệu tổng hợp quốc gia (seed national)";
    public const string DecisionNumber = "Dữ liệu tổng hợp";
    public const double UnitsPerCommune = 30;
    public static readonly DateOnly EffectiveDate = CatalogLoader.ReformDate;
    public const string EarlierTerm = "2019-2022";
    public const string CurrentTerm = "2022-2027";

    public async Task<bool> IsLoadedAsync(CancellationToken ct) => await db.CatalogInfo.AnyAsync(x => x.Key == InfoKey, ct);

    /// <param name="progress">Told one line per province, with the time since the start.</param>
    public async Task<NationalSeedResult> SeedAsync(double scale, int seed, Action<string>? progress, CancellationToken ct)
    {
        if (scale is <= 0 or > 10) throw new ArgumentOutOfRangeException(nameof(scale), scale, "The scale is between 0 and 10.");
        if (await IsLoadedAsync(ct)) throw new InvalidOperationException("The national data set is already loaded.");
        var clock = Stopwatch.StartNew();
        var communes = await db.AdminUnits.AsNoTracking().Include(c => c.TypeChanges)
            .Where(c => c.Level == AdminLevel.Commune && c.ValidTo == null)
            .OrderBy(c => c.ProvinceCode).ThenBy(c => c.Code).ToListAsync(ct);
        if (communes.Count == 0) throw new InvalidOperationException("The administrative catalog is not loaded.");
        // Names already taken by units entered before (the demo province, real data) stay free of clashes.
        var taken = (await db.ResidentialUnitPeriods.AsNoTracking().Where(p => p.ValidTo == null)
                .Select(p => new { p.CommuneId, p.NameKey }).ToListAsync(ct))
            .ToLookup(p => p.CommuneId, p => p.NameKey);

        var provinceNames = await db.AdminUnits.AsNoTracking().Where(p => p.Level == AdminLevel.Province && p.ValidTo == null)
            .ToDictionaryAsync(p => p.ProvinceCode, p => p.FullName, ct);
        var catalogue = await db.Programmes.AsNoTracking().Include(p => p.Topics).Where(p => p.ProvinceCode == null)
            .Where(p => p.Title == ProgrammeCatalog.HeadsProgramme || p.Title == ProgrammeCatalog.SecretariesProgramme).ToDictionaryAsync(p => p.Title, ct);
        if (catalogue.Count != 2) throw new InvalidOperationException("The programme catalogue is not loaded.");
        var programmes = new TrainingProgrammes(catalogue[ProgrammeCatalog.HeadsProgramme], catalogue[ProgrammeCatalog.SecretariesProgramme]);
        var now = time.UtcNow();
        var today = time.Today();
        var (units, people, tenures) = (0, 0, 0);
        var training = new NationalTrainingCount();
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            db.AuditRowsDisabled = true; // one summary event instead of a million rows
            var provinces = communes.GroupBy(c => c.ProvinceCode).ToList();
            foreach (var province in provinces)
            {
                var region = new Random(DemoProvince.Seed($"national {seed} {province.Key}"));
                var regionFactor = 0.7 + 0.6 * region.NextDouble(); // mountain provinces have many small thôn, the delta fewer
                var built = new List<(ResidentialUnit Unit, List<Tenure> Tenures)>();
                foreach (var commune in province)
                {
                    var random = new Random(DemoProvince.Seed($"national {seed} {commune.Code}"));
                    var mean = UnitsPerCommune * scale * regionFactor * (0.5 + random.NextDouble());
                    var count = (int)Math.Floor(mean) + (random.NextDouble() < mean - Math.Floor(mean) ? 1 : 0);
                    var builder = new Builder(random, commune, now, today);
                    var used = new HashSet<string>(taken[commune.Id], StringComparer.Ordinal);
                    for (var n = 1; count > 0; n++)
                    {
                        var name = $"{ResidentialUnit.KindName(builder.Kind)} {n}";
                        if (!used.Add(VietnameseText.NameKey(name))) continue;
                        var unit = builder.NewUnit(name);
                        built.Add((unit, builder.Leaders(unit)));
                        count--;
                    }
                }
                await SaveAsync(built, ct);
                var trained = await SaveTrainingAsync(province.Key, provinceNames.GetValueOrDefault(province.Key, province.Key), [.. province], built, programmes, seed, now, today, ct);
                training += trained;
                units += built.Count;
                people += built.Sum(b => b.Tenures.Select(t => t.Person).Distinct().Count());
                tenures += built.Sum(b => b.Tenures.Count);
                progress?.Invoke($"{clock.Elapsed:hh\\:mm\\:ss} {province.Key} {provinceNames.GetValueOrDefault(province.Key)}: {built.Count} thôn, tổ dân phố, " +
                                 $"{trained.Courses} lớp, {trained.Enrolments} lượt học viên, {trained.Attendances} lượt điểm danh (tổng {units} thôn, tổ dân phố)");
            }
            db.Record("seed", nameof(ResidentialUnit), null,
                $"Nạp dữ liệu tổng hợp quốc gia (hệ số {scale.ToString(System.Globalization.CultureInfo.InvariantCulture)}, hạt giống {seed}): " +
                $"{units} thôn, tổ dân phố ở {communes.Count} xã, phường; {people} người giữ {tenures} lượt chức danh; " +
                $"{training.Courses} lớp bồi dưỡng, {training.Enrolments} lượt học viên, {training.Attendances} lượt điểm danh");
            db.CatalogInfo.Add(new CatalogInfo
            {
                Key = InfoKey,
                Value = $"scale={scale.ToString(System.Globalization.CultureInfo.InvariantCulture)}; seed={seed}; {units} thôn, tổ dân phố; {people} người; {tenures} lượt chức danh; " +
                        $"{training.Courses} lớp; {training.Enrolments} lượt học viên; {training.Attendances} lượt điểm danh",
            });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            // Statistics for the planner now, not when autovacuum comes round to millions of new rows.
            if (db.Database.IsNpgsql())
            {
                db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
                await db.Database.ExecuteSqlRawAsync("ANALYZE", ct);
            }
            return new NationalSeedResult(provinces.Count, communes.Count, units, people, tenures, training, clock.Elapsed);
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
            db.AuditRowsDisabled = false;
        }
    }

    /// <summary>Parents before children, each type in one bulk call: events, units, periods, people, tenures.</summary>
    private async Task SaveAsync(List<(ResidentialUnit Unit, List<Tenure> Tenures)> built, CancellationToken ct)
    {
        var periods = built.SelectMany(b => b.Unit.Periods).ToList();
        await db.BulkInsertAsync(periods.Select(p => p.OpenedBy!).ToList(), ct);
        await db.BulkInsertAsync(built.Select(b => b.Unit).ToList(), ct);
        foreach (var period in periods)
        {
            period.UnitId = period.Unit!.Id;
            period.OpenedByEventId = period.OpenedBy!.Id;
        }
        await db.BulkInsertAsync(periods, ct);
        var people = built.SelectMany(b => b.Tenures.Select(t => t.Person!).Distinct()).ToList();
        foreach (var (unit, tenures) in built)
            foreach (var tenure in tenures)
            {
                tenure.UnitId = unit.Id;
                tenure.Person!.ResidenceUnitId = unit.Id;
            }
        await db.BulkInsertAsync(people, ct);
        var all = built.SelectMany(b => b.Tenures).ToList();
        foreach (var tenure in all) tenure.PersonId = tenure.Person!.Id;
        await db.BulkInsertAsync(all, ct);
    }

    /// <summary>The units and leaders of one commune, every choice from the commune's own random sequence.</summary>
    private sealed class Builder(Random random, AdminUnit commune, DateTime now, DateOnly today)
    {
        public UnitKind Kind { get; } = DemoProvince.KindFor(commune.AsOf(EffectiveDate).Type);
        private readonly string _issuer = "UBND " + VietnameseText.LowerFirst(commune.FullName);
        private readonly DateOnly _heads2019 = new(2019, random.Next(3, 12), random.Next(1, 16));
        private readonly DateOnly _heads2022 = new(2022, random.Next(3, 12), random.Next(1, 16));

        public ResidentialUnit NewUnit(string name)
        {
            var (min, max) = Kind == UnitKind.ResidentialGroup ? (150, 600) : (120, 450);
            // The mean of two draws leans towards the middle of the range, as real sizes do.
            var households = (random.Next(min, max + 1) + random.Next(min, max + 1)) / 2;
            var unit = new ResidentialUnit
            {
                ProvinceCode = commune.ProvinceCode, HouseholdCount = households, Population = (int)Math.Round(households * (3.2 + random.NextDouble())),
                CountsAsOf = EffectiveDate, Classification = DemoProvince.Classify(Kind, households), IsDemo = true, CreatedAt = now, UpdatedAt = now,
            };
            var established = new UnitEvent
            {
                Type = UnitEventType.Establish, EffectiveDate = EffectiveDate, ProvinceCode = commune.ProvinceCode, RecordedAt = now,
                DecisionNumber = DecisionNumber, DecisionDate = EffectiveDate, DecisionIssuer = "HĐND " + VietnameseText.LowerFirst(commune.FullName), Note = Note,
            };
            unit.OpenPeriodFrom(EffectiveDate, established, commune, name, Kind, Kind == UnitKind.Village ? "thôn" : "tổ dân phố");
            return unit;
        }

        /// <summary>Heads, deputies, secretaries and Front committee heads of 2019-2022 (ended) and 2022-2027 (open).</summary>
        public List<Tenure> Leaders(ResidentialUnit unit)
        {
            var tenures = new List<Tenure>(7);
            var start = _heads2022.AddDays(random.Next(0, 15));
            var end = start.AddYears(5);
            var earlierStart = _heads2019.AddDays(random.Next(0, 15));
            var earlierEnd = start.AddDays(-1);
            var concurrent = random.NextDouble() < 0.40;

            var head = NewPerson(random.NextDouble() < 0.17 ? Gender.Female : Gender.Male, Age(53, 8, 28, 72), concurrent || random.NextDouble() < 0.45);
            tenures.Add(NewTenure(head, Position.UnitHead, TenureMode.Elected, CurrentTerm, start, end));
            var earlierHead = random.NextDouble() < 0.65 ? head : NewPerson(Gender.Male, Age(60, 7, 35, 75), random.NextDouble() < 0.6);
            tenures.Add(Ended(NewTenure(earlierHead, Position.UnitHead, TenureMode.Elected, EarlierTerm, earlierStart, earlierEnd)));
            if (random.NextDouble() < 0.75)
            {
                var deputy = NewPerson(random.NextDouble() < 0.25 ? Gender.Female : Gender.Male, Age(46, 9, 26, 70), random.NextDouble() < 0.45);
                tenures.Add(NewTenure(deputy, Position.DeputyHead, TenureMode.Recognized, CurrentTerm, start.AddDays(random.Next(7, 31)), end));
            }
            if (random.NextDouble() < 0.25)
            {
                // Often the deputy of the earlier term is the head now.
                var deputy = earlierHead != head && random.NextDouble() < 0.4 ? head
                    : NewPerson(random.NextDouble() < 0.25 ? Gender.Female : Gender.Male, Age(52, 9, 30, 72), random.NextDouble() < 0.45);
                tenures.Add(Ended(NewTenure(deputy, Position.DeputyHead, TenureMode.Recognized, EarlierTerm, earlierStart.AddDays(random.Next(7, 31)), earlierEnd)));
            }

            var secretary = concurrent ? head : NewPerson(random.NextDouble() < 0.12 ? Gender.Female : Gender.Male, Age(57, 8, 32, 75), true);
            tenures.Add(NewTenure(secretary, Position.PartyCellSecretary, TenureMode.Elected, CurrentTerm, start.AddDays(-random.Next(10, 60)), end));
            var earlierSecretary = random.NextDouble() < 0.65 ? secretary : NewPerson(Gender.Male, Age(62, 7, 38, 78), true);
            tenures.Add(Ended(NewTenure(earlierSecretary, Position.PartyCellSecretary, TenureMode.Elected, EarlierTerm, earlierStart.AddDays(-random.Next(10, 60)),
                start.AddDays(-61))));

            var front = NewPerson(random.NextDouble() < 0.30 ? Gender.Female : Gender.Male, Age(58, 8, 35, 76), random.NextDouble() < 0.45);
            tenures.Add(NewTenure(front, Position.FrontCommitteeHead, TenureMode.Elected, CurrentTerm, start.AddDays(random.Next(15, 60)), end));
            return tenures;
        }

        private static Tenure Ended(Tenure tenure)
        {
            tenure.EndDate = tenure.PlannedEndDate;
            tenure.EndReason = EndReason.TermExpired;
            return tenure;
        }

        private Tenure NewTenure(Person person, Position position, TenureMode mode, string term, DateOnly start, DateOnly end) => new()
        {
            Person = person, ProvinceCode = commune.ProvinceCode, CommuneId = commune.Id, Position = position, Mode = mode, TermLabel = term,
            StartDate = start, PlannedEndDate = end, StartDecisionNumber = DecisionNumber, StartDecisionDate = start, StartDecisionIssuer = _issuer,
            Note = Note, CreatedAt = now, UpdatedAt = now,
        };

        /// <summary>A resident of the unit, Kinh and named like most of the country; a Party member joined between 21 and 39, over a year ago.</summary>
        private Person NewPerson(Gender gender, int age, bool partyMember)
        {
            var born = today.AddYears(-age).AddDays(-random.Next(1, 365));
            var person = new Person
            {
                ProvinceCode = commune.ProvinceCode, CommuneId = commune.Id, FullName = "", SearchName = "", SortKey = "", Gender = gender, DateOfBirth = born,
                EthnicityCode = ReferenceLists.Kinh, LivesInUnit = true, IsDemo = true, Note = Note, CreatedAt = now, UpdatedAt = now,
            };
            var male = gender == Gender.Male;
            var middle = random.NextDouble() < 0.5 ? (male ? "Văn" : "Thị") : Pick(male ? DemoLeaders.MaleMiddles : DemoLeaders.FemaleMiddles);
            var given = Pick(male ? DemoLeaders.MaleGiven : DemoLeaders.FemaleGiven);
            person.SetName($"{Pick(DemoLeaders.KinhFamilies)} {middle} {given}");
            // Admitted at 21 or later and at least a year ago (every age drawn is 26 or more).
            var admitted = born.AddYears(21 + random.Next(0, Math.Min(18, age - 22))).AddDays(random.Next(0, 365));
            if (partyMember)
            {
                person.PartyMember = true;
                person.PartyAdmissionDate = admitted;
                person.PartyStatus = PartyStatus.Official;
            }
            return person;
        }

        private int Age(double mean, double sd, int min, int max) => DemoLeaders.DrawAge(random, mean, sd, min, max);

        private string Pick(string[] items) => items[random.Next(items.Length)];
    }
}
