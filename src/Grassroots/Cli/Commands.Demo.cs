using System.CommandLine;
using Grassroots.Data;
using Grassroots.Data.Seed;

namespace Grassroots.Cli;

public static partial class Commands
{
    /// <summary><c>grassroots demo seed|remove</c>: the synthetic demo province.</summary>
    private static Command Demo()
    {
        var command = new Command("demo", "Dữ liệu mẫu (tổng hợp) của tỉnh Phú Thọ");
        var seed = new Command("seed", "Nạp dữ liệu mẫu");
        seed.SetAction(async (_, ct) =>
        {
            await using var services = Services();
            await InitializeAsync(services, ct);
            await using var scope = services.CreateAsyncScope();
            var demo = new DemoProvince(scope.ServiceProvider.GetRequiredService<AppDb>(), scope.ServiceProvider.GetRequiredService<TimeProvider>());
            if (await demo.IsLoadedAsync(ct))
            {
                Console.WriteLine("Dữ liệu mẫu đã có.");
                return 0;
            }
            var result = await demo.SeedAsync(ct);
            Console.WriteLine($"Đã nạp dữ liệu mẫu: {result.Units} thôn/tổ dân phố ở {result.Communes} xã/phường, {result.People} người giữ {result.Tenures} lượt chức danh.");
            return 0;
        });
        var remove = new Command("remove", "Xóa toàn bộ dữ liệu mẫu");
        remove.SetAction(async (_, ct) =>
        {
            await using var services = Services();
            await InitializeAsync(services, ct);
            await using var scope = services.CreateAsyncScope();
            var removed = await new DemoProvince(scope.ServiceProvider.GetRequiredService<AppDb>(), scope.ServiceProvider.GetRequiredService<TimeProvider>()).RemoveAsync(ct);
            Console.WriteLine($"Đã xóa {removed.Units} thôn/tổ dân phố mẫu, {removed.People} người và {removed.Tenures} lượt giữ chức danh.");
            return 0;
        });
        command.Add(seed);
        command.Add(remove);
        return command;
    }
}
