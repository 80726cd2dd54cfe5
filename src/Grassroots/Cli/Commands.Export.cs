using System.CommandLine;
using Grassroots.Common;
using Grassroots.Features.Units.Import;

namespace Grassroots.Cli;

public static partial class Commands
{
    /// <summary><c>grassroots export units --commune CODE [--as-of yyyy-MM-dd] --output FILE</c>.</summary>
    private static Command Export()
    {
        var command = new Command("export", "Xuất dữ liệu ra tệp .xlsx");
        var commune = new Option<string>("--commune") { Description = "Mã xã/phường (5 chữ số)", Required = true };
        var asOf = new Option<string?>("--as-of") { Description = "Danh sách tại ngày (yyyy-MM-dd hoặc dd/MM/yyyy); mặc định hôm nay" };
        var output = new Option<FileInfo>("--output", "-o") { Description = "Tệp .xlsx sẽ ghi ra", Required = true };
        var units = new Command("units", "Xuất danh sách thôn, tổ dân phố của một xã/phường (nhập lại được để cập nhật)") { commune, asOf, output };
        units.SetAction(async (parse, ct) =>
        {
            await using var services = Services();
            await InitializeAsync(services, ct);
            var date = VietnamTime.ParseAsOf(parse.GetValue(asOf), TimeProvider.System);
            if (!date.Succeeded)
            {
                Console.Error.WriteLine(date.Errors[0].Message);
                return 2;
            }
            await using var scope = services.CreateAsyncScope();
            using var buffer = new MemoryStream();
            var result = await scope.ServiceProvider.GetRequiredService<ExportUnits>().RunAsync(parse.GetValue(commune), date.Value, buffer, ct);
            if (!result.Succeeded)
            {
                Console.Error.WriteLine(result.Errors[0].Message);
                return 1;
            }
            var file = parse.GetValue(output)!;
            await File.WriteAllBytesAsync(file.FullName, buffer.ToArray(), ct);
            Console.WriteLine($"Đã xuất {result.Value!.Rows} thôn/tổ dân phố của {result.Value.CommuneName} (ngày {VietnameseText.FormatDate(result.Value.AsOf)}) ra {file.FullName}.");
            return 0;
        });
        command.Add(units);
        return command;
    }
}
