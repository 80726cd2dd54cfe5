using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Documents;
using Grassroots.Features.Units;
using Grassroots.Features.Units.Import;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Grassroots.Tests.Features.Units;

public sealed class ImportUnitsTests
{
    private static readonly FixedClock Clock = new();

    /// <summary>Đặc khu Bạch Long Vĩ (Hải Phòng): a code first used on 2025-07-01.</summary>
    private const string NewIn2025 = "11948";
    /// <summary>Phường Phúc Xá (Hà Nội): abolished in 2025, no start date in the catalog.</summary>
    private const string Abolished = "00001";

    private static readonly string[] NewHeaders =
        ["Mã xã/phường", "Tên thôn/tổ dân phố", "Loại", "Số hộ", "Số nhân khẩu", "Số liệu tính đến ngày", "Phân loại", "Ngày thành lập"];

    // ---- dry run and all-or-nothing ----

    [Fact]
    public async Task Dry_run_reports_every_rows_errors_at_once_and_writes_nothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        var file = Xlsx(NewHeaders,
            [UnitBuilder.Xa, "Thôn Suối Hoa", "Thôn", 215, 870, null, "Loại 2", new DateOnly(2025, 7, 1)],
            [UnitBuilder.Xa, "Thôn Bến", "Thôn", "hai trăm", 870, null, "Loại 9", new DateOnly(2025, 7, 1)],
            ["99999", "Thôn Lạ", "Thôn", 200, 800, null, null, "01/07/2025"],
            [UnitBuilder.Xa, "Thôn Mới", "Thôn", 200, 800, new DateOnly(2027, 1, 1), null, "31/12/2030"],
            [UnitBuilder.Phuong, "Thôn Sai Loại", "Thôn", 200, 800, null, "1", null]);

        var report = await ImportAsync(database, file, dryRun: true);

        Assert.False(report.Succeeded);
        Assert.False(report.Applied);
        Assert.Null(report.FileError);
        AssertError(report, 3, "Số hộ", "not_a_number", "không phải là số nguyên");
        AssertError(report, 3, "Phân loại", "invalid_classification", "Phân loại \"Loại 9\" không hợp lệ");
        AssertError(report, 4, "Mã xã/phường", "commune_not_found", "Không có xã/phường/đặc khu mã 99999");
        AssertError(report, 5, "Ngày thành lập", "future_date", "trong tương lai");
        AssertError(report, 5, "Số liệu tính đến ngày", "future_date", "trong tương lai");
        AssertError(report, 6, "Loại", "kind_mismatch", "phải là tổ dân phố");
        Assert.DoesNotContain(report.Errors, e => e.Row == 2);
        Assert.Equal(0, await CountAsync(database));
    }

    [Fact]
    public async Task Dry_run_of_a_valid_file_counts_the_rows_but_writes_nothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        var file = Xlsx(NewHeaders,
            [UnitBuilder.Xa, "Thôn Suối Hoa", "Thôn", 215, 870, null, "Loại 2", new DateOnly(2025, 7, 1)],
            [UnitBuilder.Xa, "Thôn Bến", "Thôn", 180, 700, null, null, new DateOnly(2025, 7, 1)]);

        var report = await ImportAsync(database, file, dryRun: true);

        Assert.True(report.Succeeded, Describe(report));
        Assert.False(report.Applied);
        Assert.Equal((2, 2, 0), (report.Rows, report.Created, report.Updated));
        Assert.Equal(0, await CountAsync(database));
    }

    [Fact]
    public async Task Apply_is_all_or_nothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        object?[] good1 = [UnitBuilder.Xa, "Thôn Suối Hoa", "Thôn", 215, 870, "01/10/2026", "Loại 2", "01/07/2025"];
        object?[] good2 = [UnitBuilder.Xa, "Thôn Bến", "Thôn", 180, 700, null, null, "01/07/2025"];

        var failed = await ImportAsync(database, Xlsx(NewHeaders, good1, good2, [UnitBuilder.Xa, "Thôn Cuối", "Thôn", 100, 50, null, null, "01/07/2025"]));
        var error = Assert.Single(failed.Errors);
        Assert.Equal((4, "Số nhân khẩu", "population_below_households"), (error.Row, error.Column, error.Code));
        Assert.False(failed.Applied);
        Assert.Equal(0, await CountAsync(database));

        var applied = await ImportAsync(database, Xlsx(NewHeaders, good1, good2, [UnitBuilder.Xa, "Thôn Cuối", "Thôn", 100, 450, null, null, "01/07/2025"]));
        Assert.True(applied.Applied, Describe(applied));
        Assert.Equal((3, 3, 0), (applied.Rows, applied.Created, applied.Updated));
        var units = await UnitsAsync(database);
        Assert.Equal(["Thôn Bến", "Thôn Cuối", "Thôn Suối Hoa"], units.Select(u => u.Name));
        var suoiHoa = units.Single(u => u.Name == "Thôn Suối Hoa");
        Assert.Equal((215, 870, new DateOnly(2026, 10, 1), UnitClass.Class2, new DateOnly(2025, 7, 1)),
            (suoiHoa.HouseholdCount, suoiHoa.Population, suoiHoa.CountsAsOf, suoiHoa.Classification, suoiHoa.ValidFrom));
    }

    [Fact]
    public async Task Rule_warnings_are_reported_per_row_without_stopping_the_import()
    {
        await using var database = await TestDatabase.CreateAsync();
        var report = await ImportAsync(database, Xlsx(NewHeaders, [UnitBuilder.Xa, "Thôn Nhỏ", "Thôn", 20, 80, null, null, "01/07/2025"]));
        Assert.True(report.Applied, Describe(report));
        Assert.NotEmpty(report.Warnings);
        Assert.All(report.Warnings, w => Assert.Equal(2, w.Row));
        Assert.Contains(report.Warnings, w => w.Message.Contains("R-UNIT-03") && w.Message.Contains("20 hộ"));
        Assert.Equal(1, await CountAsync(database));
    }

    // ---- formats ----

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Csv_in_utf8_with_or_without_bom(bool bom)
    {
        await using var database = await TestDatabase.CreateAsync();
        var file = Csv(bom,
            "Mã xã/phường,Tên thôn/tổ dân phố,Loại,Số hộ,Số nhân khẩu,Phân loại,Ngày thành lập,Ghi chú",
            "04831,Thôn Đồng Xuân,Thôn,\"1.215\",4870,Loại 1,01/07/2025,\"Tách từ thôn cũ, theo nghị quyết\"",
            "4831,Thôn Suối Hoa,thon,215,870,2,2025-07-01,");

        var report = await ImportAsync(database, file);

        Assert.True(report.Applied, Describe(report));
        var units = await UnitsAsync(database);
        Assert.Equal(["Thôn Đồng Xuân", "Thôn Suối Hoa"], units.Select(u => u.Name));
        Assert.Equal(1215, units[0].HouseholdCount);
        Assert.Equal(UnitClass.Class2, units[1].Classification);
    }

    [Fact]
    public async Task Excel_date_cells_and_text_dates_are_both_read()
    {
        await using var database = await TestDatabase.CreateAsync();
        var file = Xlsx(NewHeaders,
            [UnitBuilder.Xa, "Thôn A", "Thôn", 200, 800, new DateOnly(2026, 9, 30), null, new DateOnly(2025, 8, 15)],
            [UnitBuilder.Xa, "Thôn B", "Thôn", 200, 800, "30/09/2026", null, "15/08/2025"]);

        var report = await ImportAsync(database, file);

        Assert.True(report.Applied, Describe(report));
        Assert.All(await UnitsAsync(database), u => Assert.Equal((new DateOnly(2026, 9, 30), new DateOnly(2025, 8, 15)), (u.CountsAsOf, u.ValidFrom)));
    }

    [Fact]
    public async Task Headers_match_without_case_diacritics_or_extra_spaces_and_unknown_columns_are_ignored()
    {
        await using var database = await TestDatabase.CreateAsync();
        var file = Csv(false,
            "STT,  MA XA / PHUONG ,ten thon/to dan pho,LOẠI,so ho,Trạng thái,Tên xã/phường",
            "1,00004,Tổ dân phố số 5,tổ dân phố,300,Đang hoạt động,Tên bất kỳ");

        var report = await ImportAsync(database, file);

        Assert.True(report.Applied, Describe(report));
        var unit = Assert.Single(await UnitsAsync(database, UnitBuilder.Phuong));
        Assert.Equal(("Tổ dân phố số 5", UnitKind.ResidentialGroup, 300), (unit.Name, unit.Kind, unit.HouseholdCount));
    }

    [Fact]
    public async Task A_header_below_a_title_row_is_found()
    {
        await using var database = await TestDatabase.CreateAsync();
        var file = Csv(false, "DANH SÁCH THÔN XÃ ĐÀ BẮC,,", "", "Mã xã/phường,Tên thôn/tổ dân phố,Loại", "04831,Thôn Suối Hoa,Thôn");
        var report = await ImportAsync(database, file);
        Assert.True(report.Applied, Describe(report));
        Assert.Equal(1, await CountAsync(database));
    }

    // ---- bad files ----

    [Fact]
    public async Task A_file_that_is_not_a_spreadsheet_is_refused_by_its_content()
    {
        await using var database = await TestDatabase.CreateAsync();
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52];
        byte[] latin1 = Encoding.Latin1.GetBytes("Mã xã/phường,Tên thôn/tổ dân phố,Loại\n04831,Thôn Bến,Thôn\n");
        byte[] xls = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        await using (var entry = archive.CreateEntry("readme.txt").Open())
            entry.Write("không phải bảng tính"u8);
        var truncatedXlsx = Template()[..300];

        foreach (var file in new[] { png, latin1, xls, zip.ToArray(), truncatedXlsx })
        {
            var report = await ImportAsync(database, file);
            Assert.Equal("file_not_spreadsheet", report.FileError?.Code);
            Assert.Contains("bảng tính", report.FileError!.Message);
        }
        Assert.Equal(0, await CountAsync(database));
    }

    [Fact]
    public async Task An_empty_file_or_one_with_only_the_header_is_refused()
    {
        await using var database = await TestDatabase.CreateAsync();
        var empty = await ImportAsync(database, []);
        Assert.Equal("file_empty", empty.FileError?.Code);
        Assert.Equal("Tệp trống: không có dữ liệu nào để nhập.", empty.FileError!.Message);

        var headerOnly = await ImportAsync(database, Csv(true, "Mã xã/phường,Tên thôn/tổ dân phố,Loại", ",,", ""));
        Assert.Equal("file_empty", headerOnly.FileError?.Code);
        Assert.Contains("chỉ có dòng tiêu đề", headerOnly.FileError!.Message);

        // The template's guide sheet (with its example) is never imported.
        var template = await ImportAsync(database, Template());
        Assert.Equal("file_empty", template.FileError?.Code);
        Assert.Equal(0, await CountAsync(database));
    }

    [Fact]
    public async Task A_file_over_the_configured_size_limit_is_refused()
    {
        await using var database = await TestDatabase.CreateAsync();
        var file = Csv(false, "Mã xã/phường,Tên thôn/tổ dân phố,Loại", "04831,Thôn Suối Hoa,Thôn");
        var report = await ImportAsync(database, file, maxBytes: file.Length - 1);
        Assert.Equal("file_too_large", report.FileError?.Code);
        Assert.Contains("lớn hơn giới hạn", report.FileError!.Message);
        Assert.Equal(0, await CountAsync(database));

        Assert.True((await ImportAsync(database, file, maxBytes: file.Length)).Applied);
    }

    [Fact]
    public async Task A_wrong_or_missing_header_names_the_missing_columns()
    {
        await using var database = await TestDatabase.CreateAsync();
        var report = await ImportAsync(database, Csv(false, "Mã xã,Tên đơn vị,Kiểu", "04831,Thôn Suối Hoa,Thôn"));
        Assert.Equal("header_invalid", report.FileError?.Code);
        Assert.Equal(["Tên thôn/tổ dân phố", "Loại"], report.Errors.Select(e => e.Column));
        Assert.All(report.Errors, e => Assert.Equal((1, "column_missing"), (e.Row, e.Code)));
        Assert.Contains("Thiếu cột \"Loại\"", report.FileError!.Message);

        var semicolons = await ImportAsync(database, Csv(false, "Mã xã/phường;Tên thôn/tổ dân phố;Loại", "04831;Thôn Suối Hoa;Thôn"));
        Assert.Contains("dấu phẩy", semicolons.FileError?.Message);

        var noVersion = await ImportAsync(database, Csv(false, "Mã đơn vị,Mã xã/phường,Tên thôn/tổ dân phố,Loại", ",04831,Thôn Suối Hoa,Thôn"));
        Assert.Equal("Phiên bản", Assert.Single(noVersion.Errors).Column);

        var twice = await ImportAsync(database, Csv(false, "Mã xã/phường,Tên thôn/tổ dân phố,Loại,Số hộ,Số hộ gia đình", "04831,Thôn Suối Hoa,Thôn,1,2"));
        Assert.Equal("column_duplicate", Assert.Single(twice.Errors).Code);
        Assert.Equal(0, await CountAsync(database));
    }

    // ---- row rules ----

    [Fact]
    public async Task Duplicate_names_within_the_file_name_the_earlier_row()
    {
        await using var database = await TestDatabase.CreateAsync();
        var report = await ImportAsync(database, Xlsx(NewHeaders,
            [UnitBuilder.Xa, "Thôn Suối Hoa", "Thôn", 200, 800, null, null, "01/07/2025"],
            [UnitBuilder.Xa, "Thôn Bến", "Thôn", 200, 800, null, null, "01/07/2025"],
            [UnitBuilder.Xa, "thôn  suối hoa", "Thôn", 200, 800, null, null, "01/07/2025"],
            [UnitBuilder.OtherXa, "Thôn Suối Hoa", "Thôn", 200, 800, null, null, "01/07/2025"]));

        var error = Assert.Single(report.Errors);
        Assert.Equal((4, "Tên thôn/tổ dân phố", "name_duplicate_in_file"), (error.Row, error.Column, error.Code));
        Assert.Contains("trùng với dòng 2 trong tệp", error.Message);
        Assert.Equal(0, await CountAsync(database));
    }

    [Fact]
    public async Task A_name_already_in_the_database_is_an_error()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.NewDb())
            await UnitBuilder.EstablishAsync(db, Clock, "Thôn Suối Hoa");

        var report = await ImportAsync(database, Xlsx(NewHeaders, [UnitBuilder.Xa, "THÔN SUỐI HOA", "Thôn", 200, 800, null, null, "01/07/2025"]));

        var error = Assert.Single(report.Errors);
        Assert.Equal((2, "Tên thôn/tổ dân phố", "name_duplicate"), (error.Row, error.Column, error.Code));
        Assert.Equal(1, await CountAsync(database));
    }

    [Fact]
    public async Task A_blank_establishment_date_is_the_day_the_commune_began()
    {
        await using var database = await TestDatabase.CreateAsync();
        var report = await ImportAsync(database, Xlsx(NewHeaders, [UnitBuilder.Phuong, "Tổ dân phố số 1", "Tổ dân phố", 300, 1200, null, null, null]));
        Assert.True(report.Applied, Describe(report));
        Assert.Equal(new DateOnly(2025, 7, 1), Assert.Single(await UnitsAsync(database, UnitBuilder.Phuong)).ValidFrom);

        var unknownStart = await ImportAsync(database, Xlsx(NewHeaders, [Abolished, "Tổ dân phố số 1", "Tổ dân phố", 300, 1200, null, null, null]));
        AssertError(unknownStart, 2, "Ngày thành lập", "effective_date_required", "Phường Phúc Xá");
        Assert.Equal(1, await CountAsync(database));
    }

    [Fact]
    public async Task A_date_before_the_commune_existed_is_an_error()
    {
        await using var database = await TestDatabase.CreateAsync();
        var report = await ImportAsync(database, Xlsx(NewHeaders, [NewIn2025, "Thôn Đảo", "Thôn", 200, 800, null, null, "01/01/2025"]));
        var error = Assert.Single(report.Errors);
        Assert.Equal(("Ngày thành lập", "commune_not_yet_valid"), (error.Column, error.Code));
        Assert.Contains("trước khi xã/phường này tồn tại", error.Message);
        Assert.Equal(0, await CountAsync(database));

        // A reused code: 04831 is today's Xã Đà Bắc (from 2025-07-01) and was Thị trấn Đà Bắc before. The file lists
        // today's communes, so an earlier date is refused rather than filing the unit under the old township.
        var reused = await ImportAsync(database, Xlsx(NewHeaders, [UnitBuilder.Xa, "Thôn Xưa", "Thôn", 200, 800, null, null, "01/01/2024"]));
        var reusedError = Assert.Single(reused.Errors);
        Assert.Equal(("Ngày thành lập", "commune_not_yet_valid"), (reusedError.Column, reusedError.Code));
        Assert.Contains("Xã Đà Bắc", reusedError.Message);
        Assert.Equal(0, await CountAsync(database));
    }

    [Fact]
    public async Task Text_where_a_number_or_a_date_belongs_is_an_error_in_that_cell()
    {
        await using var database = await TestDatabase.CreateAsync();
        var report = await ImportAsync(database, Xlsx(NewHeaders,
            [UnitBuilder.Xa, "Thôn A", "Thôn", "200 hộ", "1,5", "hôm qua", "4", "1/7"],
            [UnitBuilder.Xa, "Thôn B", "Làng", 200, 800, null, null, "01/07/2025"]));
        var longNote = await ImportAsync(database, Csv(false, "Mã xã/phường,Tên thôn/tổ dân phố,Loại,Ghi chú", "04831,Thôn C,Thôn," + new string('x', 1001)));

        AssertError(report, 2, "Số hộ", "not_a_number", "\"200 hộ\" không phải là số nguyên");
        AssertError(report, 2, "Số nhân khẩu", "not_a_number", "\"1,5\"");
        AssertError(report, 2, "Số liệu tính đến ngày", "invalid_date", "dd/MM/yyyy");
        AssertError(report, 2, "Phân loại", "invalid_classification", "\"4\"");
        AssertError(report, 2, "Ngày thành lập", "invalid_date", "\"1/7\"");
        AssertError(report, 3, "Loại", "invalid_kind", "chỉ nhận \"Thôn\" hoặc \"Tổ dân phố\"");
        Assert.Equal(6, report.Errors.Count);
        AssertError(longNote, 2, "Ghi chú", "note_too_long", "Ghi chú dài quá 1.000 ký tự");
        Assert.Equal(0, await CountAsync(database));
    }

    // ---- round trip: export → edit → import ----

    [Fact]
    public async Task Export_edit_import_updates_the_same_units_and_adds_new_rows()
    {
        await using var database = await TestDatabase.CreateAsync();
        int suoiHoa, ben;
        await using (var db = database.NewDb())
        {
            suoiHoa = (await UnitBuilder.EstablishAsync(db, Clock, "Thôn Suối Hoa", households: 200, population: 800)).Id;
            ben = (await UnitBuilder.EstablishAsync(db, Clock, "Thôn Bến", households: 180, population: 700)).Id;
        }
        var exported = await ExportAsync(database, UnitBuilder.Xa);
        var sheet = EditableSheet.Read(UnitSheet.DataSheetName, exported);
        Assert.Equal(UnitSheet.Columns.Select(c => c.Header), sheet.Headers);
        Assert.Equal([ben, suoiHoa], sheet.Rows.Select(r => int.Parse(r[0])));

        sheet.Set(sheet.RowOf(suoiHoa), "Số hộ", "215");
        sheet.Set(sheet.RowOf(suoiHoa), "Số nhân khẩu", "870");
        sheet.Set(sheet.RowOf(suoiHoa), "Số liệu tính đến ngày", "01/11/2026");
        sheet.Set(sheet.RowOf(suoiHoa), "Phân loại", "Loại 1");
        sheet.Set(sheet.RowOf(ben), "Tên gọi địa phương", "bản");
        sheet.Set(sheet.RowOf(ben), "Trạng thái", "bất kỳ: cột này bị bỏ qua");
        sheet.Add(("Mã xã/phường", UnitBuilder.Xa), ("Tên thôn/tổ dân phố", "Thôn Mới"), ("Loại", "Thôn"), ("Số hộ", "160"));

        var report = await ImportAsync(database, sheet.ToXlsx());

        Assert.True(report.Applied, Describe(report));
        Assert.Equal((3, 1, 2), (report.Rows, report.Created, report.Updated));
        var units = (await UnitsAsync(database)).ToDictionary(u => u.Name);
        Assert.Equal((215, 870, new DateOnly(2026, 11, 1), UnitClass.Class1, 2),
            (units["Thôn Suối Hoa"].HouseholdCount, units["Thôn Suối Hoa"].Population, units["Thôn Suối Hoa"].CountsAsOf, units["Thôn Suối Hoa"].Classification, units["Thôn Suối Hoa"].Version));
        Assert.Equal(("bản", 180, 700), (units["Thôn Bến"].LocalLabel, units["Thôn Bến"].HouseholdCount, units["Thôn Bến"].Population));
        Assert.Equal(160, units["Thôn Mới"].HouseholdCount);
    }

    [Fact]
    public async Task A_column_left_out_keeps_the_units_values()
    {
        await using var database = await TestDatabase.CreateAsync();
        int id;
        await using (var db = database.NewDb())
        {
            var unit = await UnitBuilder.EstablishAsync(db, Clock, "Thôn Suối Hoa", households: 200, population: 800);
            Assert.True((await new UpdateUnit(db, Clock).RunAsync(new UpdateUnitInput(unit.Id, unit.Version, 200, 800, new DateOnly(2026, 1, 1), UnitClass.Class3, "xóm"), default)).Succeeded);
            id = unit.Id;
        }
        var report = await ImportAsync(database, Csv(false,
            "Mã đơn vị,Phiên bản,Mã xã/phường,Tên thôn/tổ dân phố,Loại,Số hộ", $"{id},2,04831,Thôn Suối Hoa,Thôn,210"));

        Assert.True(report.Applied, Describe(report));
        var row = Assert.Single(await UnitsAsync(database));
        Assert.Equal((210, 800, new DateOnly(2026, 11, 21), UnitClass.Class3, "xóm"), (row.HouseholdCount, row.Population, row.CountsAsOf, row.Classification, row.LocalLabel));
    }

    [Fact]
    public async Task A_stale_version_is_a_row_error_and_never_overwrites()
    {
        await using var database = await TestDatabase.CreateAsync();
        int id;
        await using (var db = database.NewDb())
            id = (await UnitBuilder.EstablishAsync(db, Clock, "Thôn Suối Hoa", households: 200, population: 800)).Id;
        var sheet = EditableSheet.Read(UnitSheet.DataSheetName, await ExportAsync(database, UnitBuilder.Xa));
        // Someone else changes the unit after the export.
        await using (var db = database.NewDb())
            Assert.True((await new UpdateUnit(db, Clock).RunAsync(new UpdateUnitInput(id, 1, 250, 900, null, null, "thôn"), default)).Succeeded);
        sheet.Set(0, "Số hộ", "999");
        sheet.Set(0, "Số nhân khẩu", "3000");
        sheet.Add(("Mã xã/phường", UnitBuilder.Xa), ("Tên thôn/tổ dân phố", "Thôn Mới"), ("Loại", "Thôn"));

        var report = await ImportAsync(database, sheet.ToXlsx());

        var error = Assert.Single(report.Errors);
        Assert.Equal((2, "Phiên bản", "concurrency_conflict"), (error.Row, error.Column, error.Code));
        Assert.Contains("vừa được người khác thay đổi", error.Message);
        var unit = Assert.Single(await UnitsAsync(database));
        Assert.Equal((250, 900, 2), (unit.HouseholdCount, unit.Population, unit.Version));
    }

    [Fact]
    public async Task Update_rows_check_their_id_version_and_the_fields_that_change_only_by_event()
    {
        await using var database = await TestDatabase.CreateAsync();
        int a, b;
        await using (var db = database.NewDb())
        {
            a = (await UnitBuilder.EstablishAsync(db, Clock, "Thôn A")).Id;
            b = (await UnitBuilder.EstablishAsync(db, Clock, "Thôn B")).Id;
        }
        var report = await ImportAsync(database, Csv(false,
            "Mã đơn vị,Phiên bản,Mã xã/phường,Tên thôn/tổ dân phố,Loại,Số hộ",
            $"{a},1,04831,Thôn A Mới,Thôn,210",
            $"{b},,04831,Thôn B,Thôn,210",
            $"{b},1,04846,Thôn B,Thôn,210",
            "9999,1,04831,Thôn C,Thôn,210",
            "abc,1,04831,Thôn D,Thôn,210"));

        AssertError(report, 2, "Tên thôn/tổ dân phố", "name_changed", "chức năng Đổi tên");
        AssertError(report, 3, "Phiên bản", "version_required", "Thiếu phiên bản");
        AssertError(report, 4, "Mã đơn vị", "id_duplicate_in_file", "đã có ở dòng 3");
        AssertError(report, 5, "Mã đơn vị", "not_found", "Không có thôn/tổ dân phố nào mã 9999");
        AssertError(report, 6, "Mã đơn vị", "not_a_number", "\"abc\"");
        await using var check = database.NewDb();
        Assert.All(await check.ResidentialUnits.ToListAsync(), u => Assert.Equal((1, 200), (u.Version, u.HouseholdCount)));
    }

    // ---- the files themselves, opened by LibreOffice ----

    [Fact]
    public async Task LibreOffice_opens_the_export_and_what_it_saves_imports_back()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.NewDb())
        {
            await UnitBuilder.EstablishAsync(db, Clock, "Thôn Suối Hoa", households: 215, population: 870);
            await UnitBuilder.EstablishAsync(db, Clock, "Thôn Đồng Xuân", households: 180, population: 700);
        }
        var dir = Directory.CreateTempSubdirectory("grassroots-lo-");
        try
        {
            var xlsx = Path.Combine(dir.FullName, "thon.xlsx");
            await File.WriteAllBytesAsync(xlsx, await ExportAsync(database, UnitBuilder.Xa));

            var csv = await LibreOffice.ConvertAsync(xlsx, "csv:Text - txt - csv (StarCalc):44,34,76,1", Path.Combine(dir.FullName, "csv"));
            var lines = (await File.ReadAllTextAsync(csv)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
            Assert.Equal(3, lines.Count);
            Assert.StartsWith("\"Mã đơn vị\",\"Phiên bản\",\"Mã xã/phường\",\"Tên xã/phường\",\"Tên thôn/tổ dân phố\",\"Loại\"", lines[0]);
            Assert.Contains("\"04831\",\"Xã Đà Bắc\",\"Thôn Đồng Xuân\",\"Thôn\",\"thôn\",180,700,", lines[1]);
            Assert.Contains(",01/07/2025,", lines[1]);
            Assert.Contains("\"Thôn Suối Hoa\"", lines[2]);

            // What LibreOffice writes (shared strings, its own styles) reads back: as .xlsx and as .csv.
            var resaved = await LibreOffice.ConvertAsync(xlsx, "xlsx:Calc MS Excel 2007 XML", Path.Combine(dir.FullName, "xlsx"));
            foreach (var file in new[] { resaved, csv })
            {
                var report = await ImportAsync(database, await File.ReadAllBytesAsync(file), dryRun: true);
                Assert.True(report.Succeeded, Describe(report));
                Assert.Equal((2, 0, 2), (report.Rows, report.Created, report.Updated));
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_template_has_the_headers_and_a_guide_sheet()
    {
        var template = Template();
        Assert.True(XlsxReader.TryRead(new MemoryStream(template), name => name == UnitSheet.DataSheetName, 10, out var data));
        Assert.Equal(UnitSheet.Columns.Select(c => c.Header), Assert.Single(data).Cells.Select(c => c.Text));
        Assert.True(XlsxReader.TryRead(new MemoryStream(template), name => name == UnitSheet.GuideSheetName, 100, out var guide));
        Assert.Contains(guide, r => r[0].Text == "Ngày thành lập" && r[2].Text.Contains("dd/MM/yyyy"));
        Assert.Contains(guide, r => r[0].Text.StartsWith("HƯỚNG DẪN", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_export_and_the_template_are_valid_office_open_xml()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.NewDb())
            await UnitBuilder.EstablishAsync(db, Clock, "Thôn Suối Hoa", households: 215, population: 870);
        foreach (var file in new[] { await ExportAsync(database, UnitBuilder.Xa), Template() })
        {
            using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(file), false);
            var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2010).Validate(document)
                .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
            Assert.True(errors.Count == 0, string.Join("\n", errors));
        }
    }

    // ---- helpers ----

    private static ImportUnits NewImport(AppDb db, long? maxBytes)
    {
        var settings = new Dictionary<string, string?>();
        if (maxBytes is { } max) settings["Grassroots:Import:MaxBytes"] = max.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ImportUnits(db, new EstablishUnit(db, Clock), new UpdateUnit(db, Clock), Clock, configuration);
    }

    private static async Task<ImportReport> ImportAsync(TestDatabase database, byte[] file, bool dryRun = false, long? maxBytes = null)
    {
        await using var db = database.NewDb();
        return await NewImport(db, maxBytes).RunAsync(new MemoryStream(file), dryRun, CancellationToken.None);
    }

    private static async Task<byte[]> ExportAsync(TestDatabase database, string commune)
    {
        await using var db = database.NewDb();
        using var output = new MemoryStream();
        var result = await new ExportUnits(db, Clock).RunAsync(commune, null, output, CancellationToken.None);
        Assert.True(result.Succeeded);
        return output.ToArray();
    }

    private static async Task<int> CountAsync(TestDatabase database)
    {
        await using var db = database.NewDb();
        return await db.ResidentialUnits.CountAsync();
    }

    private static async Task<List<UnitRow>> UnitsAsync(TestDatabase database, string commune = UnitBuilder.Xa)
    {
        await using var db = database.NewDb();
        var place = await db.FindByCodeAsync(commune, Clock.Today(), CancellationToken.None);
        return await UnitQueries.InCommuneAsync(db, place!, Clock.Today(), null, CancellationToken.None);
    }

    private static void AssertError(ImportReport report, int row, string column, string code, string messagePart)
    {
        var error = report.Errors.FirstOrDefault(e => e.Row == row && e.Column == column);
        Assert.True(error is not null, $"No error in row {row}, column {column}. Errors: {Describe(report)}");
        Assert.Equal(code, error.Code);
        Assert.Contains(messagePart, error.Message);
    }

    private static string Describe(ImportReport report) =>
        (report.FileError is { } f ? f.Message + " " : "") + string.Join("; ", report.Errors.Select(e => $"{e.Row}/{e.Column}/{e.Code}: {e.Message}"));

    internal static byte[] Template()
    {
        using var output = new MemoryStream();
        UnitSheet.WriteTemplate(output);
        return output.ToArray();
    }

    internal static byte[] Csv(bool bom, params string[] lines) => SheetFiles.Csv(bom, lines);

    internal static byte[] Xlsx(IReadOnlyList<string> headers, params object?[][] rows) => SheetFiles.Xlsx(UnitSheet.DataSheetName, headers, rows);
}

/// <summary>LibreOffice (Debian's libreoffice-calc-nogui), headless, as a real office suite reading our files.</summary>
internal static class LibreOffice
{
    /// <summary>
    /// Converts with soffice. A fresh LibreOffice profile now and then makes the first start exit abnormally (seen once
    /// in CI: exit 255, no output) — so a run that produced nothing is tried again, up to three times, each with a
    /// new profile. What it converts is still checked by the caller.
    /// </summary>
    public static async Task<string> ConvertAsync(string input, string filter, string outDir)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ConvertOnceAsync(input, filter, outDir);
            }
            catch (Xunit.Sdk.XunitException) when (attempt < 3)
            {
                await Task.Delay(500);
            }
        }
    }

    private static async Task<string> ConvertOnceAsync(string input, string filter, string outDir)
    {
        Directory.CreateDirectory(outDir);
        var profile = Directory.CreateTempSubdirectory("grassroots-lo-profile-");
        var start = new ProcessStartInfo("soffice")
        {
            ArgumentList = { $"-env:UserInstallation=file://{profile.FullName}", "--headless", "--norestore", "--convert-to", filter, "--outdir", outDir, input },
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        try
        {
            using var process = Process.Start(start)
                ?? throw new InvalidOperationException("Could not start soffice: apt-get install -y libreoffice-calc-nogui");
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            var output = Path.Combine(outDir, Path.GetFileNameWithoutExtension(input) + "." + filter.Split(':')[0]);
            Assert.True(process.ExitCode == 0 && File.Exists(output), $"soffice failed ({process.ExitCode}): {await stdout} {await stderr}");
            return output;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("These tests need LibreOffice: apt-get install -y libreoffice-calc-nogui", e);
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
