using Grassroots.Data;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Grassroots.Tests.Data;

public sealed class DatabaseSettingsTests
{
    [Fact]
    public async Task PostgreSQL_sessions_run_without_jit_and_prepare_repeated_statements_unless_the_connection_string_says_otherwise()
    {
        var plain = new NpgsqlConnectionStringBuilder(DatabaseSettings.WithPostgresDefaults("Host=db;Username=u;Password=p;Database=g"));
        Assert.Equal("-c jit=off", plain.Options);
        Assert.Equal("p", plain.Password);
        Assert.Equal("g", plain.Database);

        var other = new NpgsqlConnectionStringBuilder(DatabaseSettings.WithPostgresDefaults("Host=db;Options=-c statement_timeout=5000"));
        Assert.Equal("-c statement_timeout=5000 -c jit=off", other.Options);

        var own = new NpgsqlConnectionStringBuilder(DatabaseSettings.WithPostgresDefaults("Host=db;Options=-c jit=on"));
        Assert.Equal("-c jit=on", own.Options);

        // Statements that repeat are prepared, unless the string says otherwise (0: off, as behind an old PgBouncer).
        Assert.Equal((100, 2), (plain.MaxAutoPrepare, plain.AutoPrepareMinUsages));
        Assert.Equal(0, new NpgsqlConnectionStringBuilder(DatabaseSettings.WithPostgresDefaults("Host=db;Max Auto Prepare=0")).MaxAutoPrepare);
        Assert.Equal(5, new NpgsqlConnectionStringBuilder(DatabaseSettings.WithPostgresDefaults("Host=db;Max Auto Prepare=5")).MaxAutoPrepare);

        // The app's own contexts carry it to PostgreSQL; SQLite connection strings are left as given.
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewDb();
        if (TestDatabase.Provider == DbProvider.Postgres)
            Assert.Equal("off", await db.Database.SqlQueryRaw<string>("SELECT current_setting('jit') AS \"Value\"").SingleAsync());
        else
            Assert.Equal(database.ConnectionString, db.Database.GetConnectionString());
    }
}
