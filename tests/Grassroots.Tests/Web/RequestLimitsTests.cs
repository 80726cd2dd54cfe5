using System.Net;
using System.Text;
using Grassroots.Tests.Infrastructure;
using Grassroots.Web;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Grassroots.Tests.Web;

/// <summary>Request bodies over Grassroots:Limits:MaxRequestBytes are refused with 413, without being read.</summary>
public sealed class RequestLimitsTests
{
    private const int Limit = 4096;

    private static void SmallLimits(AppFactory f)
    {
        f.Settings["Grassroots:Limits:MaxRequestBytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        f.Settings["Grassroots:Import:MaxBytes"] = "2048";
    }

    /// <summary>A JSON body for a new unit, padded with white space to <paramref name="bytes"/> bytes.</summary>
    private static StringContent UnitBody(string name, int bytes)
    {
        var json = $$"""{"communeCode":"{{UnitBuilder.Xa}}","name":"{{name}}","kind":"village","localLabel":"thôn","effectiveDate":"2025-07-01","householdCount":120""";
        var padding = bytes - Encoding.UTF8.GetByteCount(json) - 1;
        return new StringContent(json + new string(' ', padding) + "}", Encoding.UTF8, "application/json");
    }

    [Fact]
    public async Task An_oversized_api_request_answers_413_problem_and_changes_nothing()
    {
        await using var app = await AppFactory.StartAsync(configure: SmallLimits);
        var body = UnitBody("Thôn Quá Cỡ", Limit + 1);
        Assert.Equal(Limit + 1, Encoding.UTF8.GetByteCount(await body.ReadAsStringAsync()));
        var response = await app.Client.PostAsync("/api/v1/residential-units", body);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("payload_too_large", await SecurityTestApps.ProblemCodeAsync(response));
        SecurityHeadersTests.AssertSecurityHeaders(response, "413");
        Assert.Equal(0, await SecurityTestApps.UnitCountAsync(app, "Thôn Quá Cỡ"));

        // Just under the limit is fine.
        var fits = await app.Client.PostAsync("/api/v1/residential-units", UnitBody("Thôn Vừa Cỡ", Limit - 200));
        Assert.Equal(HttpStatusCode.Created, fits.StatusCode);
    }

    [Fact]
    public async Task An_oversized_page_post_answers_the_vietnamese_413_page()
    {
        await using var app = await AppFactory.StartAsync(configure: SmallLimits);
        var form = await HtmlPage.GetAsync(app.Client, $"/xa/{UnitBuilder.Xa}/them");
        var response = await HtmlPage.SubmitAsync(app.Client, form, new Dictionary<string, string>
        {
            ["Input.Name"] = "Thôn Quá Cỡ",
            ["Input.Note"] = new string('x', Limit),
        });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var page = await HtmlPage.ParseAsync(response);
        Assert.Equal("Tệp quá lớn", page.QuerySelector("h1")!.TextContent);
        Assert.Equal(0, await SecurityTestApps.UnitCountAsync(app, "Thôn Quá Cỡ"));
    }

    [Fact]
    public async Task Kestrel_refuses_an_oversized_body_sent_without_a_length()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new AppFactory(database);
        SmallLimits(factory);
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient { BaseAddress = new Uri(address) };

        // Chunked, so that only Kestrel's limit (not the Content-Length check) can stop it.
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(await UnitBody("Thôn Không Độ Dài", Limit * 4).ReadAsStringAsync())));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("payload_too_large", await SecurityTestApps.ProblemCodeAsync(response));

        // A page form sent the same way (browsers always declare a form's length) is refused while antiforgery reads it.
        var form = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("Input.UserName=admin&Input.Password=" + new string('x', Limit * 4))));
        form.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        using var post = new HttpRequestMessage(HttpMethod.Post, "/dang-nhap") { Content = form };
        post.Headers.TransferEncodingChunked = true;
        var page = await http.SendAsync(post);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.False(page.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("grassroots.auth", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Kestrel_and_multipart_forms_are_held_to_the_configured_limit()
    {
        await using var app = await AppFactory.StartAsync(configure: SmallLimits);
        Assert.Equal(Limit, app.Factory.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits.MaxRequestBodySize);
        Assert.Equal(Limit, app.Factory.Services.GetRequiredService<IOptions<FormOptions>>().Value.MultipartBodyLengthLimit);
    }

    [Fact]
    public void The_default_limit_is_ten_megabytes_above_the_five_megabyte_import_limit()
    {
        var services = new ServiceCollection();
        services.AddRequestLimits(new ConfigurationBuilder().Build());
        using var provider = services.BuildServiceProvider();
        Assert.Equal(10 * 1024 * 1024, provider.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits.MaxRequestBodySize);
        Assert.True(RequestLimits.DefaultMaxRequestBytes > Grassroots.Features.Units.Import.ImportUnits.DefaultMaxBytes);
    }

    [Fact]
    public void A_limit_that_would_refuse_a_full_size_import_stops_the_start()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Grassroots:Limits:MaxRequestBytes"] = "5000000",
            ["Grassroots:Import:MaxBytes"] = "5000000",
        }).Build();
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddRequestLimits(config));
        Assert.Contains("Grassroots:Import:MaxBytes", error.Message);
    }
}
