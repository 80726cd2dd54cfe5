using System.Text;
using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Documents;
using Grassroots.Features.People;
using Grassroots.Features.People.Roster;
using Grassroots.Features.Units;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Grassroots.Tests.Features.People;

/// <summary>The roster import on the database: every row's errors and warnings at once, all or nothing, people matched, re-import idempotent.</summary>
public sealed class ImportRosterTests
{
    private static readonly FixedClock Clock = new();
    private static readonly DateOnly Start = new(2025, 8, 1);

    internal static readonly string[] Headers =
    [
        "Mã xã/phường", "Tên thôn/tổ dân phố", "Họ và tên", "Giới tính", "Ngày sinh", "Dân tộc", "Số CCCD", "Đảng viên", "Trình độ văn hóa",
        "Chức danh", "Hình thức", "Nhiệm kỳ", "Ngày bắt đầu", "Ngày thôi", "Lý do thôi",
    ];

    /// <summary>One row in <see cref="Headers"/> order; a man born in 1978 unless told, elected for 2025-2030 from 01/08/2025.</summary>
    internal static object?[] Row(string unit, string name, string position = "Trưởng thôn", string? nationalId = null, object? born = null,
        string gender = "Nam", string? mode = null, object? start = null, object? end = null, string? endReason = null, string commune = UnitBuilder.Xa,
        string ethnicity = "Kinh", string party = "Không") =>
        [commune, unit, name, gender, born ?? new DateOnly(1978, 3, 12), ethnicity, nationalId, party, "12/12", position, mode, "2025-2030",
            start ?? Start, end, endReason];

    [Fact]
    public async Task Dry_run_reports_every_rows_errors_and_warnings_at_once_and_writes_nothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        await UnitsAsync(database, "Thôn Suối Hoa", "Thôn Bến");
        var file = Xlsx(Headers,
            Row("Thôn Suối Hoa", "Đinh Văn Hùng", nationalId: "017078001234"),
            Row("Thôn Bến", "Bùi Thị Lan", gender: "Nữ", nationalId: "017078001235", born: "31/02/1980"),
            Row("Thôn Không Có", "Hà Văn Tâm"),
            Row("Thôn Suối Hoa", "Xa Văn Lực", start: new DateOnly(2025, 9, 1)),
            Row("Thôn Bến", "Lò Văn Trẻ", position: "Phó trưởng thôn", born: new DateOnly(2005, 1, 10)),
            Row("Thôn Bến", "Quách Văn Hết", position: "Trưởng ban công tác Mặt trận", end: new DateOnly(2025, 1, 1), endReason: "Hết nhiệm kỳ"),
            Row("Thôn Bến", "Đinh Thị Sai", gender: "Nữ", nationalId: "017180009999", position: "Bí thư chi bộ"));

        var report = await ImportAsync(database, file, dryRun: true);

        Assert.False(report.Succeeded);
        Assert.False(report.Applied);
        Assert.Null(report.FileError);
        AssertError(report, 3, "Ngày sinh", "invalid_date", "\"31/02/1980\" không phải là ngày hợp lệ");
        AssertError(report, 4, "Tên thôn/tổ dân phố", "unit_not_found", "Không có thôn/tổ dân phố \"Thôn Không Có\" trong Xã Đà Bắc");
        AssertError(report, 5, "Ngày bắt đầu", "overlapping_heads", "R-ORG-01");
        Assert.Contains("Đinh Văn Hùng", report.Errors.Single(e => e.Row == 5).Message);
        AssertError(report, 7, "Ngày thôi", "end_before_start", "trước ngày bắt đầu");
        AssertError(report, 8, "Số CCCD", "national_id_birth_year", "năm sinh 1980");
        Assert.DoesNotContain(report.Errors, e => e.Row is 2 or 6);
        // The under-age deputy is accepted with the rule warning, its source named.
        var warning = Assert.Single(report.Warnings, w => w.Row == 6 && w.Message.Contains("R-ELIG-02"));
        Assert.Contains("TT 04/2012/TT-BNV Điều 11", warning.Message);
        Assert.Contains("20 tuổi", warning.Message);
        await using var db = database.NewDb();
        Assert.Equal(0, await db.People.CountAsync());
        Assert.Equal(0, await db.Tenures.CountAsync());
    }

    [Fact]
    public async Task A_broken_row_keeps_the_whole_file_out_and_the_fixed_file_goes_in()
    {
        await using var database = await TestDatabase.CreateAsync();
        await UnitsAsync(database, "Thôn Suối Hoa", "Thôn Bến");
        object?[] broken = Row("Thôn Bến", "Bùi Văn Ba", nationalId: "0170780012");
        object?[][] good =
        [
            Row("Thôn Suối Hoa", "Đinh Văn Hùng", nationalId: "017078001234", party: "Có"),
            // The same person also party-cell secretary: one record, two positions (nhất thể hóa).
            Row("Thôn Suối Hoa", "Đinh Văn Hùng", position: "Bí thư chi bộ", nationalId: "017078001234", party: "Có"),
            Row("thon suoi hoa", "Hà Thị Mai", position: "Phó trưởng thôn", gender: "Nữ", born: new DateOnly(1985, 5, 5), ethnicity: "Mường"),
        ];

        var failed = await ImportAsync(database, Xlsx(Headers, [.. good, broken]));
        AssertError(failed, 5, "Số CCCD", "national_id_format", "12 chữ số");
        Assert.False(failed.Applied);
        await using (var db = database.NewDb())
            Assert.Equal(0, await db.Tenures.CountAsync());

        broken[6] = "017078001299";
        var applied = await ImportAsync(database, Xlsx(Headers, [.. good, broken]));
        Assert.True(applied.Succeeded, Describe(applied));
        Assert.True(applied.Applied);
        Assert.Equal((4, 4, 0, 3), (applied.Rows, applied.Created, applied.Unchanged, applied.PeopleCreated));

        await using var check = database.NewDb();
        var hung = await check.People.Include(p => p.Tenures).SingleAsync(p => p.NationalId == "017078001234");
        Assert.Equal([Position.UnitHead, Position.PartyCellSecretary], hung.Tenures.Select(t => t.Position).Order());
        Assert.True(hung.PartyMember);
        var mai = await check.People.Include(p => p.Tenures).SingleAsync(p => p.FullName == "Hà Thị Mai");
        Assert.Equal(("06", Gender.Female, TenureMode.Recognized), (mai.EthnicityCode, mai.Gender, mai.Tenures.Single().Mode));
        Assert.NotNull(mai.ResidenceUnitId);
        Assert.Equal(7, await check.AuditEvents.CountAsync(e => e.Operation == "import-roster"));
    }

    [Fact]
    public async Task Existing_people_are_matched_by_national_id_and_kept_as_recorded()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (suoiHoa, _) = await UnitsAsync(database, "Thôn Suối Hoa", "Thôn Bến");
        int existingId;
        await using (var db = database.NewDb())
        {
            var person = await new SavePerson(db, Clock).CreateAsync(new PersonInput("Đinh Văn Hùng", Gender.Male, new DateOnly(1978, 3, 12), "01", null,
                "017078001234", "0912345678", suoiHoa.Id, GeneralEducation: "9/12"), CancellationToken.None);
            existingId = person.ValueOrThrow.Id;
        }

        var report = await ImportAsync(database, Xlsx(Headers,
            Row("Thôn Suối Hoa", "Đinh Văn Hùng", nationalId: "017078001234"),
            Row("Thôn Bến", "Nguyễn Văn Khác", nationalId: "017078001234", position: "Bí thư chi bộ")), dryRun: true);
        AssertError(report, 3, "Họ và tên", "name_differs", "mang tên \"Đinh Văn Hùng\"");

        var applied = await ImportAsync(database, Xlsx(Headers, Row("Thôn Suối Hoa", "Dinh Van Hung", nationalId: "017078001234")));
        Assert.True(applied.Applied, Describe(applied));
        Assert.Equal((1, 0), (applied.Created, applied.PeopleCreated));
        var kept = Assert.Single(applied.Warnings, w => w.Message.Contains("hồ sơ được giữ nguyên"));
        Assert.Contains("Trình độ văn hóa", kept.Message);
        await using var check = database.NewDb();
        var person2 = await check.People.Include(p => p.Tenures).SingleAsync();
        Assert.Equal((existingId, "9/12", "Đinh Văn Hùng"), (person2.Id, person2.GeneralEducation, person2.FullName));
        Assert.Single(person2.Tenures);
    }

    [Fact]
    public async Task An_exported_roster_imports_again_unchanged_and_an_end_date_ends_the_tenure()
    {
        await using var database = await TestDatabase.CreateAsync();
        await UnitsAsync(database, "Thôn Suối Hoa", "Thôn Bến");
        var first = await ImportAsync(database, Xlsx(Headers,
            Row("Thôn Suối Hoa", "Đinh Văn Hùng", nationalId: "017078001234"),
            Row("Thôn Bến", "Bùi Văn Ba"),
            Row("Thôn Bến", "Bùi Văn Ba", position: "Chi hội trưởng Hội Nông dân")));
        Assert.True(first.Applied, Describe(first));
        Assert.Contains(first.Warnings, w => w.Row == 4 && w.Message.Contains("người trực tiếp tham gia hoạt động"));

        var exported = await ExportAsync(database, Clock.Today());
        var again = await ImportAsync(database, exported);
        Assert.True(again.Applied, Describe(again));
        Assert.Equal((3, 0, 0, 3), (again.Rows, again.Created, again.Updated, again.Unchanged));

        var sheet = EditableSheet.Read(RosterSheet.DataSheetName, exported);
        var ba = sheet.Rows.FindIndex(r => r[sheet.Headers.IndexOf("Họ và tên")] == "Bùi Văn Ba" && r[sheet.Headers.IndexOf("Chức danh")] == "Trưởng thôn");
        sheet.Set(ba, "Ngày thôi", "15/10/2026");
        sheet.Set(ba, "Lý do thôi", "Xin thôi");
        var ended = await ImportAsync(database, sheet.ToXlsx());
        Assert.True(ended.Applied, Describe(ended));
        Assert.Equal((0, 1, 2), (ended.Created, ended.Updated, ended.Unchanged));
        await using var db = database.NewDb();
        var tenure = await db.Tenures.SingleAsync(t => t.Person!.FullName == "Bùi Văn Ba" && t.Position == Position.UnitHead);
        Assert.Equal((new DateOnly(2026, 10, 15), EndReason.RelievedVoluntary, 2), (tenure.EndDate!.Value, tenure.EndReason!.Value, tenure.Version));
        Assert.Equal(2, await db.People.CountAsync());
    }

    [Fact]
    public async Task Rows_repeated_in_the_file_and_masked_identifiers_without_an_id_are_refused()
    {
        await using var database = await TestDatabase.CreateAsync();
        await UnitsAsync(database, "Thôn Suối Hoa", "Thôn Bến");
        var report = await ImportAsync(database, Xlsx(Headers,
            Row("Thôn Bến", "Bùi Văn Ba", position: "Bí thư chi bộ"),
            Row("Thôn Bến", "Bùi Văn Ba", position: "Bí thư chi bộ"),
            Row("Thôn Suối Hoa", "Lò Văn Che", nationalId: "0170******34", born: "****"),
            Row("Thôn Suối Hoa", "Lò Văn Lạ", position: ""),
            Row("Thôn Suối Hoa", "Lò Văn Mới", mode: "Bổ nhiệm", gender: "Không rõ")), dryRun: true);
        AssertError(report, 3, "Ngày bắt đầu", "duplicate_in_file", "Trùng với dòng 2");
        AssertError(report, 4, "Số CCCD", "masked_value", "Ô bị che");
        AssertError(report, 5, "Chức danh", "position_required", "Chưa nhập chức danh");
        AssertError(report, 6, "Hình thức", "invalid_mode", "\"Bổ nhiệm\"");
        AssertError(report, 6, "Giới tính", "invalid_gender", "\"Không rõ\"");
        Assert.DoesNotContain(report.Errors, e => e.Row == 2);
    }

    [Fact]
    public async Task Csv_in_utf8_imports_and_other_files_get_a_file_error()
    {
        await using var database = await TestDatabase.CreateAsync();
        await UnitsAsync(database, "Thôn Suối Hoa", "Thôn Bến");
        var csv = Utf8Csv("Mã xã/phường,Tên thôn/tổ dân phố,Họ và tên,Giới tính,Ngày sinh,Chức danh,Ngày bắt đầu",
            "04831,Thôn Suối Hoa,Đinh Văn Hùng,Nam,12/03/1978,Trưởng thôn,01/08/2025",
            "4831,Thôn Bến,\"Bùi Thị Lan\",Nữ,1980-05-06,Tổ trưởng,01/08/2025");
        var report = await ImportAsync(database, csv);
        Assert.True(report.Applied, Describe(report));
        Assert.Equal(2, report.Created);

        var latin1 = Encoding.Latin1.GetBytes("Mã xã/phường,Tên thôn/tổ dân phố,Họ và tên,Chức danh,Ngày bắt đầu\n04831,Thôn Bến,Bùi,Trưởng thôn,01/08/2025\n");
        Assert.Equal("file_not_spreadsheet", (await ImportAsync(database, latin1, dryRun: true)).FileError?.Code);
        var header = await ImportAsync(database, Utf8Csv("Tên,Chức danh", "Bùi,Trưởng thôn"), dryRun: true);
        Assert.Equal("header_invalid", header.FileError?.Code);
        Assert.Contains("Thiếu cột \"Mã xã/phường\"", header.FileError!.Message);
        Assert.Equal("file_empty", (await ImportAsync(database, [], dryRun: true)).FileError?.Code);
    }

    // ---- helpers ----

    internal static async Task<(ResidentialUnit, ResidentialUnit)> UnitsAsync(TestDatabase database, string first, string second, string commune = UnitBuilder.Xa)
    {
        await using var db = database.NewDb();
        return (await UnitBuilder.EstablishAsync(db, Clock, first, commune, from: new DateOnly(2025, 7, 1)),
            await UnitBuilder.EstablishAsync(db, Clock, second, commune, from: new DateOnly(2025, 7, 1)));
    }

    private static async Task<ImportReport> ImportAsync(TestDatabase database, byte[] file, bool dryRun = false)
    {
        await using var db = database.NewDb();
        var configuration = new ConfigurationBuilder().Build();
        return await new ImportRoster(db, Clock, configuration).RunAsync(new MemoryStream(file), dryRun, CancellationToken.None);
    }

    private static async Task<byte[]> ExportAsync(TestDatabase database, DateOnly asOf)
    {
        await using var db = database.NewDb();
        using var output = new MemoryStream();
        var result = await new ExportRoster(db, Clock).RunAsync(AdminLevel.Commune, UnitBuilder.Xa, asOf, new LeaderFilter(), output, CancellationToken.None);
        Assert.True(result.Succeeded);
        return output.ToArray();
    }

    internal static void AssertError(ImportReport report, int row, string column, string code, string messagePart)
    {
        var error = report.Errors.FirstOrDefault(e => e.Row == row && e.Column == column);
        Assert.True(error is not null, $"No error in row {row}, column {column}. Errors: {Describe(report)}");
        Assert.Equal(code, error.Code);
        Assert.Contains(messagePart, error.Message);
    }

    internal static string Describe(ImportReport report) =>
        (report.FileError is { } f ? f.Message + " " : "") + string.Join("; ", report.Errors.Select(e => $"{e.Row}/{e.Column}/{e.Code}: {e.Message}"));

    internal static byte[] Utf8Csv(params string[] lines) => SheetFiles.Csv(true, lines);

    internal static byte[] Xlsx(IReadOnlyList<string> headers, params object?[][] rows) => SheetFiles.Xlsx(RosterSheet.DataSheetName, headers, rows);
}
