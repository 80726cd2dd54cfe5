using Grassroots.Common;
using Grassroots.Features.Units;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Data.Seed;

public sealed record DemoSeedResult(int Communes, int Units, int People, int Tenures);

public sealed record DemoRemoveResult(int Units, int People, int Tenures);

/// <summary>
/// Synthetic, clearly labelled demo data for province 25 (Phú Thọ): residential units for each of its communes,
/// generated deterministically, with a synthetic leadership (<see cref="DemoLeaders"/>). No real personal data.
/// Removed with <c>grassroots demo remove</c>.
/// </summary>
/// <remarks>
/// Each commune of 2025 is built from the old communes it replaced (the NSO lineage of the catalog), and each
/// old commune brings units named the way its area names them: "Khu 3", "Khu dân cư số 2" in old Phú Thọ,
/// "Thôn Đông", "Thôn Tân Lập" in old Vĩnh Phúc, "Xóm Bưa", "Xóm Mường Khến" in the Mường areas of old Hòa Bình,
/// "Bản Pom Coọng" in Mai Châu. A name that two old communes share is renumbered or takes the old commune's
/// name, as CV 4168/BNV-CQĐP asked. Every random choice comes from a <see cref="Random"/> seeded by the commune
/// code, so the same catalog always gives the same units.
/// </remarks>
public sealed class DemoProvince(AppDb db, TimeProvider time)
{
    public const string ProvinceCode = "25";
    public const string InfoKey = "demo.province";
    public const string Note = "Dữ liệu mẫu (tổng hợp)";
    public const string DecisionNumber = "Dữ liệu mẫu";
    /// <summary>
    /// Units spread over the 148 communes: about what old Phú Thọ reported (2,328 "khu dân cư"). The merged province
    /// (with old Vĩnh Phúc and Hòa Bình) really has more; the demo stays small enough to load in seconds.
    /// </summary>
    public const int TargetUnits = 2300;
    public static readonly DateOnly EffectiveDate = CatalogLoader.ReformDate;
    /// <summary>Demo units that came from an old commune are recorded there from this date, before the reform.</summary>
    public static readonly DateOnly HistoryStart = new(2010, 1, 1);
    public const string ReformNote = Note + "; sắp xếp đơn vị hành chính cấp xã từ 01/07/2025";

    public async Task<bool> IsLoadedAsync(CancellationToken ct) => await db.CatalogInfo.AnyAsync(x => x.Key == InfoKey, ct);

    public async Task<DemoSeedResult> SeedAsync(CancellationToken ct)
    {
        if (await IsLoadedAsync(ct)) throw new InvalidOperationException("The demo province is already loaded.");
        var communes = await db.AdminUnits.AsNoTracking().Include(c => c.TypeChanges)
            .Where(c => c.Level == AdminLevel.Commune && c.ProvinceCode == ProvinceCode && c.ValidTo == null)
            .OrderBy(c => c.Code).ToListAsync(ct);
        if (communes.Count == 0) throw new InvalidOperationException("The administrative catalog is not loaded.");
        var origins = (await db.AdminUnitLineages.AsNoTracking()
                .Where(l => l.Successor!.Level == AdminLevel.Commune && l.Successor.ProvinceCode == ProvinceCode && l.Successor.ValidTo == null)
                .Where(l => l.Predecessor != null && l.Predecessor.Level == AdminLevel.Commune)
                .Select(l => new OldCommune(l.SuccessorId, l.PredecessorId!.Value, l.Predecessor!.Code, l.Predecessor.Name, l.Predecessor.FullName, l.Predecessor.ProvinceCode,
                    l.Predecessor.Parent!.Code, l.PredecessorSplit))
                .ToListAsync(ct))
            .ToLookup(o => o.SuccessorId);
        // Names already taken (units entered before the demo) stay free of clashes.
        var taken = (await db.ResidentialUnitPeriods.AsNoTracking()
                .Where(p => p.ProvinceCode == ProvinceCode && (p.ValidTo == null || p.ValidTo >= EffectiveDate))
                .Select(p => new { p.CommuneId, p.NameKey }).ToListAsync(ct))
            .ToLookup(p => p.CommuneId, p => p.NameKey);

        var plans = communes.Select(c => new CommunePlan(c, [.. origins[c.Id].OrderBy(o => o.Code)])).ToList();
        var counts = Apportion(TargetUnits, [.. plans.Select(p => p.Weight)], minEach: 4);
        var now = time.UtcNow();
        var units = new List<DemoUnit>(TargetUnits + 100);
        for (var i = 0; i < plans.Count; i++)
            units.AddRange(plans[i].Generate(counts[i], taken[plans[i].Commune.Id], now));

        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            db.ResidentialUnits.AddRange(units.Select(u => u.Unit)); // with their periods and establishment events
            db.AuditRowsDisabled = true; // one summary event instead of thousands of rows
            await db.SaveChangesAsync(ct); // the units' keys, which the leaders' records point to
            db.ChangeTracker.Clear();

            var leaders = await new DemoLeaders(db).SaveAsync(units, time.Today(), now, ct);
            var training = await new DemoTraining(db).SaveAsync(time.Today(), now, ct);
            db.Record("seed", nameof(ResidentialUnit), null, $"Nạp dữ liệu mẫu: {units.Count} thôn, tổ dân phố ở {communes.Count} xã, phường của tỉnh Phú Thọ", ProvinceCode);
            db.Record("seed", nameof(Features.People.Person), null,
                $"Nạp dữ liệu mẫu: {leaders.People} người giữ chức danh, {leaders.Tenures} lượt giữ chức danh ở các thôn, tổ dân phố mẫu của tỉnh Phú Thọ", ProvinceCode);
            db.Record("seed", nameof(Features.Training.Course), null,
                $"Nạp dữ liệu mẫu: {training.Courses} lớp bồi dưỡng với {training.Enrolments} lượt học viên và {training.Certificates} giấy chứng nhận", ProvinceCode);
            db.CatalogInfo.Add(new CatalogInfo
            {
                Key = InfoKey,
                Value = $"Tỉnh Phú Thọ ({ProvinceCode}): {units.Count} thôn, tổ dân phố mẫu ở {communes.Count} xã, phường; {leaders.People} người giữ chức danh",
            });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return new DemoSeedResult(communes.Count, units.Count, leaders.People, leaders.Tenures);
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
            db.AuditRowsDisabled = false;
        }
    }

    /// <summary>
    /// Deletes the demo courses and plans with everything under them, and every enrolment of a demo person in a real
    /// course (with its attendance and certificate); returns how many courses went.
    /// </summary>
    private async Task<int> RemoveTrainingAsync(CancellationToken ct)
    {
        var enrolments = db.Enrolments.Where(e => e.Course!.IsDemo || e.Person!.IsDemo);
        await db.FeedbackAnswers.Where(a => db.Courses.Any(c => c.Id == a.CourseId && c.IsDemo)).ExecuteDeleteAsync(ct);
        await db.FeedbackReceipts.Where(r => enrolments.Any(e => e.Id == r.EnrolmentId)).ExecuteDeleteAsync(ct);
        await db.Certificates.Where(c => enrolments.Any(e => e.Id == c.EnrolmentId)).ExecuteDeleteAsync(ct);
        await db.Attendances.Where(a => enrolments.Any(e => e.Id == a.EnrolmentId)).ExecuteDeleteAsync(ct);
        await enrolments.ExecuteDeleteAsync(ct);
        await db.TargetGroups.Where(g => db.Courses.Any(c => c.Id == g.CourseId && c.IsDemo)).ExecuteDeleteAsync(ct);
        await db.CourseSessions.Where(s => s.Course!.IsDemo).ExecuteDeleteAsync(ct);
        await db.CourseClasses.Where(k => db.Courses.Any(c => c.Id == k.CourseId && c.IsDemo)).ExecuteDeleteAsync(ct);
        var courses = await db.Courses.Where(c => c.IsDemo).ExecuteDeleteAsync(ct);
        await db.TrainingPlans.Where(p => p.IsDemo && !db.Courses.Any(c => c.PlanId == p.Id)).ExecuteDeleteAsync(ct);
        return courses;
    }

    /// <summary>
    /// Deletes every demo unit with its periods, its lineage and the events that concern demo units only; every demo
    /// person; and every tenure (with its warnings) held in a demo unit or by a demo person. A real person registered
    /// in a demo unit stays, without that residence.
    /// </summary>
    public async Task<DemoRemoveResult> RemoveAsync(CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Training first (it points to people), then leaders (tenures and people point to the units).
        var courses = await RemoveTrainingAsync(ct);
        var doomed = db.Tenures.Where(t => t.Unit!.IsDemo || t.Person!.IsDemo);
        await db.Tenures.Where(t => t.CarriedFromId != null && doomed.Any(d => d.Id == t.CarriedFromId))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.CarriedFromId, (int?)null), ct);
        await db.TenureWarnings.Where(w => doomed.Any(d => d.Id == w.TenureId)).ExecuteDeleteAsync(ct);
        var tenures = await doomed.ExecuteDeleteAsync(ct);
        var now = time.UtcNow();
        var movedOut = await db.People.Where(p => !p.IsDemo && p.ResidenceUnit!.IsDemo).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.ResidenceUnitId, (int?)null).SetProperty(p => p.LivesInUnit, false)
            .SetProperty(p => p.Version, p => p.Version + 1).SetProperty(p => p.UpdatedAt, now), ct);
        var people = await db.People.Where(p => p.IsDemo).ExecuteDeleteAsync(ct);

        // An event that also opened or closed a period of a real unit, or links a real unit, stays.
        var demoOnlyEvents = await db.UnitEvents
            .Where(e => db.ResidentialUnitPeriods.Any(p => p.Unit!.IsDemo && (p.OpenedByEventId == e.Id || p.ClosedByEventId == e.Id))
                        || db.UnitLineages.Any(l => l.EventId == e.Id && (l.Predecessor!.IsDemo || l.Successor!.IsDemo)))
            .Where(e => !db.ResidentialUnitPeriods.Any(p => !p.Unit!.IsDemo && (p.OpenedByEventId == e.Id || p.ClosedByEventId == e.Id))
                        && !db.UnitLineages.Any(l => l.EventId == e.Id && !(l.Predecessor!.IsDemo && l.Successor!.IsDemo)))
            .Select(e => e.Id).ToListAsync(ct);
        await db.UnitLineages.Where(l => l.Predecessor!.IsDemo || l.Successor!.IsDemo).ExecuteDeleteAsync(ct);
        await db.ResidentialUnitPeriods.Where(p => p.Unit!.IsDemo).ExecuteDeleteAsync(ct);
        var removed = await db.ResidentialUnits.Where(u => u.IsDemo).ExecuteDeleteAsync(ct);
        foreach (var chunk in demoOnlyEvents.Chunk(1000))
            await db.UnitEvents.Where(e => chunk.Contains(e.Id)).ExecuteDeleteAsync(ct);
        await db.CatalogInfo.Where(x => x.Key == InfoKey || x.Key == NationalData.InfoKey).ExecuteDeleteAsync(ct);
        // Bulk deletes bypass SaveChanges (and so the per-row audit): record the removal itself.
        db.Record("demo_remove", nameof(ResidentialUnit), null,
            $"Xóa dữ liệu mẫu: {removed} thôn, tổ dân phố, {people} người, {tenures} lượt giữ chức danh và {courses} lớp bồi dưỡng" +
            (movedOut > 0 ? $"; bỏ nơi thường trú ở thôn, tổ dân phố mẫu của {movedOut} người không thuộc dữ liệu mẫu" : ""), ProvinceCode);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new DemoRemoveResult(removed, people, tenures);
    }

    internal static UnitKind KindFor(AdminUnitType communeType) => communeType == AdminUnitType.Ward ? UnitKind.ResidentialGroup : UnitKind.Village;

    /// <summary>Loại 1/2/3 by households, on thresholds like those R-UNIT-07 quotes for midland and mountain areas.</summary>
    internal static UnitClass Classify(UnitKind kind, int households) => kind == UnitKind.Village
        ? households >= 350 ? UnitClass.Class1 : households >= 200 ? UnitClass.Class2 : UnitClass.Class3
        : households >= 450 ? UnitClass.Class1 : households >= 300 ? UnitClass.Class2 : UnitClass.Class3;

    /// <summary>Splits <paramref name="total"/> in proportion to the weights (largest remainder), at least <paramref name="minEach"/> each.</summary>
    internal static int[] Apportion(int total, IReadOnlyList<double> weights, int minEach)
    {
        var sum = weights.Sum();
        var exact = weights.Select(w => total * w / sum).ToArray();
        var counts = exact.Select(x => (int)Math.Floor(x)).ToArray();
        var byRemainder = Enumerable.Range(0, weights.Count).OrderByDescending(i => exact[i] - counts[i]).ThenBy(i => i).ToList();
        var left = total - counts.Sum();
        for (var k = 0; k < left; k++) counts[byRemainder[k % byRemainder.Count]]++;
        return [.. counts.Select(c => Math.Max(c, minEach))];
    }

    private sealed record OldCommune(int SuccessorId, int Id, string Code, string Name, string FullName, string ProvinceCode, string DistrictCode, bool Split);

    /// <summary>How units are named in one old commune: a numbered or a named pattern, and the local label.</summary>
    private enum Style { KhuNumber, KhuDanCuNumber, ThonNumber, ToDanPhoNumber, KhuName, ThonName, XomName, BanName, BanThaiName, ToDanPhoName }

    private sealed class CommunePlan
    {
        private readonly Random _random;
        private readonly UnitKind _kind;
        private readonly IReadOnlyList<OldCommune> _origins;

        public CommunePlan(AdminUnit commune, IReadOnlyList<OldCommune> origins)
        {
            Commune = commune;
            _random = new Random(Seed(commune.Code));
            _kind = KindFor(commune.AsOf(EffectiveDate).Type);
            _origins = origins.Count > 0 ? origins : [new OldCommune(commune.Id, commune.Id, commune.Code, commune.Name, commune.FullName, ProvinceCode, "", false)];
            // More old communes, more units; old Hòa Bình has many small xóm, old Vĩnh Phúc fewer, larger thôn.
            var size = _origins.Sum(o => o.Split ? 0.5 : 1.0) * (0.75 + 0.5 * _random.NextDouble());
            var origin = _origins[0].ProvinceCode switch { "17" => 1.1, "26" => 0.85, _ => 1.0 };
            Weight = size * origin * (_kind == UnitKind.ResidentialGroup ? 1.4 : 1.0);
        }

        public AdminUnit Commune { get; }
        public double Weight { get; }

        public IEnumerable<DemoUnit> Generate(int count, IEnumerable<string> taken, DateTime now)
        {
            var used = new HashSet<string>(taken, StringComparer.Ordinal);
            var perOrigin = Apportion(count, [.. _origins.Select(o => o.Split ? 0.5 : 1.0)], minEach: 0);
            var numbers = new Dictionary<Style, int>();
            for (var g = 0; g < _origins.Count; g++)
            {
                var origin = _origins[g];
                var (main, other) = StylesFor(origin);
                // A number already used by an earlier old commune: carry on counting, or keep it and add the old name.
                var continueNumbering = _random.Next(2) == 0;
                var localNumbers = new Dictionary<Style, int>();
                for (var k = 0; k < perOrigin[g]; k++)
                {
                    var style = _random.NextDouble() < 0.85 ? main : other;
                    var (name, label) = Name(style, origin, numbers, localNumbers, continueNumbering, used);
                    used.Add(VietnameseText.NameKey(name));
                    yield return new DemoUnit(NewUnit(name, label, now, origin), Commune, origin.FullName, origin.ProvinceCode, origin.DistrictCode);
                }
            }
        }

        private (Style Main, Style Other) StylesFor(OldCommune origin)
        {
            var roll = _random.NextDouble();
            if (_kind == UnitKind.ResidentialGroup)
                return origin.ProvinceCode == "25" && roll < 0.4 ? (Style.KhuNumber, Style.KhuName)
                    : roll < 0.7 ? (Style.ToDanPhoNumber, Style.ToDanPhoName) : (Style.ToDanPhoName, Style.ToDanPhoNumber);
            return (origin.ProvinceCode, origin.DistrictCode) switch
            {
                ("17", "156") => (Style.BanThaiName, Style.BanName),                                  // Mai Châu
                ("17", "150") => roll < 0.5 ? (Style.XomName, Style.BanThaiName) : (Style.BanThaiName, Style.XomName), // Đà Bắc
                ("17", "158" or "159") => roll < 0.6 ? (Style.XomName, Style.ThonName) : (Style.ThonName, Style.XomName), // Yên Thủy, Lạc Thủy
                ("17", _) => roll < 0.85 ? (Style.XomName, Style.BanName) : (Style.BanName, Style.XomName),
                ("26", _) => roll < 0.85 ? (Style.ThonName, Style.ThonNumber) : (Style.ThonNumber, Style.ThonName),
                (_, "234" or "238" or "240") => roll < 0.5 ? (Style.XomName, Style.KhuNumber) : (Style.KhuNumber, Style.XomName), // Yên Lập, Thanh Sơn, Tân Sơn
                _ => roll switch
                {
                    < 0.55 => (Style.KhuNumber, Style.KhuName),
                    < 0.75 => (Style.KhuDanCuNumber, Style.KhuName),
                    < 0.9 => (Style.KhuName, Style.KhuNumber),
                    _ => (Style.ThonName, Style.KhuName),
                },
            };
        }

        private (string Name, string Label) Name(Style style, OldCommune origin, Dictionary<Style, int> numbers,
            Dictionary<Style, int> localNumbers, bool continueNumbering, HashSet<string> used)
        {
            var label = style switch
            {
                Style.KhuNumber or Style.KhuName => "khu",
                Style.KhuDanCuNumber => "khu dân cư",
                Style.ThonNumber or Style.ThonName => "thôn",
                Style.ToDanPhoNumber or Style.ToDanPhoName => "tổ dân phố",
                Style.XomName => "xóm",
                _ => "bản",
            };
            if (style is Style.KhuNumber or Style.KhuDanCuNumber or Style.ThonNumber or Style.ToDanPhoNumber)
            {
                var prefix = style switch
                {
                    Style.KhuNumber => "Khu ",
                    Style.KhuDanCuNumber => "Khu dân cư số ",
                    Style.ThonNumber => "Thôn ",
                    _ => "Tổ dân phố số ",
                };
                if (continueNumbering)
                {
                    var next = numbers.GetValueOrDefault(style);
                    do next++; while (used.Contains(VietnameseText.NameKey(prefix + next)));
                    numbers[style] = next;
                    return (prefix + next, label);
                }
                var n = localNumbers.GetValueOrDefault(style) + 1;
                localNumbers[style] = n;
                numbers[style] = Math.Max(numbers.GetValueOrDefault(style), n);
                var plain = prefix + n;
                return (used.Contains(VietnameseText.NameKey(plain)) ? Unique($"{plain} {origin.Name}", used) : plain, label);
            }
            var start = label switch { "khu" => "Khu ", "thôn" => "Thôn ", "tổ dân phố" => "Tổ dân phố ", "xóm" => "Xóm ", _ => "Bản " };
            var candidate = start + Word(style);
            for (var attempt = 0; attempt < 12 && used.Contains(VietnameseText.NameKey(candidate)); attempt++)
                candidate = start + Word(style);
            return (used.Contains(VietnameseText.NameKey(candidate)) ? Unique($"{candidate} {origin.Name}", used) : candidate, label);
        }

        private string Word(Style style) => style switch
        {
            Style.ThonName when _random.NextDouble() < 0.25 => Pick(ShortNames),
            Style.KhuName or Style.ToDanPhoName or Style.ThonName => Pick(SinoNames),
            Style.XomName or Style.BanName => _random.NextDouble() < 0.45 ? Pick(MuongWords) : Compose(MuongFirst, MuongWords),
            _ => _random.NextDouble() < 0.3 ? Pick(ThaiWords) : Compose(ThaiFirst, ThaiWords),
        };

        private string Compose(string[] first, string[] second)
        {
            var a = Pick(first);
            var b = Pick(second);
            while (b == a) b = Pick(second);
            return $"{a} {b}";
        }

        private static string Unique(string name, HashSet<string> used)
        {
            var candidate = name;
            for (var i = 2; used.Contains(VietnameseText.NameKey(candidate)); i++) candidate = $"{name} {i}";
            return candidate;
        }

        private ResidentialUnit NewUnit(string name, string label, DateTime now, OldCommune origin)
        {
            var (min, max) = _kind == UnitKind.ResidentialGroup ? (150, 600) : _origins[0].ProvinceCode switch
            {
                "17" => (120, 330),
                "26" => (200, 450),
                _ => (150, 420),
            };
            // The mean of two draws leans towards the middle of the range, as real sizes do.
            var households = (_random.Next(min, max + 1) + _random.Next(min, max + 1)) / 2;
            var population = (int)Math.Round(households * (3.2 + _random.NextDouble()));
            var unit = new ResidentialUnit
            {
                ProvinceCode = Commune.ProvinceCode, HouseholdCount = households, Population = population, CountsAsOf = EffectiveDate,
                Classification = Classify(_kind, households), IsDemo = true, CreatedAt = now, UpdatedAt = now,
            };
            if (origin.Id == Commune.Id)
            {
                unit.OpenPeriodFrom(EffectiveDate, Event(UnitEventType.Establish, EffectiveDate, Commune.FullName, Note, Commune.ProvinceCode, now), Commune, name, _kind, label);
                return unit;
            }
            // The unit existed before the 2025 reform in its old commune (so its leaders' earlier terms have a unit to
            // belong to), and moved to the new commune when the old one was merged.
            var old = new AdminUnit { Id = origin.Id, Code = origin.Code, Name = origin.Name, FullName = origin.FullName, SearchName = "", ProvinceCode = origin.ProvinceCode, Path = "" };
            unit.OpenPeriodFrom(HistoryStart, Event(UnitEventType.Establish, HistoryStart, origin.FullName, Note, origin.ProvinceCode, now), old, name, _kind, label);
            var move = Event(UnitEventType.Move, EffectiveDate, Commune.FullName, ReformNote, Commune.ProvinceCode, now);
            unit.CloseOpenPeriod(EffectiveDate, move);
            unit.OpenPeriodFrom(EffectiveDate, move, Commune, name, _kind, label);
            return unit;
        }

        private static UnitEvent Event(UnitEventType type, DateOnly date, string communeFullName, string note, string provinceCode, DateTime now) => new()
        {
            Type = type, EffectiveDate = date, ProvinceCode = provinceCode, RecordedAt = now, DecisionNumber = DecisionNumber, DecisionDate = date,
            DecisionIssuer = "HĐND " + VietnameseText.LowerFirst(communeFullName), Note = note,
        };

        private string Pick(string[] words) => words[_random.Next(words.Length)];
    }

    /// <summary>A stable seed from a text such as a commune code (string.GetHashCode differs between runs).</summary>
    internal static int Seed(string code)
    {
        var hash = 2166136261u;
        foreach (var ch in code) hash = (hash ^ ch) * 16777619u;
        return (int)(hash & 0x7fffffff);
    }

    // Common Sino-Vietnamese village names of the northern midlands and the Red River delta.
    private static readonly string[] SinoNames =
    [
        "Tân Lập", "Hợp Nhất", "Đồng Xuân", "Đồng Tâm", "Tân Tiến", "Quyết Tiến", "Quyết Thắng", "Thống Nhất", "Đoàn Kết",
        "Tiền Phong", "Thành Công", "Tân Phong", "Xuân Thành", "Phú Thịnh", "Trung Tâm", "Minh Tân", "An Thịnh", "Tân Hưng",
        "Yên Thịnh", "Phúc Lộc", "Đồng Lạc", "Ngọc Lâm", "Đông Thịnh", "Tây Sơn", "Bắc Sơn", "Nam Sơn", "Đông Sơn",
        "Tân Thành", "Tân Xuân", "Tân An", "Tân Phú", "Tân Hòa", "Tân Minh", "Tân Long", "Tân Thịnh", "Phú Lợi", "Phú Cường",
        "Phú Hưng", "Phú Xuân", "Phú Lâm", "Xuân Mai", "Xuân Lộc", "Xuân Sơn", "Xuân Quang", "Hòa Lạc", "Hòa Thịnh",
        "Hòa Phong", "An Lạc", "An Phú", "An Khang", "An Hòa", "Minh Khai", "Minh Đức", "Minh Quang", "Yên Bình", "Yên Thượng",
        "Phúc Thịnh", "Phúc Lâm", "Phúc An", "Vĩnh Thịnh", "Vĩnh Lộc", "Thanh Xuân", "Thanh Lâm", "Thanh Bình", "Thanh Hà",
        "Ngọc Đồng", "Ngọc Bảo", "Kim Đức", "Hưng Thịnh", "Hưng Long", "Thái Hòa", "Bình Minh", "Bình An", "Đại Đồng",
        "Đồng Tiến", "Đồng Phú", "Đồng Thịnh", "Đồng Lực", "Văn Quán", "Hương Lâm", "Cẩm Vân", "Liên Phương", "Lạc Trung",
        "Quang Minh", "Quang Trung", "Trung Kiên", "Thịnh Đức", "Long Sơn", "Hồng Phong", "Hồng Châu", "Kiên Cường",
        "Thắng Lợi", "Hạnh Phúc", "Gò Chè", "Gò Cao", "Đồng Bãi", "Đồng Chằm", "Đồng Gạo", "Bãi Sa", "Làng Mới",
        "Làng Trên", "Làng Dưới", "Cầu Gỗ", "Cây Đa", "Bến Đò", "Chợ Cũ", "Đình Trung", "Chùa Hạ", "Núi Tiên", "Sơn Hà",
        "Sơn Thủy", "Lũng Hòa", "Vân Hội", "Hạ Giáp", "Thượng Giáp", "Dục Mỹ", "Tam Phúc", "Đồng Lão", "Phố Mới", "Gia Lộc",
    ];

    // One-word thôn names of the delta: Thôn Đông, Thôn Đoài, Thôn Trong, Thôn Ngoài …
    private static readonly string[] ShortNames =
        ["Đông", "Đoài", "Nam", "Bắc", "Trong", "Ngoài", "Thượng", "Hạ", "Giữa", "Trại", "Mới", "Chùa", "Đình", "Chợ", "Bến", "Gò", "Cầu", "Dộc", "Lẻ", "Trung"];

    // Mường place words (xóm names of Kim Bôi, Lạc Sơn, Tân Lạc, Cao Phong, Thanh Sơn, Tân Sơn …).
    private static readonly string[] MuongWords =
    [
        "Bưa", "Chiềng", "Mớ", "Rộc", "Khụ", "Lũy", "Trào", "Vó", "Mòn", "Đồi", "Bái", "Thung", "Ải", "Bằng", "Cọi", "Chạo",
        "Khả", "Mu", "Nà", "Nhội", "Ong", "Pheo", "Quê", "Sáng", "Tầm", "Trại", "Mít", "Vâng", "Đúng", "Bui", "Mới", "Ráy",
        "Dụ", "Dài", "Bơi", "Trên", "Dưới", "Đảy", "Lạt", "Khang", "Sống", "Mỏ", "Đầm", "Rổng", "Vôi", "Chuông", "Cốc",
        "Giếng", "Khến", "Cộng", "Bầu", "Sấu", "Vàng", "Bon", "Lươn", "Thàng", "Bông", "Tre", "Riệc", "Nhõi", "Mạ", "Sưng",
        "Khoang", "Hào", "Sào", "Chanh", "Cái", "Sạng", "Ve",
    ];

    private static readonly string[] MuongFirst =
        ["Mường", "Chiềng", "Bãi", "Đồng", "Suối", "Rộc", "Lũng", "Nà", "Bưa", "Thung", "Mó", "Dọi", "Vó", "Cốc", "Khả", "Trám", "Đồi", "Gò"];

    // Thái place words (bản names of Mai Châu and Đà Bắc).
    private static readonly string[] ThaiWords =
    [
        "Phòn", "Bin", "Coọng", "Sại", "Khòm", "Lác", "Luông", "Mét", "Chăm", "Ban", "Vặn", "Hiềng", "Lằn", "Nhót", "Cang",
        "Pục", "Xa", "Sánh", "Tà", "Noong", "Lốc", "Hày", "Kia", "Pà", "Văn", "Đắng", "Cha", "Sài", "Tiến", "Chiềng", "Mỏ", "Tòng",
    ];

    private static readonly string[] ThaiFirst =
        ["Nà", "Pù", "Pom", "Hang", "Huổi", "Chiềng", "Piềng", "Bó", "Xăm", "Búng", "Tông", "Poọng", "Co", "Mường", "Na", "Kha"];
}
