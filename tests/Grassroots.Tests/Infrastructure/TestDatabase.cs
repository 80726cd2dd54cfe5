using Grassroots.Data;
using Grassroots.Data.Seed;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Grassroots.Tests.Infrastructure;

/// <summary>
/// A fresh database for one test, copied from a template that holds the migrated schema, the official catalog and the
/// shared programme catalogue (no demo data). SQLite by default; PostgreSQL when GRASSROOTS_TEST_DB=postgres, with the server given by
/// GRASSROOTS_TEST_PG (a connection string to a role that may create databases).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? _template;
    private static int _counter;
    private static readonly string RunId = $"{Environment.ProcessId}_{DateTime.UtcNow:HHmmss}";

    public static DbProvider Provider { get; } =
        Environment.GetEnvironmentVariable("GRASSROOTS_TEST_DB")?.ToLowerInvariant() is "postgres" or "postgresql" ? DbProvider.Postgres : DbProvider.Sqlite;

    private static string PgServer => Environment.GetEnvironmentVariable("GRASSROOTS_TEST_PG")
        ?? "Host=127.0.0.1;Username=grassroots;Password=grassroots;Database=postgres";

    private static readonly string SqliteDir = Path.Combine(Path.GetTempPath(), "grassroots-tests", RunId);

    private TestDatabase(string connectionString, string name)
    {
        ConnectionString = connectionString;
        Name = name;
    }

    public string ConnectionString { get; }
    public string Name { get; }
    public DatabaseSettings Settings => new(Provider, ConnectionString, SqliteDir);

    public AppDb NewDb()
    {
        var options = new DbContextOptionsBuilder<AppDb>();
        Settings.Configure(options);
        return new AppDb(options.Options);
    }

    /// <summary>An empty database (no schema): for the migration tests.</summary>
    public static async Task<TestDatabase> CreateEmptyAsync() => await CreateAsync(template: null);

    /// <summary>A database with the schema and the official catalog.</summary>
    public static async Task<TestDatabase> CreateAsync() => await CreateAsync(await TemplateAsync());

    private static async Task<TestDatabase> CreateAsync(string? template)
    {
        var name = $"gr_test_{RunId}_{Interlocked.Increment(ref _counter)}";
        if (Provider == DbProvider.Sqlite)
        {
            Directory.CreateDirectory(SqliteDir);
            var file = Path.Combine(SqliteDir, name + ".db");
            if (template is not null) File.Copy(template, file);
            return new TestDatabase($"Data Source={file};Pooling=False", name);
        }
        await using (var conn = new NpgsqlConnection(PgServer))
        {
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            // Names are generated here, never user input.
            cmd.CommandText = template is null ? $"CREATE DATABASE \"{name}\"" : $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\" STRATEGY FILE_COPY";
            await cmd.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(PgServer) { Database = name };
        return new TestDatabase(builder.ConnectionString, name);
    }

    private static async Task<string> TemplateAsync()
    {
        if (_template is not null) return _template;
        await TemplateLock.WaitAsync();
        try
        {
            if (_template is not null) return _template;
            var db = await CreateAsync(template: null);
            await using (var ctx = db.NewDb())
            {
                await ctx.Database.MigrateAsync();
                await new CatalogLoader(ctx).LoadAsync(CatalogLoader.DefaultDirectory, CancellationToken.None);
                await Grassroots.Features.Training.ProgrammeCatalog.LoadAsync(ctx, DateTime.UtcNow, CancellationToken.None);
            }
            if (Provider == DbProvider.Sqlite)
            {
                // Fold the WAL into the file so that a plain copy carries everything.
                await using var conn = new SqliteConnection(db.ConnectionString);
                await conn.OpenAsync();
                await using var cmd = conn.CreateCommand();
                cmd.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;";
                await cmd.ExecuteNonQueryAsync();
                _template = new SqliteConnectionStringBuilder(db.ConnectionString).DataSource;
            }
            else
            {
                NpgsqlConnection.ClearAllPools();
                _template = db.Name;
            }
            RemoveTemplateAtExit();
            return _template;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Provider == DbProvider.Sqlite)
        {
            var file = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
            foreach (var f in new[] { file, file + "-wal", file + "-shm" })
                if (File.Exists(f)) File.Delete(f);
            return;
        }
        await using (var conn = new NpgsqlConnection(ConnectionString)) NpgsqlConnection.ClearPool(conn);
        await DropPostgresAsync(Name);
    }

    private static async Task DropPostgresAsync(string name)
    {
        await using var conn = new NpgsqlConnection(PgServer);
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
        try
        {
            await cmd.ExecuteNonQueryAsync();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            // FORCE may not signal an autovacuum worker without pg_signal_backend; a plain drop waits it out.
            cmd.CommandText = $"DROP DATABASE IF EXISTS \"{name}\"";
            await cmd.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Removes the template (and, for SQLite, the run's folder) when the test process ends.</summary>
    private static void RemoveTemplateAtExit() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        try
        {
            if (Provider == DbProvider.Sqlite) Directory.Delete(SqliteDir, recursive: true);
            else if (_template is not null) DropPostgresAsync(_template).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NpgsqlException)
        {
            Console.Error.WriteLine($"Could not remove the test template: {e.Message}");
        }
    };
}
