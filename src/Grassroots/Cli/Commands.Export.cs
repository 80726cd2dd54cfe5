using System.CommandLine;
using Grassroots.Common;
using Grassroots.Features.People;
using Grassroots.Features.People.Roster;
using Grassroots.Features.Units;
using Grassroots.Features.Units.Import;

namespace Grassroots.Cli;

public static partial class Commands
{
    /// <summary>
    /// <c>grassroots export units --commune CODE [--as-of yyyy-MM-dd] --output FILE</c> and
    /// <c>grassroots export roster --commune CODE | --province CODE [--as-of …] [--position …] --output FILE</c>.
    /// </summary>
    internal static Command Export(IServiceProvider? services = null)
    {
        var command = new Command("export", "Xuất dữ liệu ra tệp .xlsx");
        var asOf = new Option<string?>("--as-of") { Description = "Danh sách tại ngày (yyyy-MM-dd hoặc dd/MM/yyyy); mặc định hôm nay" };
        var output = new Option<FileInfo>("--output", "-o") { Description = "Tệp .xlsx sẽ ghi ra", Required = true };

        var commune = new Option<string>("--commune") { Description = "Mã xã/phường (5 chữ số)", Required = true };
        var units = new Command("units", "Xuất danh sách thôn, tổ dân phố của một xã/phường (nhập lại được để cập nhật)") { commune, asOf, output };
        units.SetAction((parse, ct) => ExportAsync(services, parse, asOf, output, ct, async (services, date, buffer) =>
        {
            var result = await services.GetRequiredService<ExportUnits>().RunAsync(parse.GetValue(commune), date, buffer, ct);
            return result.Succeeded
                ? Result<string>.Ok($"Đã xuất {result.Value!.Rows} thôn/tổ dân phố của {result.Value.CommuneName} (ngày {VietnameseText.FormatDate(result.Value.AsOf)})")
                : Result<string>.Fail(result.Errors);
        }));
        command.Add(units);

        var rosterCommune = new Option<string?>("--commune") { Description = "Mã xã/phường (5 chữ số)" };
        var province = new Option<string?>("--province") { Description = "Mã tỉnh/thành phố (2 chữ số)" };
        var position = new Option<Position?>("--position") { Description = "Chỉ một chức danh: UnitHead, DeputyHead, PartyCellSecretary, DeputyPartyCellSecretary, FrontCommitteeHead, VillageParticipant" };
        var roster = new Command("roster", "Xuất danh sách người giữ chức danh ở thôn, tổ dân phố của một xã/phường hoặc tỉnh tại một ngày") { rosterCommune, province, position, asOf, output };
        roster.SetAction((parse, ct) => ExportAsync(services, parse, asOf, output, ct, async (services, date, buffer) =>
        {
            var (level, code) = parse.GetValue(rosterCommune) is { Length: > 0 } c ? (AdminLevel.Commune, c) : (AdminLevel.Province, parse.GetValue(province));
            var result = await services.GetRequiredService<ExportRoster>().RunAsync(level, code, date, new LeaderFilter(Position: parse.GetValue(position)), buffer, ct);
            return result.Succeeded
                ? Result<string>.Ok($"Đã xuất {result.Value!.Rows} dòng của {result.Value.PlaceName} (ngày {VietnameseText.FormatDate(result.Value.AsOf)})")
                : Result<string>.Fail(result.Errors);
        }));
        command.Add(roster);
        return command;
    }

    /// <summary>Runs an export into memory and writes the file only when it succeeded.</summary>
    private static Task<int> ExportAsync(IServiceProvider? services, ParseResult parse, Option<string?> asOf, Option<FileInfo> output, CancellationToken ct,
        Func<IServiceProvider, DateOnly, Stream, Task<Result<string>>> export) => RunScopedAsync(services, parse, async (sp, console) =>
    {
        var date = VietnamTime.ParseAsOf(parse.GetValue(asOf), sp.GetRequiredService<TimeProvider>());
        if (!date.Succeeded) return Fail(parse, date.Errors[0].Message) + 1;
        using var buffer = new MemoryStream();
        var result = await export(sp, date.Value, buffer);
        if (!result.Succeeded) return Fail(parse, result.Errors[0].Message);
        var file = parse.GetValue(output)!;
        await File.WriteAllBytesAsync(file.FullName, buffer.ToArray(), ct);
        await console.WriteLineAsync($"{result.Value} ra {file.FullName}.");
        return 0;
    }, ct);
}
