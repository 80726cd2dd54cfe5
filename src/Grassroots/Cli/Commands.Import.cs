using System.CommandLine;
using Grassroots.Features.Units.Import;

namespace Grassroots.Cli;

public static partial class Commands
{
    /// <summary><c>grassroots import units FILE [--dry-run]</c>.</summary>
    private static Command Import()
    {
        var command = new Command("import", "Nhập dữ liệu từ tệp .xlsx/.csv");
        var file = new Argument<FileInfo>("FILE") { Description = "Tệp .xlsx hoặc .csv (UTF-8) theo mẫu danh sách thôn, tổ dân phố" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Chỉ kiểm tra, không ghi vào cơ sở dữ liệu" };
        var units = new Command("units", "Nhập danh sách thôn, tổ dân phố (có lỗi ở bất kỳ dòng nào thì không dòng nào được ghi)") { file, dryRun };
        units.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                Console.Error.WriteLine($"Không tìm thấy tệp {path.FullName}.");
                return 2;
            }
            await using var services = Services();
            await InitializeAsync(services, ct);
            await using var scope = services.CreateAsyncScope();
            await using var stream = path.OpenRead();
            var report = await scope.ServiceProvider.GetRequiredService<ImportUnits>().RunAsync(stream, parse.GetValue(dryRun), ct);
            if (report.FileError is { } fileError) Console.Error.WriteLine(fileError.Message);
            foreach (var e in report.Errors)
                Console.Error.WriteLine(e.Column.Length > 0 ? $"Dòng {e.Row}, cột \"{e.Column}\": {e.Message}" : $"Dòng {e.Row}: {e.Message}");
            if (!report.Succeeded)
            {
                Console.Error.WriteLine(report.FileError is null ? $"Có {report.Errors.Count} lỗi. Không có dòng nào được ghi." : "Không có dòng nào được ghi.");
                return 1;
            }
            foreach (var w in report.Warnings) Console.WriteLine($"Lưu ý — dòng {w.Row}: {w.Message}");
            Console.WriteLine(report.DryRun
                ? $"Tệp hợp lệ ({report.Rows} dòng): sẽ thêm mới {report.Created}, cập nhật {report.Updated}. Chưa ghi gì (--dry-run)."
                : $"Đã nhập {report.Rows} dòng: thêm mới {report.Created}, cập nhật {report.Updated} thôn/tổ dân phố.");
            return 0;
        });
        command.Add(units);
        return command;
    }
}
