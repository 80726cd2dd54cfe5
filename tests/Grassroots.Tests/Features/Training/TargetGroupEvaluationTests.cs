using Grassroots.Common;
using Grassroots.Features.Accounts;
using Grassroots.Features.People;
using Grassroots.Features.Training;
using Grassroots.Features.Training.Targeting;
using Grassroots.Features.Units;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Tests.Features.Training;

/// <summary>
/// Target group rules evaluated on the database: each leaf, and/or, as of a date, within the course's place and the
/// user's scope; the seed cases counted exactly against records made here.
/// </summary>
public sealed class TargetGroupEvaluationTests
{
    private static readonly FixedClock Clock = TrainingScope.Clock;

    [Fact]
    public async Task Heads_not_in_the_party_and_under_60_are_counted_exactly()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = TrainingScope.NewDb(database);
        async Task<ResidentialUnit> Unit(string name, string commune = UnitBuilder.Xa, UnitKind kind = UnitKind.Village) =>
            await UnitBuilder.EstablishAsync(db, Clock, name, commune, kind);
        await LeaderBuilder.AppointAsync(db, Clock, await Unit("Thôn Bản Khanh"), "Nguyễn Văn An", born: new(1980, 5, 1));                    // 46
        await LeaderBuilder.AppointAsync(db, Clock, await Unit("Thôn Bản Tát"), "Lê Thị Bình", born: new(1966, 12, 2));                       // 59 until 02/12/2026
        await LeaderBuilder.AppointAsync(db, Clock, await Unit("Thôn Bản Chanh"), "Trần Văn Cường", born: new(1966, 12, 1));                  // 60 that day
        await LeaderBuilder.AppointAsync(db, Clock, await Unit("Thôn Bản Dướng"), "Phạm Văn Dũng", born: new(1985, 3, 3), partyMember: true); // Party member
        var deputies = await Unit("Thôn Bản Mỹ");
        await LeaderBuilder.AppointAsync(db, Clock, deputies, "Hoàng Thị Em", Position.DeputyHead, mode: TenureMode.Recognized, born: new(1990, 1, 1)); // deputy
        var succession = await Unit("Thôn Bản Sưng");
        await LeaderBuilder.AppointAsync(db, Clock, succession, "Đỗ Văn Phúc", born: new(1975, 1, 1), until: new(2026, 6, 30));             // ended before
        await LeaderBuilder.AppointAsync(db, Clock, succession, "Bùi Văn Giang", from: new(2026, 7, 1), born: new(1970, 1, 1));             // his successor
        await LeaderBuilder.AppointAsync(db, Clock, await Unit("Thôn Suối Hoa", UnitBuilder.OtherXa), "Vũ Văn Hải", born: new(1990, 2, 2)); // other commune, same province
        await LeaderBuilder.AppointAsync(db, Clock, await Unit("Tổ dân phố số 9", UnitBuilder.Phuong, UnitKind.ResidentialGroup), "Đinh Văn Ích",
            born: new(1990, 1, 1));                                                                                                             // Hà Nội: outside the course

        var preset = TargetPresets.Find("truong-thon-chua-dang-vien-duoi-60")!;
        var match = await TrainingScope.MatchAsync(db, preset.Rule);

        Assert.Equal(4, match.Count);
        Assert.Equal(["Nguyễn Văn An", "Lê Thị Bình", "Bùi Văn Giang", "Vũ Văn Hải"], match.Items.Select(i => i.FullName));
        Assert.All(match.Items, i => Assert.Equal(Position.UnitHead, i.Position));
        Assert.Equal((59, "Trưởng thôn", "Thôn Bản Tát", "04831", "Xã Đà Bắc"),
            match.Items[1] is var b ? (b.Age!.Value, b.PositionName, b.UnitName, b.CommuneCode, b.CommuneName) : default);
        // Party membership and age are reportable the other way round too (the Hương Khê figures: 673 not in the Party, 418 of them under 60).
        Assert.Equal(5, (await TrainingScope.MatchAsync(db, new TargetRule { Positions = ["UnitHead"], PartyMember = false })).Count);
    }

    [Fact]
    public async Task Party_cell_secretaries_who_are_also_heads_are_matched()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = TrainingScope.NewDb(database);
        var first = await UnitBuilder.EstablishAsync(db, Clock, "Thôn Đồng Xuân", UnitBuilder.Xa);
        var an = await LeaderBuilder.AppointAsync(db, Clock, first, "Hà Văn An", partyMember: true);
        await LeaderBuilder.AppointAsync(db, Clock, first, an.PersonId, Position.PartyCellSecretary, mode: TenureMode.Concurrent);
        var second = await UnitBuilder.EstablishAsync(db, Clock, "Thôn Đồng Tâm", UnitBuilder.Xa);
        await LeaderBuilder.AppointAsync(db, Clock, second, "Đinh Văn Cường");
        await LeaderBuilder.AppointAsync(db, Clock, second, "Bùi Văn Dũng", Position.PartyCellSecretary, partyMember: true);
        var third = await UnitBuilder.EstablishAsync(db, Clock, "Thôn Đồng Bến", UnitBuilder.OtherXa);
        var minh = await LeaderBuilder.AppointAsync(db, Clock, third, "Phan Văn Minh", Position.PartyCellSecretary, partyMember: true);
        await LeaderBuilder.AppointAsync(db, Clock, third, minh.PersonId, Position.UnitHead, until: new DateOnly(2026, 5, 31));
        await LeaderBuilder.AppointAsync(db, Clock, third, "Hồ Văn Phong", from: new DateOnly(2026, 6, 1));

        var preset = TargetPresets.Find("bi-thu-kiem-truong-thon")!;
        var match = await TrainingScope.MatchAsync(db, preset.Rule);

        var row = Assert.Single(match.Items);
        Assert.Equal(("Hà Văn An", Position.PartyCellSecretary, "Thôn Đồng Xuân"), (row.FullName, row.Position, row.UnitName));
        Assert.Empty(row.OtherPositions);
        // As of a day when Phan Văn Minh was still head as well, he is matched too.
        Assert.Equal(["Hà Văn An", "Phan Văn Minh"], await TrainingScope.NamesAsync(db, preset.Rule, new DateOnly(2026, 5, 1)));
    }

    [Fact]
    public async Task Each_condition_and_their_and_or_combinations_match_what_they_say()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = TrainingScope.NewDb(database);
        var a = await UnitBuilder.EstablishAsync(db, Clock, "Thôn A Lù", UnitBuilder.Xa);
        var b = await UnitBuilder.EstablishAsync(db, Clock, "Thôn Bản Bó", UnitBuilder.Xa);
        var c = await UnitBuilder.EstablishAsync(db, Clock, "Thôn Cò Nòi", UnitBuilder.OtherXa);
        var group = await UnitBuilder.EstablishAsync(db, Clock, "Tổ dân phố Tân Thịnh", TrainingScope.Ward, UnitKind.ResidentialGroup);
        var an = await LeaderBuilder.AppointAsync(db, Clock, a, "Hà Văn An", born: new(1970, 1, 1), partyMember: true);
        await LeaderBuilder.AppointAsync(db, Clock, a, an.PersonId, Position.PartyCellSecretary, mode: TenureMode.Concurrent);
        await LeaderBuilder.AppointAsync(db, Clock, a, "Lò Thị Bích", Position.DeputyHead, mode: TenureMode.Recognized, born: new(1995, 1, 1), ethnicity: "03");
        await LeaderBuilder.AppointAsync(db, Clock, b, "Đinh Văn Cường", mode: TenureMode.Acting, term: null, born: new(1960, 1, 1), ethnicity: "06");
        await LeaderBuilder.AppointAsync(db, Clock, b, "Bùi Văn Dũng", Position.PartyCellSecretary, born: new(1975, 1, 1), partyMember: true);
        await LeaderBuilder.AppointAsync(db, Clock, group, "Nguyễn Thị Hoa", term: "2025-2030", born: new(1985, 1, 1));
        await LeaderBuilder.AppointAsync(db, Clock, group, "Trần Văn Khoa", Position.DeputyHead, mode: TenureMode.Recognized, term: "2025-2030", born: new(1990, 1, 1));
        var long_ = await LeaderBuilder.AppointAsync(db, Clock, c, "Lê Văn Long", born: new(1980, 1, 1), partyMember: true);
        // Trained: Long in a course of the heads' programme that ended in 2025; Hoa in one that ended before the cut-off.
        var programme = await TrainingBuilder.ProgrammeAsync(db);
        var recent = await TrainingBuilder.CourseAsync(db, Clock, "Lớp 2025", start: new(2025, 9, 29), end: new(2025, 10, 1), status: CourseStatus.Finished);
        var old = await TrainingBuilder.CourseAsync(db, Clock, "Lớp 2024", start: new(2024, 9, 29), end: new(2024, 10, 1), status: CourseStatus.Finished);
        var hoa = await db.Tenures.SingleAsync(t => t.Person!.FullName == "Nguyễn Thị Hoa");
        foreach (var (course, tenure) in new[] { (recent, long_), (old, hoa) })
        {
            var e = await TrainingBuilder.EnrolAsync(db, Clock, course, tenure);
            e.Result = TrainingResult.Completed;
            await db.SaveChangesAsync();
        }

        async Task Expect(TargetRule rule, params string[] names) => Assert.Equal(names.Order(), (await TrainingScope.NamesAsync(db, rule)).Order());
        string[] everyone = ["Hà Văn An", "Lò Thị Bích", "Đinh Văn Cường", "Bùi Văn Dũng", "Nguyễn Thị Hoa", "Trần Văn Khoa", "Lê Văn Long"];
        await Expect(new TargetRule { Positions = ["DeputyHead"] }, "Lò Thị Bích", "Trần Văn Khoa");
        await Expect(new TargetRule { Modes = ["Acting"] }, "Đinh Văn Cường");
        await Expect(new TargetRule { PartyMember = true }, "Hà Văn An", "Bùi Văn Dũng", "Lê Văn Long");
        await Expect(new TargetRule { AgeAtLeast = 60 }, "Đinh Văn Cường");
        await Expect(new TargetRule { AgeUnder = 35 }, "Lò Thị Bích");
        await Expect(new TargetRule { Gender = "Female" }, "Lò Thị Bích", "Nguyễn Thị Hoa");
        await Expect(new TargetRule { Ethnicities = ["06"] }, "Đinh Văn Cường");
        await Expect(new TargetRule { Minorities = true }, "Lò Thị Bích", "Đinh Văn Cường");
        await Expect(new TargetRule { Minorities = false }, "Hà Văn An", "Bùi Văn Dũng", "Nguyễn Thị Hoa", "Trần Văn Khoa", "Lê Văn Long");
        await Expect(new TargetRule { UnitKinds = ["ResidentialGroup"] }, "Nguyễn Thị Hoa", "Trần Văn Khoa");
        await Expect(new TargetRule { Provinces = ["25"] }, everyone);
        await Expect(new TargetRule { Communes = [UnitBuilder.OtherXa, TrainingScope.Ward] }, "Nguyễn Thị Hoa", "Trần Văn Khoa", "Lê Văn Long");
        await Expect(new TargetRule { Units = [b.Id] }, "Đinh Văn Cường", "Bùi Văn Dũng");
        await Expect(new TargetRule { Terms = ["2025-2030"] }, "Nguyễn Thị Hoa", "Trần Văn Khoa");
        await Expect(new TargetRule { Concurrent = true }, "Hà Văn An");
        await Expect(new TargetRule { Concurrent = false }, [.. everyone.Except(["Hà Văn An"])]);
        await Expect(new TargetRule { Positions = ["PartyCellSecretary"], ConcurrentWith = ["UnitHead"] }, "Hà Văn An");
        await Expect(new TargetRule { NotCompletedProgramme = new(programme.Id, new DateOnly(2025, 1, 1)) }, [.. everyone.Except(["Lê Văn Long"])]);
        await Expect(new TargetRule { Any = [new() { Positions = ["DeputyHead"] }, new() { Modes = ["Acting"] }] }, "Lò Thị Bích", "Trần Văn Khoa", "Đinh Văn Cường");
        await Expect(new TargetRule { All = [new() { Gender = "Female" }, new() { UnitKinds = ["Village"] }] }, "Lò Thị Bích");
        await Expect(new TargetRule
        {
            All = [new() { PartyMember = true }, new() { Any = [new() { Communes = [UnitBuilder.OtherXa] }, new() { Positions = ["PartyCellSecretary"] }] }],
        }, "Hà Văn An", "Bùi Văn Dũng", "Lê Văn Long");

        // A person matching several posts is listed once, for the highest-ranked one, the others beside it.
        var heads = await TrainingScope.MatchAsync(db, new TargetRule { Positions = ["UnitHead", "PartyCellSecretary"], PartyMember = true });
        var row = heads.Items.Single(i => i.FullName == "Hà Văn An");
        Assert.Equal((Position.UnitHead, "Trưởng thôn"), (row.Position, row.PositionName));
        Assert.Equal(["Bí thư chi bộ Thôn A Lù"], row.OtherPositions);
        Assert.Equal(3, heads.Count);
        // A commune's course reads the rule within that commune only.
        var daBac = await db.FindCommuneAsync(UnitBuilder.Xa, Clock.Today(), CancellationToken.None);
        Assert.Equal(["Hà Văn An", "Bùi Văn Dũng"], await TrainingScope.NamesAsync(db, new TargetRule { PartyMember = true }, place: new TargetPlace("25", daBac!.Id, "Xã Đà Bắc")));
    }

    [Fact]
    public async Task A_rule_is_read_as_of_its_date_and_within_the_users_scope()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = TrainingScope.NewDb(database))
        {
            var unit = await UnitBuilder.EstablishAsync(db, Clock, "Thôn Bản Sưng", UnitBuilder.Xa);
            await LeaderBuilder.AppointAsync(db, Clock, unit, "Đỗ Văn Phúc", until: new(2026, 6, 30));
            await LeaderBuilder.AppointAsync(db, Clock, unit, "Bùi Văn Giang", from: new(2026, 7, 1));
            await LeaderBuilder.AppointAsync(db, Clock, await UnitBuilder.EstablishAsync(db, Clock, "Thôn Suối Hoa", UnitBuilder.OtherXa), "Vũ Văn Hải");
            var heads = new TargetRule { Positions = ["UnitHead"] };
            Assert.Equal(["Vũ Văn Hải", "Đỗ Văn Phúc"], await TrainingScope.NamesAsync(db, heads, new DateOnly(2026, 3, 1)));
            Assert.Equal(["Bùi Văn Giang", "Vũ Văn Hải"], await TrainingScope.NamesAsync(db, heads, new DateOnly(2026, 11, 1)));
            Assert.Empty(await TrainingScope.NamesAsync(db, heads, new DateOnly(2025, 6, 1)));
        }
        // A commune officer of Đà Bắc reads a province-wide rule over Đà Bắc only: the filters narrow the query.
        await using var officer = await TrainingScope.AsUserAsync(database, "cb.dabac", Role.CommuneOfficer, UnitBuilder.Xa);
        Assert.Equal(["Bùi Văn Giang"], await TrainingScope.NamesAsync(officer, new TargetRule { Positions = ["UnitHead"] }, new DateOnly(2026, 11, 1)));
    }
}
