using System.CommandLine;
using Grassroots.Common;
using Grassroots.Features.People.Roster;
using Grassroots.Features.Units.Import;

namespace Grassroots.Cli;

public static partial class Commands
{
    /// <summary><c>grassroots import units|roster FILE [--dry-run]</c>; <paramref name="services"/> is for tests.</summary>
    internal static Command Import(IServiceProvider? services = null)
    {
        var command = new Command("import", "Nhập dữ liệu từ tệp .xlsx/.csv");
        command.Add(ImportVerb<ImportUnits>(services, "units", "Nhập danh sách thôn, tổ dân phố (có lỗi ở bất kỳ dòng nào thì không dòng nào được ghi)",
            "Tệp .xlsx hoặc .csv (UTF-8) theo mẫu danh sách thôn, tổ dân phố", (import, file, dryRun, ct) => import.RunAsync(file, dryRun, ct),
            r => $"thêm mới {r.Created}, cập nhật {r.Updated} thôn/tổ dân phố"));
        command.Add(ImportVerb<ImportRoster>(services, "roster", "Nhập danh sách người giữ chức danh ở thôn, tổ dân phố (có lỗi ở bất kỳ dòng nào thì không dòng nào được ghi)",
            "Tệp .xlsx hoặc .csv (UTF-8) theo mẫu danh sách cán bộ thôn, tổ dân phố", (import, file, dryRun, ct) => import.RunAsync(file, dryRun, ct),
            r => $"ghi nhận {r.Created} chức danh ({r.PeopleCreated} người mới), kết thúc {r.Updated}, {r.Unchanged} dòng đã có sẵn"));
        return command;
    }

    private static Command ImportVerb<TImport>(IServiceProvider? services, string name, string description, string fileDescription,
        Func<TImport, Stream, bool, CancellationToken, Task<ImportReport>> run, Func<ImportReport, string> counts) where TImport : notnull
    {
        var file = new Argument<FileInfo>("FILE") { Description = fileDescription };
        var dryRun = new Option<bool>("--dry-run") { Description = "Chỉ kiểm tra, không ghi vào cơ sở dữ liệu" };
        var verb = new Command(name, description) { file, dryRun };
        verb.SetAction((parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists) return Task.FromResult(Fail(parse, $"Không tìm thấy tệp {path.FullName}.") + 1);
            return RunScopedAsync(services, parse, async (sp, output) =>
            {
                var error = parse.InvocationConfiguration.Error;
                await using var stream = path.OpenRead();
                var report = await run(sp.GetRequiredService<TImport>(), stream, parse.GetValue(dryRun), ct);
                if (report.FileError is { } fileError) await error.WriteLineAsync(fileError.Message);
                foreach (var e in report.Errors)
                    await error.WriteLineAsync(e.Column.Length > 0 ? $"Dòng {e.Row}, cột \"{e.Column}\": {e.Message}" : $"Dòng {e.Row}: {e.Message}");
                if (!report.Succeeded)
                    return Fail(parse, report.FileError is null ? $"Có {report.Errors.Count} lỗi. Không có dòng nào được ghi." : "Không có dòng nào được ghi.");
                foreach (var w in report.Warnings) await output.WriteLineAsync($"Lưu ý — dòng {w.Row}: {w.Message}");
                await output.WriteLineAsync(report.DryRun
                    ? $"Tệp hợp lệ ({report.Rows} dòng): sẽ {counts(report)}. Chưa ghi gì (--dry-run)."
                    : $"Đã nhập {report.Rows} dòng: {counts(report)}.");
                return 0;
            }, ct);
        });
        return verb;
    }
}
