using System.CommandLine;
using System.Globalization;
using Grassroots.Data;
using Grassroots.Data.Seed;

namespace Grassroots.Cli;

public static partial class Commands
{
    /// <summary><c>grassroots seed national --scale S [--seed N]</c>: the synthetic national data set for load tests; <paramref name="services"/> is for tests.</summary>
    internal static Command Seed(IServiceProvider? services = null)
    {
        var command = new Command("seed", "Nạp dữ liệu tổng hợp để thử tải");
        var scale = new Option<double>("--scale") { Description = "Hệ số quy mô: 1 là khoảng 100.000 thôn, tổ dân phố trên cả nước", Required = true };
        var seed = new Option<int>("--seed") { Description = "Hạt giống ngẫu nhiên: cùng hạt giống và hệ số cho cùng dữ liệu", DefaultValueFactory = _ => 1 };
        var national = new Command("national", "Thôn, tổ dân phố, người giữ chức danh (hai nhiệm kỳ) và năm năm bồi dưỡng ở mọi xã, phường hiện hành") { scale, seed };
        national.SetAction((parse, ct) => RunScopedAsync(services, parse, async (sp, output) =>
        {
            var s = parse.GetValue(scale);
            if (s is <= 0 or > 10) return Fail(parse, "Hệ số quy mô phải lớn hơn 0 và không quá 10.");
            var data = new NationalData(sp.GetRequiredService<AppDb>(), sp.GetRequiredService<TimeProvider>());
            if (await data.IsLoadedAsync(ct)) return Fail(parse, "Dữ liệu tổng hợp quốc gia đã được nạp; không nạp lần thứ hai.");
            var result = await data.SeedAsync(s, parse.GetValue(seed), line => output.WriteLine(line), ct);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Đã nạp dữ liệu tổng hợp quốc gia: {result.Units} thôn, tổ dân phố ở {result.Communes} xã, phường của {result.Provinces} tỉnh, thành phố; " +
                $"{result.People} người giữ {result.Tenures} lượt chức danh; {result.Training.Courses} lớp bồi dưỡng, {result.Training.Enrolments} lượt học viên, " +
                $"{result.Training.Attendances} lượt điểm danh; {result.Elapsed.TotalSeconds:0.0} giây."));
            return 0;
        }, ct));
        command.Add(national);
        return command;
    }
}
