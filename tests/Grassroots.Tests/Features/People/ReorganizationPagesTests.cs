using System.Net;
using Grassroots.Features.People;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Tests.Features.People;

/// <summary>The merge and split pages let the user choose, per open tenure, to end it or carry it on.</summary>
public sealed class ReorganizationPagesTests
{
    private static async Task<Tenure> LeaderAsync(TestApp app, int unitId, string name, Position position)
    {
        await using var db = app.Database.NewDb();
        var result = await new RecordTenure(db, app.Factory.Time, new SavePerson(db, app.Factory.Time)).CreateAsync(new TenureInput(unitId, null,
            new PersonInput(name, Gender.Male, new DateOnly(1972, 2, 2), "01", null, null, null, unitId), position, null, TenureMode.Elected, "2025-2030",
            new DateOnly(2025, 8, 1)), CancellationToken.None);
        return result.ValueOrThrow;
    }

    [Fact]
    public async Task Split_page_carries_the_head_to_the_chosen_part_and_ends_the_secretary()
    {
        await using var app = await AppFactory.StartAsync();
        int unitId;
        await using (var db = app.Database.NewDb())
            unitId = (await UnitBuilder.EstablishAsync(db, app.Factory.Time, "Thôn Cả")).Id;
        var head = await LeaderAsync(app, unitId, "Nguyễn Văn An", Position.UnitHead);
        var secretary = await LeaderAsync(app, unitId, "Trần Văn Bình", Position.PartyCellSecretary);

        var form = await HtmlPage.GetAsync(app.Client, $"/thon/{unitId}/chia-tach");
        var labels = form.QuerySelectorAll("select[name^='Input.Tenures']").Select(s => s.GetAttribute("aria-label")).ToList();
        Assert.Equal(2, labels.Count);
        var headRow = labels.FindIndex(l => l!.Contains("Nguyễn Văn An", StringComparison.Ordinal));
        var response = await HtmlPage.SubmitAsync(app.Client, form, new Dictionary<string, string>
        {
            ["Input.Parts[0].Name"] = "Thôn Cả Một", ["Input.Parts[1].Name"] = "Thôn Cả Hai", ["Input.EffectiveDate"] = "2026-09-01",
            ["Input.ApprovalPercent"] = "70", ["Input.DecisionNumber"] = "33/NQ-HĐND", [$"Input.Tenures[{headRow}].Target"] = "1",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        await using var check = app.Database.NewDb();
        var second = await check.ResidentialUnitPeriods.Where(p => p.Name == "Thôn Cả Hai").Select(p => p.UnitId).SingleAsync();
        var carried = await check.Tenures.SingleAsync(t => t.UnitId == second);
        Assert.Equal(head.PersonId, carried.PersonId);
        Assert.Equal(head.Id, carried.CarriedFromId);
        var ended = await check.Tenures.SingleAsync(t => t.Id == secretary.Id);
        Assert.Equal(new DateOnly(2026, 8, 31), ended.EndDate);
        Assert.Equal(EndReason.UnitReorganized, ended.EndReason);
        Assert.Equal("33/NQ-HĐND", ended.EndDecisionNumber);
    }

    [Fact]
    public async Task Merge_page_refuses_two_heads_carried_into_one_unit()
    {
        await using var app = await AppFactory.StartAsync();
        int a, b;
        await using (var db = app.Database.NewDb())
        {
            a = (await UnitBuilder.EstablishAsync(db, app.Factory.Time, "Thôn Nam")).Id;
            b = (await UnitBuilder.EstablishAsync(db, app.Factory.Time, "Thôn Bắc")).Id;
        }
        await LeaderAsync(app, a, "Nguyễn Văn An", Position.UnitHead);
        await LeaderAsync(app, b, "Lê Văn Cường", Position.UnitHead);
        var form = await HtmlPage.GetAsync(app.Client, $"/xa/{UnitBuilder.Xa}/sap-nhap?ids={a}&ids={b}");
        var response = await HtmlPage.SubmitAsync(app.Client, form, new Dictionary<string, string>
        {
            ["Input.Sources[0].ApprovalPercent"] = "80", ["Input.Sources[1].ApprovalPercent"] = "80", ["Input.NewName"] = "Thôn Nam Bắc",
            ["Input.AdjacencyConfirmed"] = "true", ["Input.EffectiveDate"] = "2026-09-01", ["Input.Tenures[0].Target"] = "0", ["Input.Tenures[1].Target"] = "0",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlPage.ParseAsync(response);
        Assert.Contains("R-ORG-01", page.QuerySelector(".errors")!.TextContent);
        await using var check = app.Database.NewDb();
        Assert.Equal(2, await check.Tenures.CountAsync(t => t.EndDate == null));
        Assert.False(await check.ResidentialUnitPeriods.AnyAsync(p => p.Name == "Thôn Nam Bắc"));
    }
}
