using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Grassroots.Documents;
using Grassroots.Features.Units.Import;
using Grassroots.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Grassroots.Tests.Features.Units;

public sealed class UnitsImportApiTests
{
    private const string Header = "Mã xã/phường,Tên thôn/tổ dân phố,Loại,Số hộ,Số nhân khẩu,Ngày thành lập";

    private static MultipartFormDataContent Upload(byte[] file, string fileName = "danh-sach.xlsx")
    {
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return new MultipartFormDataContent { { part, "file", fileName } };
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostImport(HttpClient client, byte[] file, bool dryRun, string fileName = "danh-sach.xlsx")
    {
        using var content = Upload(file, fileName);
        var response = await client.PostAsync($"/api/v1/residential-units/import?dryRun={(dryRun ? "true" : "false")}", content);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static async Task<int> Total(HttpClient client, string commune = UnitBuilder.Xa) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/residential-units?commune={commune}")).GetProperty("total").GetInt32();

    [Fact]
    public async Task Template_is_an_xlsx_download_with_the_headers()
    {
        await using var app = await AppFactory.StartAsync();
        var response = await app.Client.GetAsync("/api/v1/residential-units/import/template");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(XlsxWriter.ContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(UnitSheet.TemplateFileName, response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(XlsxReader.TryRead(new MemoryStream(bytes), name => name == UnitSheet.DataSheetName, 10, out var rows));
        Assert.Equal(UnitSheet.Columns.Select(c => c.Header), Assert.Single(rows).Cells.Select(c => c.Text));
    }

    [Fact]
    public async Task Dry_run_returns_the_report_and_writes_nothing_then_apply_writes()
    {
        await using var app = await AppFactory.StartAsync();
        var file = ImportUnitsTests.Csv(true, Header, "04831,Thôn Suối Hoa,Thôn,215,870,01/07/2025", "04831,Thôn Bến,Thôn,180,700,");

        var (status, report) = await PostImport(app.Client, file, dryRun: true, fileName: "ten-gi-cung-duoc.pdf");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(report.GetProperty("dryRun").GetBoolean());
        Assert.False(report.GetProperty("applied").GetBoolean());
        Assert.Equal(2, report.GetProperty("created").GetInt32());
        Assert.Equal(0, await Total(app.Client));

        var (applyStatus, applied) = await PostImport(app.Client, file, dryRun: false);
        Assert.Equal(HttpStatusCode.OK, applyStatus);
        Assert.True(applied.GetProperty("applied").GetBoolean());
        Assert.Equal(2, await Total(app.Client));
    }

    [Fact]
    public async Task Row_errors_are_a_400_with_every_row_and_nothing_is_written()
    {
        await using var app = await AppFactory.StartAsync();
        var file = ImportUnitsTests.Csv(false, Header, "04831,Thôn Suối Hoa,Thôn,215,870,01/07/2025", "04831,Thôn Bến,Thôn,nhiều,700,", "99999,Thôn Lạ,Thôn,200,800,");

        var (status, problem) = await PostImport(app.Client, file, dryRun: false);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("import_invalid", problem.GetProperty("code").GetString());
        Assert.Contains("không dòng nào được ghi", problem.GetProperty("detail").GetString());
        var rows = problem.GetProperty("rows").EnumerateArray().Select(r => (r.GetProperty("row").GetInt32(), r.GetProperty("column").GetString(), r.GetProperty("code").GetString())).ToList();
        Assert.Equal([(3, "Số hộ", "not_a_number"), (4, "Mã xã/phường", "commune_not_found")], rows);
        Assert.All(problem.GetProperty("rows").EnumerateArray(), r => Assert.False(string.IsNullOrEmpty(r.GetProperty("message").GetString())));
        Assert.Equal(0, await Total(app.Client));
    }

    [Fact]
    public async Task File_level_errors_have_their_own_codes()
    {
        await using var app = await AppFactory.StartAsync();
        var (s1, p1) = await PostImport(app.Client, [], dryRun: true);
        Assert.Equal((HttpStatusCode.BadRequest, "file_empty"), (s1, p1.GetProperty("code").GetString()));

        var (s2, p2) = await PostImport(app.Client, [0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x34, 0x0A, 0xE2, 0xE3, 0xCF, 0xD3, 0x00], dryRun: true, fileName: "danh-sach.csv");
        Assert.Equal((HttpStatusCode.BadRequest, "file_not_spreadsheet"), (s2, p2.GetProperty("code").GetString()));

        var (s3, p3) = await PostImport(app.Client, ImportUnitsTests.Csv(false, "Tên,Loại", "Thôn A,Thôn"), dryRun: true);
        Assert.Equal((HttpStatusCode.BadRequest, "header_invalid"), (s3, p3.GetProperty("code").GetString()));
        Assert.Equal("Mã xã/phường", Assert.Single(p3.GetProperty("rows").EnumerateArray()).GetProperty("column").GetString());

        using var none = new MultipartFormDataContent { { new StringContent("x"), "other" } };
        var s4 = await app.Client.PostAsync("/api/v1/residential-units/import", none);
        Assert.Equal(HttpStatusCode.BadRequest, s4.StatusCode);
        Assert.Equal("file_required", (await s4.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_file_over_the_configured_limit_is_a_413()
    {
        await using var app = await AppFactory.StartAsync(configure: f => f.Settings["Grassroots:Import:MaxBytes"] = "100");
        var client = app.Client;
        var file = ImportUnitsTests.Csv(false, Header, "04831,Thôn Suối Hoa,Thôn,215,870,01/07/2025", "04831,Thôn Bến,Thôn,180,700,01/07/2025");

        var (status, problem) = await PostImport(client, file, dryRun: false);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("file_too_large", problem.GetProperty("code").GetString());
        Assert.Contains("lớn hơn giới hạn 1 KB", problem.GetProperty("detail").GetString());
        Assert.Equal(0, await Total(client));
    }

    [Fact]
    public async Task Export_downloads_the_communes_list_as_of_a_date_and_imports_back()
    {
        await using var app = await AppFactory.StartAsync();
        await using (var db = app.Database.NewDb())
        {
            await UnitBuilder.EstablishAsync(db, app.Factory.Time, "Thôn Suối Hoa");
            await UnitBuilder.EstablishAsync(db, app.Factory.Time, "Thôn Mới", from: new DateOnly(2026, 3, 1));
        }

        var response = await app.Client.GetAsync($"/api/v1/residential-units/export?commune={UnitBuilder.Xa}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(XlsxWriter.ContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"thon-to-dan-pho-{UnitBuilder.Xa}-2026-11-21.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(XlsxReader.TryRead(new MemoryStream(bytes), name => name == UnitSheet.DataSheetName, 100, out var rows));
        Assert.Equal(["Thôn Mới", "Thôn Suối Hoa"], rows.Skip(1).Select(r => r[4].Text));

        var before = await app.Client.GetByteArrayAsync($"/api/v1/residential-units/export?commune={UnitBuilder.Xa}&asOf=2026-01-01");
        Assert.True(XlsxReader.TryRead(new MemoryStream(before), name => name == UnitSheet.DataSheetName, 100, out var earlier));
        Assert.Equal(["Thôn Suối Hoa"], earlier.Skip(1).Select(r => r[4].Text));

        var (status, report) = await PostImport(app.Client, bytes, dryRun: true);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, report.GetProperty("updated").GetInt32());

        var missing = await app.Client.GetAsync("/api/v1/residential-units/export?commune=99999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("commune_not_found", (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        var badDate = await app.Client.GetAsync($"/api/v1/residential-units/export?commune={UnitBuilder.Xa}&asOf=hôm-qua");
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
    }

    [Fact]
    public async Task Import_page_checks_then_imports_with_a_table_of_row_errors()
    {
        await using var app = await AppFactory.StartAsync();
        var page = await HtmlPage.GetAsync(app.Client, "/thon-to-dan-pho/nhap");
        var form = page.QuerySelector("form[method=post]")!;
        Assert.Equal("multipart/form-data", form.GetAttribute("enctype"));
        Assert.NotNull(page.QuerySelector("a[href='/api/v1/residential-units/import/template']"));
        Assert.Contains("Chỉ kiểm tra (không ghi)", form.TextContent);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        async Task<HttpResponseMessage> Submit(byte[] file, bool dryRun)
        {
            using var content = Upload(file, "danh-sach.csv");
            content.Add(new StringContent(token), "__RequestVerificationToken");
            content.Add(new StringContent(dryRun ? "true" : "false"), "DryRun");
            return await app.Client.PostAsync("/thon-to-dan-pho/nhap", content);
        }

        var bad = await Submit(ImportUnitsTests.Csv(false, Header, "04831,Thôn Suối Hoa,Thôn,215,870,01/07/2025", "04831,Thôn Bến,Thôn,180,100,"), dryRun: true);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var errors = await HtmlPage.ParseAsync(bad);
        Assert.Contains("Không có dòng nào được ghi", errors.QuerySelector("#import-result")!.TextContent);
        Assert.Equal(["Dòng", "Cột", "Lỗi"], errors.QuerySelectorAll("#import-errors th").Select(th => th.TextContent));
        var cells = errors.QuerySelectorAll("#import-errors tbody td").Select(td => td.TextContent).ToList();
        Assert.Equal(["3", "Số nhân khẩu"], cells.Take(2));
        Assert.Contains("không thể ít hơn số hộ", cells[2]);

        var good = ImportUnitsTests.Csv(false, Header, "04831,Thôn Suối Hoa,Thôn,215,870,01/07/2025", "04831,Thôn Bến,Thôn,180,700,");
        var check = await HtmlPage.ParseAsync(await Submit(good, dryRun: true));
        Assert.Contains("Tệp hợp lệ", check.QuerySelector("#import-result")!.TextContent);
        Assert.Null(check.QuerySelector("#import-errors"));
        Assert.Equal(0, await Total(app.Client));

        var applied = await Submit(good, dryRun: false);
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        var after = await HtmlPage.GetAsync(app.Client, applied.Headers.Location!.OriginalString);
        Assert.Contains("thêm mới 2", after.QuerySelector(".flash")!.TextContent);
        Assert.Equal(2, await Total(app.Client));

        var empty = await HtmlPage.ParseAsync(await Submit([], dryRun: false));
        Assert.Contains("Tệp trống", empty.QuerySelector("#import-result")!.TextContent);
    }

    [Fact]
    public async Task Import_page_refuses_a_post_without_the_antiforgery_token()
    {
        await using var app = await AppFactory.StartAsync();
        using var content = Upload(ImportUnitsTests.Csv(false, Header, "04831,Thôn Suối Hoa,Thôn,215,870,01/07/2025"));
        var response = await app.Client.PostAsync("/thon-to-dan-pho/nhap", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await Total(app.Client));
    }
}
