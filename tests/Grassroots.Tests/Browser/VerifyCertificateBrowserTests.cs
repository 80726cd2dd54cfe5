using Grassroots.Features.Training;
using Grassroots.Features.Training.Certificates;
using Grassroots.Features.Training.Completion;
using Grassroots.Tests.Features.Training;
using Grassroots.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Grassroots.Tests.Browser;

/// <summary>In a real browser, as someone who scanned a certificate's QR code: the masked holder and course, or that it was revoked.</summary>
public sealed class VerifyCertificateBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_verification_page_shows_the_masked_holder_and_course_and_a_revoked_certificate_says_so()
    {
        await using var app = await LiveApp.StartAsync();
        var time = app.Factory.Time;
        List<Certificate> issued;
        await using (var db = app.Database.NewDb())
        {
            var (course, sessions, enrolments) = await CompletionScene.CourseAsync(db, time, ["Nguyễn Văn An", "Lò Thị Hoa"], sessions: 1);
            foreach (var e in enrolments) await CompletionScene.AttendAsync(db, sessions, e, 1);
            (await new ComputeResults(db, time).RunAsync(course.Id, null, CancellationToken.None)).ValueOrThrow.ToString();
            issued = [.. (await new IssueCertificates(db, time).RunAsync(course.Id, CancellationToken.None)).ValueOrThrow.Issued];
            var hoa = issued.Single(c => c.HolderName == "Lò Thị Hoa");
            (await new RevokeCertificate(db, time).RunAsync(new(hoa.Id, hoa.Version, "Cấp nhầm lớp"), CancellationToken.None)).ValueOrThrow.ToString();
        }
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "vi-VN" });
        var page = await context.NewPageAsync();

        await page.GotoAsync(app.BaseUrl + "/verify/" + issued.Single(c => c.HolderName == "Nguyễn Văn An").Code);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Xác minh giấy chứng nhận");
        await Assertions.Expect(page.Locator("#verify-holder")).ToHaveTextAsync("Nguyễn V** A*");
        await Assertions.Expect(page.Locator("#verify-course")).ToHaveTextAsync("Lớp bồi dưỡng trưởng thôn 2026");
        await Assertions.Expect(page.Locator("#verify-status")).ToContainTextAsync("còn hiệu lực");
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("Nguyễn Văn An");

        await page.GotoAsync(app.BaseUrl + "/verify/" + issued.Single(c => c.HolderName == "Lò Thị Hoa").Code);
        await Assertions.Expect(page.Locator("#verify-status")).ToContainTextAsync("Đã thu hồi");
        await Assertions.Expect(page.Locator("#verify-status")).ToContainTextAsync("Cấp nhầm lớp");
        await Assertions.Expect(page.Locator("#verify-holder")).ToHaveTextAsync("Lò T** H**");
    }
}
