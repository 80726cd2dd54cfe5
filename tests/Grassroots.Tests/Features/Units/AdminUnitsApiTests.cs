using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grassroots.Tests.Infrastructure;

namespace Grassroots.Tests.Features.Units;

public sealed class AdminUnitsApiTests
{
    private static async Task<JsonElement> GetJson(TestApp app, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await app.Client.GetAsync(url);
        Assert.Equal(expected, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<string> Names(JsonElement list) =>
        list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("fullName").GetString()!).ToList();

    [Fact]
    public async Task Provinces_today_and_before_the_reform()
    {
        await using var app = await AppFactory.StartAsync();
        var today = await GetJson(app, "/api/v1/admin-units?level=province");
        Assert.Equal(34, today.GetProperty("total").GetInt32());
        Assert.Equal("2026-11-21", today.GetProperty("asOf").GetString());
        var before = await GetJson(app, "/api/v1/admin-units?level=province&asOf=2025-06-30");
        Assert.Equal(63, before.GetProperty("total").GetInt32());
        Assert.Equal(63, before.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Communes_of_Phu_Tho_today_and_before_the_reform()
    {
        await using var app = await AppFactory.StartAsync();
        Assert.Equal(148, (await GetJson(app, "/api/v1/admin-units?level=commune&parent=25")).GetProperty("total").GetInt32());
        Assert.Equal(207, (await GetJson(app, "/api/v1/admin-units?level=commune&parent=25&asOf=2025-06-30")).GetProperty("total").GetInt32());
        Assert.Equal(13, (await GetJson(app, "/api/v1/admin-units?level=district&parent=25&asOf=2025-06-30")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_code_names_a_unit_only_with_a_date()
    {
        await using var app = await AppFactory.StartAsync();
        var now = await GetJson(app, "/api/v1/admin-units/00004");
        Assert.Equal("Phường Ba Đình", now.GetProperty("fullName").GetString());
        var then = await GetJson(app, "/api/v1/admin-units/00004?asOf=2025-06-30");
        Assert.Equal("Phường Trúc Bạch", then.GetProperty("fullName").GetString());
        Assert.Equal("001", then.GetProperty("parentCode").GetString());
        var quangBinh = await GetJson(app, "/api/v1/admin-units/44?asOf=2025-06-30");
        Assert.Equal("Tỉnh Quảng Bình", quangBinh.GetProperty("fullName").GetString());
        Assert.Equal("Tỉnh Quảng Trị", (await GetJson(app, "/api/v1/admin-units/44")).GetProperty("fullName").GetString());
    }

    [Fact]
    public async Task Type_changes_of_2026_04_30_are_dated()
    {
        await using var app = await AppFactory.StartAsync();
        var before = await GetJson(app, "/api/v1/admin-units/25270?asOf=2026-04-29");
        Assert.Equal("commune", before.GetProperty("type").GetString());
        Assert.Equal("Xã Lộc Ninh", before.GetProperty("fullName").GetString());
        var after = await GetJson(app, "/api/v1/admin-units/25270?asOf=2026-04-30");
        Assert.Equal("ward", after.GetProperty("type").GetString());
        Assert.Equal("Phường Lộc Ninh", after.GetProperty("fullName").GetString());
        Assert.Equal("province", (await GetJson(app, "/api/v1/admin-units/75?asOf=2025-07-01")).GetProperty("type").GetString());
        Assert.Equal("municipality", (await GetJson(app, "/api/v1/admin-units/75")).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Lineage_links_units_with_kind_and_date()
    {
        await using var app = await AppFactory.StartAsync();
        var lineage = await GetJson(app, "/api/v1/admin-units/00004/lineage");
        var preds = lineage.GetProperty("predecessors").EnumerateArray()
            .ToDictionary(p => p.GetProperty("unit").GetProperty("fullName").GetString()!, p => p.GetProperty("kind").GetString());
        Assert.Equal("whole", preds["Phường Trúc Bạch"]);
        Assert.Equal("whole", preds["Phường Quán Thánh"]);
        Assert.Equal("partial", preds["Phường Ngọc Hà"]);
        Assert.All(lineage.GetProperty("predecessors").EnumerateArray(), p => Assert.Equal("2025-07-01", p.GetProperty("date").GetString()));
        Assert.Empty(lineage.GetProperty("successors").EnumerateArray());

        // Seen from the old side: Ngọc Hà was split between several new wards.
        var old = await GetJson(app, "/api/v1/admin-units/00016/lineage?asOf=2025-06-30");
        var successors = old.GetProperty("successors").EnumerateArray().Select(s => s.GetProperty("unit").GetProperty("fullName").GetString()).ToList();
        Assert.Contains("Phường Ba Đình", successors);
        Assert.True(successors.Count > 1);
        Assert.All(old.GetProperty("successors").EnumerateArray(), s => Assert.True(s.GetProperty("predecessorSplit").GetBoolean()));

        var province = await GetJson(app, "/api/v1/admin-units/25/lineage");
        var merged = province.GetProperty("predecessors").EnumerateArray().Select(p => p.GetProperty("unit").GetProperty("fullName").GetString()).ToList();
        Assert.Equal(["Tỉnh Hoà Bình", "Tỉnh Phú Thọ", "Tỉnh Vĩnh Phúc"], merged.Order(StringComparer.Ordinal).ToList());
    }

    [Theory]
    [InlineData("ba dinh", "Phường Ba Đình")]
    [InlineData("BA ĐÌNH", "Phường Ba Đình")]
    public async Task Search_ignores_diacritics_and_case(string q, string expected)
    {
        await using var app = await AppFactory.StartAsync();
        var result = await GetJson(app, $"/api/v1/admin-units?level=commune&q={Uri.EscapeDataString(q)}");
        Assert.Contains(expected, Names(result));
    }

    [Theory]
    [InlineData("đa nang")]
    [InlineData("da nang")]
    [InlineData("Đà Nẵng")]
    public async Task Search_finds_Da_Nang_with_or_without_marks(string q)
    {
        await using var app = await AppFactory.StartAsync();
        var result = await GetJson(app, $"/api/v1/admin-units?level=province&q={Uri.EscapeDataString(q)}");
        Assert.Equal(["Thành phố Đà Nẵng"], Names(result));
    }

    [Fact]
    public async Task Bad_requests_get_problem_details_with_a_code()
    {
        await using var app = await AppFactory.StartAsync();
        var badDate = await GetJson(app, "/api/v1/admin-units?asOf=31-31-2025", HttpStatusCode.BadRequest);
        Assert.Equal("invalid_date", badDate.GetProperty("code").GetString());
        var badLevel = await GetJson(app, "/api/v1/admin-units?level=village", HttpStatusCode.BadRequest);
        Assert.Equal("invalid_level", badLevel.GetProperty("code").GetString());
        var unknown = await GetJson(app, "/api/v1/admin-units/99999", HttpStatusCode.NotFound);
        Assert.Equal("admin_unit_not_found", unknown.GetProperty("code").GetString());
        var gone = await GetJson(app, "/api/v1/admin-units/00001", HttpStatusCode.NotFound);
        Assert.Contains("21/11/2026", gone.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Health_and_openapi_answer()
    {
        await using var app = await AppFactory.StartAsync();
        var health = await app.Client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
        var doc = await GetJson(app, "/openapi/v1.json");
        var paths = doc.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/admin-units", out _) || paths.TryGetProperty("/api/v1/admin-units/", out _));
        Assert.True(paths.TryGetProperty("/api/v1/residential-units/{id}", out _));
    }
}
