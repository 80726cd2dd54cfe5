using System.CommandLine;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Grassroots.Cli;
using Grassroots.Documents;
using Grassroots.Features.Accounts;
using Grassroots.Features.People;
using Grassroots.Features.People.Roster;
using Grassroots.Features.Units;
using Grassroots.Tests.Features.Units;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Grassroots.Tests.Features.People.ImportRosterTests;

namespace Grassroots.Tests.Features.People;

/// <summary>The roster over HTTP (API and page) and the command line: template, import with dry run, export as of a date.</summary>
public sealed class RosterApiTests
{
    private static MultipartFormDataContent Upload(byte[] file, string name = "can-bo.xlsx")
    {
        var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(part, "file", name);
        return content;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostImport(HttpClient client, byte[] file, bool dryRun)
    {
        using var content = Upload(file);
        var response = await client.PostAsync($"/api/v1/tenures/import?dryRun={(dryRun ? "true" : "false")}", content);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static async Task<int> TenuresAsync(TestApp app)
    {
        await using var db = app.Database.NewDb();
        return await db.Tenures.CountAsync();
    }

    private static List<SheetRow> Sheet(byte[] xlsx)
    {
        Assert.True(XlsxReader.TryRead(new MemoryStream(xlsx), name => name == RosterSheet.DataSheetName, 1000, out var rows));
        return rows;
    }

    [Fact]
    public async Task Template_has_the_roster_headers_and_a_guide()
    {
        await using var app = await AppFactory.StartAsync();
        var response = await app.Client.GetAsync("/api/v1/tenures/import/template");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(RosterSheet.TemplateFileName, response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(RosterSheet.Layout.Columns.Select(c => c.Header), Assert.Single(Sheet(bytes)).Cells.Select(c => c.Text));
        Assert.True(XlsxReader.TryRead(new MemoryStream(bytes), name => name == RosterSheet.GuideSheetName, 100, out var guide));
        Assert.Contains(guide, r => r[0].Text == "Số CCCD" && r[2].Text.Contains("12 chữ số"));
    }

    [Fact]
    public async Task Import_refuses_a_broken_file_with_every_row_then_applies_the_fixed_one()
    {
        await using var app = await AppFactory.StartAsync();
        await UnitsAsync(app.Database, "Thôn Suối Hoa", "Thôn Bến");
        object?[] broken = Row("Thôn Bến", "Bùi Văn Ba", start: "32/13/2025");
        object?[] good = Row("Thôn Suối Hoa", "Đinh Văn Hùng", nationalId: "017078001234");

        var (status, problem) = await PostImport(app.Client, Xlsx(Headers, good, broken), dryRun: false);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("import_invalid", problem.GetProperty("code").GetString());
        var row = Assert.Single(problem.GetProperty("rows").EnumerateArray());
        Assert.Equal((3, "Ngày bắt đầu", "invalid_date"), (row.GetProperty("row").GetInt32(), row.GetProperty("column").GetString(), row.GetProperty("code").GetString()));
        Assert.Equal(0, await TenuresAsync(app));

        broken[12] = new DateOnly(2025, 9, 1);
        var (dryStatus, dry) = await PostImport(app.Client, Xlsx(Headers, good, broken), dryRun: true);
        Assert.Equal(HttpStatusCode.OK, dryStatus);
        Assert.Equal((true, false, 2, 2), (dry.GetProperty("dryRun").GetBoolean(), dry.GetProperty("applied").GetBoolean(), dry.GetProperty("created").GetInt32(), dry.GetProperty("peopleCreated").GetInt32()));
        Assert.Equal(0, await TenuresAsync(app));

        var (applyStatus, applied) = await PostImport(app.Client, Xlsx(Headers, good, broken), dryRun: false);
        Assert.Equal(HttpStatusCode.OK, applyStatus);
        Assert.True(applied.GetProperty("applied").GetBoolean());
        var list = await app.Client.GetFromJsonAsync<JsonElement>($"/api/v1/tenures?commune={UnitBuilder.Xa}&position=unitHead");
        Assert.Equal(["Bùi Văn Ba", "Đinh Văn Hùng"], list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("fullName").GetString()));
    }

    [Fact]
    public async Task A_commune_officer_imports_only_into_their_own_commune()
    {
        await using var app = await AppFactory.StartAsync();
        await UnitsAsync(app.Database, "Thôn Suối Hoa", "Thôn Bến");
        await UnitsAsync(app.Database, "Thôn Khác Một", "Thôn Khác Hai", UnitBuilder.OtherXa);
        using var officer = await app.ClientForAsync("cb.dabac", Role.CommuneOfficer, UnitBuilder.Xa);

        var (status, problem) = await PostImport(officer, Xlsx(Headers,
            Row("Thôn Suối Hoa", "Đinh Văn Hùng"), Row("Thôn Khác Một", "Lê Văn Ngoài", commune: UnitBuilder.OtherXa)), dryRun: true);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var row = Assert.Single(problem.GetProperty("rows").EnumerateArray());
        Assert.Equal(("unit_not_found", 3), (row.GetProperty("code").GetString(), row.GetProperty("row").GetInt32()));

        using var viewer = await app.ClientForAsync("xem.dabac", Role.Viewer, UnitBuilder.Xa);
        using var content = Upload(Xlsx(Headers, Row("Thôn Suối Hoa", "Đinh Văn Hùng")));
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync("/api/v1/tenures/import", content)).StatusCode);
    }

    /// <summary>
    /// The province officer's export of the heads as of 01/01/2026: only heads held that day, across the province's
    /// communes, sorted by given name the Vietnamese way (Anh, Ánh, Ân, Bình, Đức).
    /// </summary>
    [Fact]
    public async Task Province_heads_as_of_a_date_export_in_vietnamese_order_and_masked_for_viewers()
    {
        await using var app = await AppFactory.StartAsync();
        await UnitsAsync(app.Database, "Thôn Một", "Thôn Hai");
        await UnitsAsync(app.Database, "Thôn Ba", "Thôn Bốn", UnitBuilder.OtherXa);
        await UnitsAsync(app.Database, "Thôn Năm", "Thôn Sáu");
        var applied = await ImportViaApiAsync(app, Xlsx(Headers,
            Row("Thôn Một", "Nguyễn Văn Đức", nationalId: "017078001234"),
            Row("Thôn Hai", "Trần Thị Ánh", gender: "Nữ", born: new DateOnly(1981, 1, 1)),
            Row("Thôn Ba", "Lê Văn Ân", commune: UnitBuilder.OtherXa),
            Row("Thôn Bốn", "Phạm Văn Anh", commune: UnitBuilder.OtherXa),
            Row("Thôn Năm", "Hoàng Văn Bình"),
            Row("Thôn Sáu", "Vũ Văn Cũ", end: new DateOnly(2025, 12, 31), endReason: "Xin thôi"),
            Row("Thôn Sáu", "Đỗ Văn Mới", start: new DateOnly(2026, 2, 1)),
            Row("Thôn Một", "Mai Văn Phó", position: "Phó trưởng thôn")));
        Assert.Equal(8, applied.GetProperty("created").GetInt32());
        using var province = await app.ClientForAsync("so.noivu", Role.ProvinceOfficer, "25");

        var response = await province.GetAsync("/api/v1/tenures/export?province=25&asOf=2026-01-01&position=UnitHead");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("can-bo-thon-to-dan-pho-25-2026-01-01.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var rows = Sheet(await response.Content.ReadAsByteArrayAsync());
        var name = rows[0].Cells.ToList().FindIndex(c => c.Text == "Họ và tên");
        var cccd = rows[0].Cells.ToList().FindIndex(c => c.Text == "Số CCCD");
        Assert.Equal(["Phạm Văn Anh", "Trần Thị Ánh", "Lê Văn Ân", "Hoàng Văn Bình", "Nguyễn Văn Đức"], rows.Skip(1).Select(r => r[name].Text));
        Assert.Equal("017078001234", rows.Last()[cccd].Text);

        // The page's export link gives the same file.
        var page = await province.GetAsync("/can-bo/xuat?province=25&asOf=2026-01-01&position=UnitHead");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(rows.Select(r => r[name].Text), Sheet(await page.Content.ReadAsByteArrayAsync()).Select(r => r[name].Text));

        // A viewer gets identifiers masked; that file still imports back unchanged, people matched by "Mã người".
        using var viewer = await app.ClientForAsync("xem.tinh", Role.Viewer, "25");
        var masked = await viewer.GetByteArrayAsync("/api/v1/tenures/export?province=25&asOf=2026-01-01");
        var maskedRows = Sheet(masked);
        Assert.Equal("0170******34", maskedRows.Single(r => r[name].Text == "Nguyễn Văn Đức")[cccd].Text);
        Assert.All(maskedRows.Skip(1), r => Assert.Equal("****", r[rows[0].Cells.ToList().FindIndex(c => c.Text == "Ngày sinh")].Text));
        var (status, again) = await PostImport(app.Client, masked, dryRun: true);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((0, 6), (again.GetProperty("created").GetInt32(), again.GetProperty("unchanged").GetInt32()));

        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync("/api/v1/tenures/export?province=01")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await viewer.GetAsync("/api/v1/tenures/export?province=25&asOf=hôm-qua")).StatusCode);
    }

    [Fact]
    public async Task LibreOffice_opens_the_export_with_vietnamese_text_and_dates()
    {
        await using var app = await AppFactory.StartAsync();
        await UnitsAsync(app.Database, "Thôn Suối Hoa", "Thôn Bến");
        await ImportViaApiAsync(app, Xlsx(Headers, Row("Thôn Suối Hoa", "Đinh Văn Hùng", nationalId: "017078001234", party: "Có")));
        var dir = Directory.CreateTempSubdirectory("grassroots-roster-");
        try
        {
            var xlsx = Path.Combine(dir.FullName, "can-bo.xlsx");
            await File.WriteAllBytesAsync(xlsx, await app.Client.GetByteArrayAsync($"/api/v1/tenures/export?commune={UnitBuilder.Xa}"));
            var csv = await LibreOffice.ConvertAsync(xlsx, "csv:Text - txt - csv (StarCalc):44,34,76,1", Path.Combine(dir.FullName, "csv"));
            var lines = (await File.ReadAllTextAsync(csv)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
            Assert.Equal(2, lines.Count);
            Assert.StartsWith("\"Mã người\",\"Mã xã/phường\",\"Tên xã/phường\",\"Tên thôn/tổ dân phố\",\"Họ và tên\"", lines[0]);
            Assert.Contains("\"04831\",\"Xã Đà Bắc\",\"Thôn Suối Hoa\",\"Đinh Văn Hùng\",\"Nam\",12/03/1978,48,\"Kinh\"", lines[1]);
            Assert.Contains(",\"Trưởng thôn\",\"Bầu\",\"2025-2030\",01/08/2025,", lines[1]);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Import_page_shows_the_broken_rows_errors_then_imports_the_fixed_file()
    {
        await using var app = await AppFactory.StartAsync();
        await UnitsAsync(app.Database, "Thôn Suối Hoa", "Thôn Bến");
        var page = await HtmlPage.GetAsync(app.Client, "/can-bo/nhap");
        Assert.NotNull(page.QuerySelector("a[href='/api/v1/tenures/import/template']"));
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        async Task<HttpResponseMessage> Submit(byte[] file, bool dryRun)
        {
            using var content = Upload(file);
            content.Add(new StringContent(token), "__RequestVerificationToken");
            content.Add(new StringContent(dryRun ? "true" : "false"), "DryRun");
            return await app.Client.PostAsync("/can-bo/nhap", content);
        }

        object?[] deputy = Row("Thôn Bến", "Lò Văn Trẻ", position: "Phó trưởng thôn", born: new DateOnly(2005, 1, 10), nationalId: "014204001234");
        var bad = await HtmlPage.ParseAsync(await Submit(Xlsx(Headers, Row("Thôn Suối Hoa", "Đinh Văn Hùng"), deputy), dryRun: false));
        Assert.Contains("Không có dòng nào được ghi", bad.QuerySelector("#import-result")!.TextContent);
        var cells = bad.QuerySelectorAll("#import-errors tbody td").Select(td => td.TextContent).ToList();
        Assert.Equal(["3", "Số CCCD"], cells.Take(2));
        Assert.Contains("năm sinh 2004", cells[2], StringComparison.Ordinal);
        Assert.Equal(3, cells.Count);
        Assert.Equal(0, await TenuresAsync(app));

        deputy[6] = "014205001234";
        var valid = Xlsx(Headers, Row("Thôn Suối Hoa", "Đinh Văn Hùng"), deputy);
        var check = await HtmlPage.ParseAsync(await Submit(valid, dryRun: true));
        Assert.Contains("sẽ ghi nhận 2 chức danh", check.QuerySelector("#import-result")!.TextContent);
        Assert.Contains("R-ELIG-02", check.QuerySelector("#import-warnings")!.TextContent);

        var applied = await Submit(valid, dryRun: false);
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        var after = await HtmlPage.GetAsync(app.Client, applied.Headers.Location!.OriginalString);
        Assert.Contains("ghi nhận 2 chức danh", after.QuerySelector(".flash")!.TextContent);
        Assert.Equal(2, await TenuresAsync(app));
        var review = await HtmlPage.GetAsync(app.Client, $"/can-xem-xet?xa={UnitBuilder.Xa}");
        Assert.Contains("Lò Văn Trẻ", review.Body!.TextContent);
        // The audit trail names the import and what it created in Vietnamese.
        var audit = (await HtmlPage.GetAsync(app.Client, "/nhat-ky")).Body!.TextContent;
        Assert.Contains("Nhập danh sách cán bộ từ Excel", audit);
        Assert.Contains("Chức danh, nhiệm kỳ", audit);
        Assert.Contains("Phó Trưởng thôn", audit);
    }

    [Fact]
    public async Task Command_line_import_and_export_of_the_roster()
    {
        await using var app = await AppFactory.StartAsync();
        await UnitsAsync(app.Database, "Thôn Suối Hoa", "Thôn Bến");
        var dir = Directory.CreateTempSubdirectory("grassroots-roster-cli-");
        try
        {
            var file = Path.Combine(dir.FullName, "can-bo.csv");
            await File.WriteAllBytesAsync(file, Utf8Csv("Mã xã/phường,Tên thôn/tổ dân phố,Họ và tên,Giới tính,Ngày sinh,Chức danh,Ngày bắt đầu",
                "04831,Thôn Suối Hoa,Đinh Văn Hùng,Nam,12/03/1978,Trưởng thôn,01/08/2025",
                "04831,Thôn Bến,Bùi Văn Ba,Nam,,Trưởng thôn,hôm qua"));
            var failed = await RunAsync(Commands.Import(app.Factory.Services), "roster", file);
            Assert.Equal(1, failed.Exit);
            Assert.Contains("Dòng 3, cột \"Ngày bắt đầu\": \"hôm qua\" không phải là ngày hợp lệ", failed.Error);
            Assert.Contains("Không có dòng nào được ghi", failed.Error);
            Assert.Equal(0, await TenuresAsync(app));

            await File.WriteAllBytesAsync(file, Utf8Csv("Mã xã/phường,Tên thôn/tổ dân phố,Họ và tên,Giới tính,Ngày sinh,Chức danh,Ngày bắt đầu",
                "04831,Thôn Suối Hoa,Đinh Văn Hùng,Nam,12/03/1978,Trưởng thôn,01/08/2025",
                "04831,Thôn Bến,Bùi Văn Ba,Nam,,Trưởng thôn,01/09/2025"));
            var dry = await RunAsync(Commands.Import(app.Factory.Services), "roster", file, "--dry-run");
            Assert.Equal(0, dry.Exit);
            Assert.Contains("sẽ ghi nhận 2 chức danh (2 người mới)", dry.Output);
            Assert.Equal(0, await TenuresAsync(app));
            Assert.Equal(0, (await RunAsync(Commands.Import(app.Factory.Services), "roster", file)).Exit);
            Assert.Equal(2, await TenuresAsync(app));

            var output = Path.Combine(dir.FullName, "xuat.xlsx");
            var export = await RunAsync(Commands.Export(app.Factory.Services), "roster", "--province", "25", "--position", "UnitHead", "--as-of", "2026-01-01", "--output", output);
            Assert.Equal(0, export.Exit);
            Assert.Contains("Đã xuất 2 dòng của Tỉnh Phú Thọ (ngày 01/01/2026)", export.Output);
            Assert.Equal(3, Sheet(await File.ReadAllBytesAsync(output)).Count);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private sealed record Run(int Exit, string Output, string Error);

    private static async Task<Run> RunAsync(Command command, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await command.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return new Run(exit, output.ToString(), error.ToString());
    }

    private static async Task<JsonElement> ImportViaApiAsync(TestApp app, byte[] file)
    {
        var (status, report) = await PostImport(app.Client, file, dryRun: false);
        Assert.True(status == HttpStatusCode.OK, report.ToString());
        return report;
    }
}
