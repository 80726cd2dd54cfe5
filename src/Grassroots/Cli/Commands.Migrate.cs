using System.CommandLine;

namespace Grassroots.Cli;

public static partial class Commands
{
    /// <summary><c>grassroots migrate</c>: create or upgrade the database and load the catalog, without starting the web app.</summary>
    private static Command Migrate()
    {
        var command = new Command("migrate", "Tạo/cập nhật cơ sở dữ liệu và nạp danh mục hành chính");
        command.SetAction(async (_, ct) =>
        {
            await using var services = Services();
            await InitializeAsync(services, ct);
            Console.WriteLine("Cơ sở dữ liệu đã sẵn sàng.");
            return 0;
        });
        return command;
    }
}
