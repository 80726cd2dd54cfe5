using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grassroots.Tests.Infrastructure;
using static Grassroots.Tests.Infrastructure.Api;

namespace Grassroots.Tests.Features.Units;

public sealed class UnitsApiTests
{
    private static object NewUnit(string name, string commune = UnitBuilder.Xa, string kind = "village", string date = "2025-07-01", int? households = 200) =>
        new { communeCode = commune, name, kind, localLabel = "thôn", effectiveDate = date, householdCount = households, decision = new { number = "12/NQ-HĐND", date, issuer = "HĐND xã Đà Bắc" } };

    [Fact]
    public async Task Establish_read_list_and_history()
    {
        await using var app = await AppFactory.StartAsync();
        var (status, created) = await Send(app.Client, HttpMethod.Post, "/api/v1/residential-units", NewUnit("Thôn Suối Hoa"));
        Assert.Equal(HttpStatusCode.Created, status);
        var id = created.GetProperty("unit").GetProperty("id").GetInt32();
        Assert.Equal("village", created.GetProperty("unit").GetProperty("kind").GetString());
        Assert.Equal("Thôn", created.GetProperty("unit").GetProperty("kindName").GetString());

        var (_, list) = await Send(app.Client, HttpMethod.Get, $"/api/v1/residential-units?commune={UnitBuilder.Xa}&q=suoi hoa");
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal("Xã Đà Bắc", list.GetProperty("commune").GetProperty("fullName").GetString());

        var (_, before) = await Send(app.Client, HttpMethod.Get, $"/api/v1/residential-units?commune={UnitBuilder.Xa}&asOf=2025-06-30");
        Assert.Equal(0, before.GetProperty("total").GetInt32());

        var (hs, history) = await Send(app.Client, HttpMethod.Get, $"/api/v1/residential-units/{id}/history");
        Assert.Equal(HttpStatusCode.OK, hs);
        var ev = Assert.Single(history.GetProperty("events").EnumerateArray());
        Assert.Equal("establish", ev.GetProperty("type").GetString());
        Assert.Equal("12/NQ-HĐND", ev.GetProperty("decisionNumber").GetString());
    }

    [Fact]
    public async Task Rule_violations_are_problem_details_with_codes_and_change_nothing()
    {
        await using var app = await AppFactory.StartAsync();
        var (status, problem) = await Send(app.Client, HttpMethod.Post, "/api/v1/residential-units", NewUnit("Thôn A", UnitBuilder.Phuong));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("kind_mismatch", problem.GetProperty("code").GetString());
        Assert.Equal("R-UNIT-02", problem.GetProperty("errors")[0].GetProperty("rule").GetString());

        var (s2, p2) = await Send(app.Client, HttpMethod.Post, "/api/v1/residential-units", NewUnit("", households: -3, date: "2030-01-01"));
        Assert.Equal(HttpStatusCode.BadRequest, s2);
        var codes = p2.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()).ToList();
        Assert.Contains("name_required", codes);
        Assert.Contains("negative_count", codes);
        Assert.Contains("future_date", codes);

        var (s3, p3) = await Send(app.Client, HttpMethod.Post, "/api/v1/residential-units", new { communeCode = UnitBuilder.Xa, name = "Thôn B", kind = "village" });
        Assert.Equal(HttpStatusCode.BadRequest, s3);
        Assert.Equal("effective_date_required", p3.GetProperty("code").GetString());

        using var malformed = new StringContent("{\"name\": ", System.Text.Encoding.UTF8, "application/json");
        var s4 = await app.Client.PostAsync("/api/v1/residential-units", malformed);
        Assert.Equal(HttpStatusCode.BadRequest, s4.StatusCode);
        Assert.Equal("bad_request", (await s4.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        var (_, list) = await Send(app.Client, HttpMethod.Get, $"/api/v1/residential-units?commune={UnitBuilder.Xa}");
        Assert.Equal(0, list.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Stale_version_is_a_409_and_does_not_overwrite()
    {
        await using var app = await AppFactory.StartAsync();
        var (_, created) = await Send(app.Client, HttpMethod.Post, "/api/v1/residential-units", NewUnit("Thôn Gốc"));
        var id = created.GetProperty("unit").GetProperty("id").GetInt32();
        var version = created.GetProperty("unit").GetProperty("version").GetInt32();
        var (s1, updated) = await Send(app.Client, HttpMethod.Put, $"/api/v1/residential-units/{id}", new { version, householdCount = 260, population = 900, classification = "class2" });
        Assert.Equal(HttpStatusCode.OK, s1);
        Assert.Equal(version + 1, updated.GetProperty("unit").GetProperty("version").GetInt32());
        var (s2, conflict) = await Send(app.Client, HttpMethod.Put, $"/api/v1/residential-units/{id}", new { version, householdCount = 1 });
        Assert.Equal(HttpStatusCode.Conflict, s2);
        Assert.Equal("concurrency_conflict", conflict.GetProperty("code").GetString());
        var (_, now) = await Send(app.Client, HttpMethod.Get, $"/api/v1/residential-units/{id}");
        Assert.Equal(260, now.GetProperty("householdCount").GetInt32());
        Assert.Equal("class2", now.GetProperty("classification").GetString());
    }

    [Fact]
    public async Task Merge_and_move_through_the_api_with_as_of_reads()
    {
        await using var app = await AppFactory.StartAsync();
        var ids = new List<(int Id, int Version)>();
        foreach (var name in new[] { "Xóm Trên", "Xóm Dưới", "Xóm Giữa" })
        {
            var (_, c) = await Send(app.Client, HttpMethod.Post, "/api/v1/residential-units", NewUnit(name, households: 100));
            ids.Add((c.GetProperty("unit").GetProperty("id").GetInt32(), c.GetProperty("unit").GetProperty("version").GetInt32()));
        }
        var (ms, merged) = await Send(app.Client, HttpMethod.Post, "/api/v1/residential-units/merge", new
        {
            sources = new[] { new { id = ids[0].Id, version = ids[0].Version, approvalPercent = 70.0 }, new { id = ids[1].Id, version = ids[1].Version, approvalPercent = 66.7 } },
            effectiveDate = "2026-02-01", adjacencyConfirmed = true, newName = "Xóm Thống Nhất",
            decision = new { number = "03/NQ-HĐND", date = "2026-01-20", issuer = "HĐND xã Đà Bắc" },
        });
        Assert.Equal(HttpStatusCode.OK, ms);
        Assert.Equal(200, merged.GetProperty("unit").GetProperty("householdCount").GetInt32());

        var (mv, moved) = await Send(app.Client, HttpMethod.Post, $"/api/v1/residential-units/{ids[2].Id}/move",
            new { version = ids[2].Version, effectiveDate = "2026-03-01", targetCommuneCode = UnitBuilder.OtherXa });
        Assert.Equal(HttpStatusCode.OK, mv);
        Assert.Equal(UnitBuilder.OtherXa, moved.GetProperty("unit").GetProperty("communeCode").GetString());

        async Task<List<string>> Names(string commune, string date)
        {
            var (_, list) = await Send(app.Client, HttpMethod.Get, $"/api/v1/residential-units?commune={commune}&asOf={date}");
            return list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToList();
        }
        Assert.Equal(["Xóm Dưới", "Xóm Giữa", "Xóm Trên"], await Names(UnitBuilder.Xa, "2026-01-31"));
        Assert.Equal(["Xóm Giữa", "Xóm Thống Nhất"], await Names(UnitBuilder.Xa, "2026-02-01"));
        Assert.Equal(["Xóm Thống Nhất"], await Names(UnitBuilder.Xa, "2026-03-01"));
        Assert.Equal(["Xóm Giữa"], await Names(UnitBuilder.OtherXa, "2026-03-01"));

        var (gs, old) = await Send(app.Client, HttpMethod.Get, $"/api/v1/residential-units/{ids[0].Id}?asOf=2026-01-15");
        Assert.Equal(HttpStatusCode.OK, gs);
        Assert.Equal("active", old.GetProperty("status").GetString());
        var (_, latest) = await Send(app.Client, HttpMethod.Get, $"/api/v1/residential-units/{ids[0].Id}");
        Assert.Equal("merged", latest.GetProperty("status").GetString());
        var (ns, _) = await Send(app.Client, HttpMethod.Get, $"/api/v1/residential-units/{ids[0].Id}?asOf=2026-05-01");
        Assert.Equal(HttpStatusCode.NotFound, ns);
    }

    [Fact]
    public async Task Delete_only_what_has_no_history()
    {
        await using var app = await AppFactory.StartAsync();
        var (_, created) = await Send(app.Client, HttpMethod.Post, "/api/v1/residential-units", NewUnit("Thôn Nhầm"));
        var id = created.GetProperty("unit").GetProperty("id").GetInt32();
        var version = created.GetProperty("unit").GetProperty("version").GetInt32();
        var (rs, renamed) = await Send(app.Client, HttpMethod.Post, $"/api/v1/residential-units/{id}/rename", new { version, effectiveDate = "2026-01-01", newName = "Thôn Đúng" });
        Assert.Equal(HttpStatusCode.OK, rs);
        var (ds, refused) = await Send(app.Client, HttpMethod.Delete, $"/api/v1/residential-units/{id}?version={renamed.GetProperty("unit").GetProperty("version").GetInt32()}");
        Assert.Equal(HttpStatusCode.BadRequest, ds);
        Assert.Equal("unit_has_history", refused.GetProperty("code").GetString());

        var (_, other) = await Send(app.Client, HttpMethod.Post, "/api/v1/residential-units", NewUnit("Thôn Thừa"));
        var otherId = other.GetProperty("unit").GetProperty("id").GetInt32();
        var (del, _) = await Send(app.Client, HttpMethod.Delete, $"/api/v1/residential-units/{otherId}?version={other.GetProperty("unit").GetProperty("version").GetInt32()}");
        Assert.Equal(HttpStatusCode.NoContent, del);
        var (gone, _) = await Send(app.Client, HttpMethod.Get, $"/api/v1/residential-units/{otherId}");
        Assert.Equal(HttpStatusCode.NotFound, gone);
    }
}
