using System.Net;
using System.Net.Http.Headers;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Tests.Features.Accounts;

/// <summary>
/// The "done when", end to end over HTTP: the administrator creates a commune officer for Xã Đà Bắc (04831)
/// on the page; the officer signs in on the login page, sees and changes only their commune's units — Xã Đức Nhàn
/// (04846, same province) does not exist for them — and every change they make is on record under their name.
/// </summary>
public sealed class JurisdictionScenarioTests
{
    [Fact]
    public async Task A_commune_officer_works_only_within_their_commune_and_every_change_is_on_record()
    {
        await using var app = await AppFactory.StartAsync();
        int ownUnit, otherUnit;
        await using (var db = app.Database.NewDb())
        {
            ownUnit = (await UnitBuilder.EstablishAsync(db, app.Factory.Time, "Thôn Đồng Chanh")).Id;
            otherUnit = (await UnitBuilder.EstablishAsync(db, app.Factory.Time, "Thôn Bãi Sậy", UnitBuilder.OtherXa)).Id;
        }

        // 1. The administrator creates the officer on the page.
        var created = await AccountSteps.CreateWithPageAsync(app.Client, "cb.dabac", "CommuneOfficer", UnitBuilder.Xa, "dabac-2026-matkhau");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        // 2. The officer signs in on the login page (cookie).
        using var officer = await AccountSteps.SignInWithPageAsync(app, "cb.dabac", "dabac-2026-matkhau");
        var home = await HtmlPage.GetAsync(officer, "/");
        Assert.Equal("cb.dabac", home.QuerySelector("a.user")!.TextContent.Trim());

        // 3. They see their commune's units, and none of the neighbouring commune's.
        var own = await HtmlPage.GetAsync(officer, "/xa/" + UnitBuilder.Xa);
        Assert.Equal(["Thôn Đồng Chanh"], own.QuerySelectorAll("#units tbody tr td a").Select(a => a.TextContent.Trim()).ToList());
        var other = await HtmlPage.GetAsync(officer, "/xa/" + UnitBuilder.OtherXa);
        Assert.Empty(other.QuerySelectorAll("#units tbody tr"));
        Assert.DoesNotContain("Thôn Bãi Sậy", other.Body!.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/thon/{ownUnit}")).StatusCode);
        var hidden = await officer.GetAsync($"/thon/{otherUnit}");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal("Không tìm thấy", (await HtmlPage.ParseAsync(hidden)).QuerySelector("h1")!.TextContent);
        using (var api = app.Anonymous)
        {
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync("cb.dabac", "dabac-2026-matkhau"));
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/residential-units/{ownUnit}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/residential-units/{otherUnit}")).StatusCode);
        }

        // 4. They establish a unit in their commune on the page, then rename it.
        var form = await HtmlPage.GetAsync(officer, $"/xa/{UnitBuilder.Xa}/them");
        var established = await HtmlPage.SubmitAsync(officer, form, new Dictionary<string, string>
        {
            ["Input.Name"] = "Thôn Suối Mới", ["Input.HouseholdCount"] = "180", ["Input.EffectiveDate"] = "2026-11-01", ["Input.DecisionNumber"] = "15/NQ-HĐND",
        });
        Assert.Equal(HttpStatusCode.Redirect, established.StatusCode);
        var unitUrl = established.Headers.Location!.ToString();
        var newUnit = int.Parse(unitUrl["/thon/".Length..], System.Globalization.CultureInfo.InvariantCulture);
        var rename = await HtmlPage.GetAsync(officer, unitUrl + "/thay-doi?loai=rename");
        var renamed = await HtmlPage.SubmitAsync(officer, rename, new Dictionary<string, string>
        {
            ["Input.NewName"] = "Thôn Suối Hoa", ["Input.EffectiveDate"] = "2026-11-15", ["Input.DecisionNumber"] = "16/NQ-HĐND",
        });
        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        Assert.Equal("Thôn Suối Hoa", (await HtmlPage.GetAsync(officer, unitUrl)).QuerySelector("h1")!.TextContent.Trim());

        // 5. They cannot establish one in the neighbouring commune: neither the form nor a forged post.
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/xa/{UnitBuilder.OtherXa}/them")).StatusCode);
        var token = form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var forged = await officer.PostAsync($"/xa/{UnitBuilder.OtherXa}/them", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Input.Name"] = "Thôn Lấn Sang", ["Input.Kind"] = "Village", ["Input.EffectiveDate"] = "2026-11-01",
        }));
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);

        // 6. Every change they made is on record under their name, with the values before and after.
        await using var check = app.Database.NewDb();
        Assert.False(await check.ResidentialUnitPeriods.AnyAsync(p => p.Name == "Thôn Lấn Sang"));
        var commune = await check.AdminUnits.SingleAsync(a => a.Code == UnitBuilder.Xa && a.ValidTo == null);
        var trail = await check.AuditEvents.Where(e => e.UserName == "cb.dabac" && e.Changes != null).OrderBy(e => e.Id).ToListAsync();
        Assert.NotEmpty(trail);
        Assert.All(trail, e => Assert.NotNull(e.Operation));
        Assert.Contains(trail, e => e.Action == "create" && e.EntityType == "ResidentialUnit" && e.EntityId == newUnit.ToString() && e.CommuneId == commune.Id);
        Assert.Contains(trail, e => e.Action == "create" && e.EntityType == "ResidentialUnitPeriod" && AccountSteps.Changed(e, "Name", null, "Thôn Suối Mới"));
        Assert.Contains(trail, e => e.Action == "update" && e.EntityType == "ResidentialUnitPeriod" && AccountSteps.Changed(e, "ValidTo", null, "2026-11-14"));
        Assert.Contains(trail, e => e.Action == "create" && e.EntityType == "ResidentialUnitPeriod" && AccountSteps.Changed(e, "Name", null, "Thôn Suối Hoa"));
        Assert.Contains(trail, e => e.EntityType == "UnitEvent" && AccountSteps.Changed(e, "DecisionNumber", null, "16/NQ-HĐND"));
        Assert.All(trail.Where(e => e.EntityType.StartsWith("ResidentialUnit", StringComparison.Ordinal)), e => Assert.Equal(commune.Id, e.CommuneId));
        // The other commune's unit was never touched in their name.
        Assert.False(await check.AuditEvents.AnyAsync(e => e.UserName == "cb.dabac" && e.EntityType == "ResidentialUnit" && e.EntityId == otherUnit.ToString()));
    }
}
