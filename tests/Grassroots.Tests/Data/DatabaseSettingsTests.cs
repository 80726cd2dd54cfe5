using Grassroots.Data;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Grassroots.Tests.Data;

public sealed class DatabaseSettingsTests
{
    [Fact]
    public async Task PostgreSQL_sessions_run_without_jit_unless_the_connection_string_sets_it()
    {
        var plain = new NpgsqlConnectionStringBuilder(DatabaseSettings.WithPostgresDefaults("Host=db;Username=u;Password=p;Database=g"));
        Assert.Equal("-c jit=off", plain.Options);
        Assert.Equal("p", plain.Password);
        Assert.Equal("g", plain.Database);

        var other = new NpgsqlConnectionStringBuilder(DatabaseSettings.WithPostgresDefaults("Host=db;Options=-c statement_timeout=5000"));
        Assert.Equal("-c statement_timeout=5000 -c jit=off", other.Options);

        var own = new NpgsqlConnectionStringBuilder(DatabaseSettings.WithPostgresDefaults("Host=db;Options=-c jit=on"));
        Assert.Equal("-c jit=on", own.Options);

        // The app's own contexts carry it to PostgreSQL; SQLite connection strings are left as given.
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewDb();
        if (TestDatabase.Provider == DbProvider.Postgres)
            Assert.Equal("off", await db.Database.SqlQueryRaw<string>("SELECT current_setting('jit') AS \"Value\"").SingleAsync());
        else
            Assert.Equal(database.ConnectionString, db.Database.GetConnectionString());
    }
}
