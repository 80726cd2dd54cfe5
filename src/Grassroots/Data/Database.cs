using System.Data.Common;
using Grassroots.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Grassroots.Data;

public enum DbProvider { Sqlite, Postgres }

/// <summary>
/// Which database to use: <c>Grassroots:Database:Provider</c> (sqlite | postgres) and
/// <c>Grassroots:Database:ConnectionString</c>; the SQLite default is a file in <c>Grassroots:DataDirectory</c>.
/// </summary>
public sealed record DatabaseSettings(DbProvider Provider, string ConnectionString, string DataDirectory)
{
    /// <summary>Reads the settings; the data directory defaults to <c>App_Data</c> under the current directory.</summary>
    public static DatabaseSettings From(IConfiguration config)
    {
        var dataDir = config["Grassroots:DataDirectory"];
        dataDir = System.IO.Path.GetFullPath(string.IsNullOrWhiteSpace(dataDir) ? "App_Data" : dataDir);
        var providerText = config["Grassroots:Database:Provider"];
        var provider = providerText?.Trim().ToLowerInvariant() switch
        {
            null or "" or "sqlite" => DbProvider.Sqlite,
            "postgres" or "postgresql" or "npgsql" => DbProvider.Postgres,
            _ => throw new InvalidOperationException($"Unknown database provider '{providerText}': use sqlite or postgres."),
        };
        var cs = config["Grassroots:Database:ConnectionString"];
        if (string.IsNullOrWhiteSpace(cs))
        {
            if (provider == DbProvider.Postgres)
                throw new InvalidOperationException("Grassroots:Database:ConnectionString is required for PostgreSQL.");
            cs = $"Data Source={System.IO.Path.Combine(dataDir, "grassroots.db")}";
        }
        return new(provider, cs, dataDir);
    }

    /// <summary>
    /// The PostgreSQL connection string with <c>jit=off</c> for the session unless its <c>Options</c> set <c>jit</c>
    /// themselves: the server's JIT compiles any plan whose cost estimate is high — the national coverage report's is —
    /// and on this workload the compiling costs more than it saves (docs/performance.md, "Training coverage"). Statements
    /// are prepared automatically unless the string sets <c>Max Auto Prepare</c> (0 turns it off, e.g. behind a
    /// transaction-pooling PgBouncer older than 1.21).
    /// </summary>
    public static string WithPostgresDefaults(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (builder.Options?.Contains("jit", StringComparison.OrdinalIgnoreCase) != true)
            builder.Options = $"{builder.Options} -c jit=off".Trim();
        // The same few statements run on every request: prepared on a connection once they repeat, PostgreSQL plans
        // them once instead of on every run (1–2 ms of the server's CPU per query of the leader list).
        if (builder.MaxAutoPrepare == 0 && !connectionString.Contains("Max Auto Prepare", StringComparison.OrdinalIgnoreCase))
            (builder.MaxAutoPrepare, builder.AutoPrepareMinUsages) = (100, 2);
        return builder.ConnectionString;
    }

    public void Configure(DbContextOptionsBuilder options)
    {
        if (Provider == DbProvider.Postgres)
        {
            options.UseNpgsql(WithPostgresDefaults(ConnectionString), o => o.MigrationsHistoryTable("__ef_migrations_history"));
        }
        else
        {
            var builder = new SqliteConnectionStringBuilder(ConnectionString);
            if (builder.DataSource is { Length: > 0 } file && file != ":memory:")
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(file))!);
            options.UseSqlite(ConnectionString, o => o.MigrationsHistoryTable("__ef_migrations_history"));
            options.AddInterceptors(SqlitePragmas.Instance);
        }
    }
}

/// <summary>
/// SQLite as a server store: WAL, busy timeout and foreign keys on each connection, and a Vietnamese
/// collation backed by .NET's ICU comparer so that both providers order names alike.
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();
    public const string CollationName = "vi";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        if (connection is not SqliteConnection sqlite) return;
        sqlite.CreateCollation(CollationName, (a, b) => VietnameseText.Comparer.Compare(a, b));
        // EF opens the file read-only to ask whether it exists; pragmas that write are for real connections.
        if (new SqliteConnectionStringBuilder(sqlite.ConnectionString).Mode == SqliteOpenMode.ReadOnly) return;
        using var cmd = sqlite.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-32768;";
        cmd.ExecuteNonQuery();
    }
}
