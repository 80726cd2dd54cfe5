using System.CommandLine;

namespace Grassroots.Cli;

public static partial class Commands
{
    /// <summary><c>grassroots import units FILE [--dry-run]</c>.</summary>
    private static Command Import()
    {
        var command = new Command("import", "Nhập dữ liệu từ tệp .xlsx/.csv");
        return command;
    }
}
