using System.Net;
using System.Text.Json;
using Grassroots.Features.Accounts;
using Grassroots.Tests.Infrastructure;

namespace Grassroots.Tests.Features.Training;

/// <summary>A person's training history: the API and the "Bồi dưỡng" section of their page, within scope.</summary>
public sealed class TrainingHistoryTests
{
    [Fact]
    public async Task The_person_shows_their_courses_results_and_certificates_within_scope()
    {
        await using var app = await AppFactory.StartAsync();
        var (course, enrolments, issued) = await CertificatesApiTests.IssuedAsync(app, "Nguyễn Văn An");
        var personId = enrolments[0].PersonId!.Value;
        var code = issued.GetProperty("issued")[0].GetProperty("code").GetString();

        var response = await app.Client.GetAsync($"/api/v1/people/{personId}/training");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var row = body.GetProperty("courses").EnumerateArray().Single();
        Assert.Equal((course.Id, "Lớp bồi dưỡng trưởng thôn 2026", "Sở Nội vụ tỉnh Phú Thọ", "completed", "Hoàn thành"),
            (row.GetProperty("courseId").GetInt32(), row.GetProperty("courseTitle").GetString(), row.GetProperty("organiser").GetString(),
             row.GetProperty("result").GetString(), row.GetProperty("resultName").GetString()));
        var certificate = body.GetProperty("certificates").EnumerateArray().Single();
        Assert.Equal(("1/GCN-SNV", "/verify/" + code), (certificate.GetProperty("number").GetString(), certificate.GetProperty("verifyPath").GetString()));

        var page = await HtmlPage.GetAsync(app.Client, $"/nguoi/{personId}");
        Assert.Equal("Bồi dưỡng", page.QuerySelector("#training h2")!.TextContent);
        Assert.Contains("Hoàn thành", page.QuerySelector("#training-courses")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector($"#training-certificates a[href='/verify/{code}']"));

        using var hanoi = await app.ClientForAsync("ha-noi-ls", Role.CommuneOfficer, UnitBuilder.Phuong);
        Assert.Equal(HttpStatusCode.NotFound, (await hanoi.GetAsync($"/api/v1/people/{personId}/training")).StatusCode);
    }
}
