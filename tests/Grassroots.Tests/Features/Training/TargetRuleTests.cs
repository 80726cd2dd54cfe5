using Grassroots.Features.People;
using Grassroots.Features.Training;
using Grassroots.Features.Training.Targeting;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Tests.Features.Training;

/// <summary>Target group rules: the JSON form, and the checks that refuse a bad rule with every error, its code, message and path.</summary>
public sealed class TargetRuleTests
{
    private static readonly DateOnly CourseStart = new(2026, 12, 1);

    [Fact]
    public void Rule_json_is_read_in_any_case_written_without_nulls_and_a_misspelt_field_is_refused()
    {
        var rule = TargetRule.Parse("""{"all":[{"positions":["unitHead"],"partyMember":false,"ageUnder":60},{"communes":["04831"]}]}""");
        Assert.True(rule.Succeeded);
        Assert.Equal(["unitHead"], rule.Value!.All![0].Positions!);
        Assert.Equal("""{"all":[{"positions":["unitHead"],"partyMember":false,"ageUnder":60},{"communes":["04831"]}]}""", rule.Value.ToJson());

        var misspelt = TargetRule.Parse("""{"positon":["UnitHead"]}""");
        Assert.Equal("rule_unreadable", Assert.Single(misspelt.Errors).Code);
        Assert.Contains("không đọc được", misspelt.Errors[0].Message);
        Assert.Equal("rule", misspelt.Errors[0].Field);
        Assert.Equal("rule_unreadable", Assert.Single(TargetRule.Parse("""{"ageUnder":"sáu mươi"}""").Errors).Code);
        Assert.Equal("rule_required", Assert.Single(TargetRule.Parse("  ").Errors).Code);
    }

    [Fact]
    public async Task A_bad_rule_is_refused_with_every_error_its_code_vietnamese_message_and_path()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = TrainingScope.NewDb(database);
        var rule = TargetRule.Parse("""
            {"all":[
              {"positions":["UnitHead","Chairman"],"ageUnder":-1},
              {"any":[]},
              {"communes":["99999","00004"]},
              {"ageAtLeast":60,"ageUnder":40},
              {"notCompletedProgramme":{"programmeId":999999}},
              {},
              {"gender":"x","ethnicities":["99"],"unitKinds":["Hamlet"],"terms":["2027-2022"],"modes":[]},
              {"all":[{"partyMember":true}],"positions":["UnitHead"]}
            ]}
            """).ValueOrThrow;

        var result = await TargetRuleCheck.CheckAsync(db, rule, CourseStart, TrainingScope.PhuTho, CancellationToken.None);

        Assert.False(result.Succeeded);
        var errors = result.Errors.Select(e => (e.Code, e.Field!)).ToList();
        Assert.Equal(
        [
            ("unknown_position", "rule.all[0].positions[1]"), ("invalid_age", "rule.all[0].ageUnder"),
            ("group_empty", "rule.all[1].any"),
            ("unknown_commune", "rule.all[2].communes[0]"), ("place_outside_course", "rule.all[2].communes[1]"),
            ("age_range_empty", "rule.all[3].ageAtLeast"),
            ("unknown_programme", "rule.all[4].notCompletedProgramme.programmeId"), ("since_required", "rule.all[4].notCompletedProgramme.since"),
            ("rule_empty", "rule.all[5]"),
            ("list_empty", "rule.all[6].modes"), ("unknown_unit_kind", "rule.all[6].unitKinds[0]"), ("unknown_gender", "rule.all[6].gender"),
            ("unknown_ethnicity", "rule.all[6].ethnicities[0]"), ("invalid_term_label", "rule.all[6].terms[0]"),
            ("mixed_node", "rule.all[7]"),
        ], errors);
        string Message(string field) => result.Errors.First(e => e.Field == field).Message;
        Assert.StartsWith("Chức danh \"Chairman\" không có; dùng một trong: UnitHead, DeputyHead", Message("rule.all[0].positions[1]"));
        Assert.Equal("Tuổi phải từ 0 đến 120 (đã nhập -1).", Message("rule.all[0].ageUnder"));
        Assert.Equal("Không có xã/phường/đặc khu mã \"99999\" vào ngày 01/12/2026.", Message("rule.all[2].communes[0]"));
        Assert.Equal("Phường Ba Đình nằm ngoài địa bàn của lớp (Tỉnh Phú Thọ).", Message("rule.all[2].communes[1]"));
        Assert.Equal("Không ai vừa từ 60 tuổi trở lên vừa dưới 40 tuổi.", Message("rule.all[3].ageAtLeast"));
        Assert.Contains("trống sẽ chọn mọi người", Message("rule.all[5]"));
    }

    [Fact]
    public async Task A_valid_rule_resolves_its_codes_and_is_stored_in_canonical_form_and_said_in_vietnamese()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = TrainingScope.NewDb(database);
        var programme = await db.Programmes.SingleAsync(p => p.Title == ProgrammeCatalog.PartyAwarenessProgramme);
        var rule = TargetRule.Parse($$$"""
            {"any":[{"positions":["unithead","UNITHEAD"],"partyMember":false,"ageUnder":60,"communes":["04831"],"minorities":true},
                    {"positions":["partyCellSecretary"],"concurrentWith":["unitHead"],"notCompletedProgramme":{"programmeId":{{{programme.Id}}},"since":"2022-01-01"}}]}
            """).ValueOrThrow;

        var result = await TargetRuleCheck.CheckAsync(db, rule, CourseStart, TrainingScope.PhuTho, CancellationToken.None);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        var first = (RuleLeaf)((RuleGroup)result.Value!).Children[0];
        Assert.Equal([Position.UnitHead], first.Positions!);
        Assert.Equal("Xã Đà Bắc", Assert.Single(first.Communes!).Name);
        Assert.Equal(
            $$$"""{"any":[{"positions":["UnitHead"],"partyMember":false,"ageUnder":60,"minorities":true,"communes":["04831"]},{"positions":["PartyCellSecretary"],"concurrentWith":["UnitHead"],"notCompletedProgramme":{"programmeId":{{{programme.Id}}},"since":"2022-01-01"}}]}""",
            TargetRuleCheck.ToRule(result.Value!).ToJson());
        Assert.Equal("(Trưởng thôn, tổ trưởng tổ dân phố; chưa là đảng viên; dưới 60 tuổi; người dân tộc thiểu số; thuộc Xã Đà Bắc) hoặc " +
                     $"(Bí thư chi bộ; kiêm trưởng thôn, tổ trưởng tổ dân phố; chưa hoàn thành chương trình “{programme.Title}” từ ngày 01/01/2022)",
            TargetPresets.Describe(result.Value!));
    }

    [Fact]
    public async Task The_ready_made_rules_are_valid()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = TrainingScope.NewDb(database);
        Assert.Equal(3, TargetPresets.All.Count);
        foreach (var preset in TargetPresets.All)
        {
            var result = await TargetRuleCheck.CheckAsync(db, preset.Rule, CourseStart, TrainingScope.PhuTho, CancellationToken.None);
            Assert.True(result.Succeeded, preset.Key);
        }
        Assert.Equal("Trưởng thôn, tổ trưởng tổ dân phố; chưa là đảng viên; dưới 60 tuổi",
            TargetPresets.Describe((await TargetRuleCheck.CheckAsync(db, TargetPresets.All[0].Rule, CourseStart, TrainingScope.PhuTho, CancellationToken.None)).Value!));
    }
}
