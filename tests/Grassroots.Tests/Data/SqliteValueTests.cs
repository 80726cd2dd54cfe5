using Grassroots.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using SQLitePCL;

namespace Grassroots.Tests.Data;

/// <summary>
/// The SQLite bulk path binds values itself (<see cref="SqliteValue"/>); for every column of the model, and values of
/// its type at their edges, it must bind exactly what EF Core's parameter for that column binds, so that a bulk row
/// reads back as a saved one. (Compared through <c>quote()</c>, which shows the type and the text SQLite received.)
/// </summary>
public sealed class SqliteValueTests
{
    private static IEnumerable<object?> Samples(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t.IsEnum) return Enum.GetValues(t).Cast<object?>();
        if (t == typeof(string)) return ["", "Thôn Bản Phố 'Hạ' \"x\"", "0912345678"];
        if (t == typeof(bool)) return [true, false];
        if (t == typeof(int)) return [0, -7, int.MaxValue];
        if (t == typeof(long)) return [0L, 9_000_000_000L];
        if (t == typeof(decimal)) return [0m, 80m, 12.5m, 0.125m, 7.50m, -3.3333333333333333333333333333m];
        if (t == typeof(double)) return [0.0, 1.5, -2.25e10];
        if (t == typeof(DateOnly)) return [new DateOnly(2026, 11, 24), DateOnly.MinValue, new DateOnly(9999, 12, 31)];
        if (t == typeof(DateTime))
            return [new DateTime(2026, 11, 24, 2, 30, 15, DateTimeKind.Utc), new DateTime(2026, 11, 24, 2, 30, 15, 120, DateTimeKind.Utc).AddTicks(7),
                new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Unspecified)];
        if (t == typeof(DateTimeOffset))
            return [new DateTimeOffset(2026, 11, 24, 9, 30, 15, TimeSpan.FromHours(7)), new DateTimeOffset(2026, 11, 24, 2, 30, 15, 120, TimeSpan.Zero).AddTicks(3)];
        if (t == typeof(TimeOnly)) return [new TimeOnly(7, 30), new TimeOnly(13, 45, 15, 500), new TimeOnly(0, 0)];
        if (t == typeof(Guid)) return [Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), Guid.Empty];
        if (t == typeof(byte[])) return [new byte[] { 0, 1, 255 }];
        throw new NotSupportedException($"No samples for {t.Name}: add them when the model gains the type.");
    }

    [Fact]
    public void Every_column_of_the_model_is_bound_as_EF_Core_binds_it()
    {
        var folder = Directory.CreateTempSubdirectory("grassroots-sqlite-value").FullName;
        try
        {
            var options = new DbContextOptionsBuilder<AppDb>();
            new DatabaseSettings(DbProvider.Sqlite, $"Data Source={Path.Combine(folder, "model.db")}", folder).Configure(options);
            using var db = new AppDb(options.Options);
            using var connection = new SqliteConnection("Data Source=:memory:");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT quote(@p)";
            SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(connection.Handle, "SELECT quote(?1)", out var statement), connection.Handle);
            using (statement)
            {
                var checkedValues = 0;
                var columns = db.Model.GetEntityTypes().SelectMany(e => e.GetProperties()).ToList();
                Assert.True(columns.Count > 100, $"{columns.Count} columns");
                foreach (var property in columns)
                {
                    var mapping = (RelationalTypeMapping)property.GetRelationalTypeMapping();
                    var converter = mapping.Converter ?? property.GetValueConverter();
                    var providerType = converter?.ProviderClrType ?? property.ClrType;
                    Assert.True(SqliteValue.Binds(providerType), $"{property.DeclaringType.DisplayName()}.{property.Name}: {providerType.Name}");
                    foreach (var sample in property.IsNullable ? Samples(property.ClrType).Append(null) : Samples(property.ClrType))
                    {
                        command.Parameters.Clear();
                        command.Parameters.Add(mapping.CreateParameter(command, "@p", sample, property.IsNullable));
                        var expected = (string)command.ExecuteScalar()!;

                        var value = sample is null ? null : converter is null ? sample : converter.ConvertToProvider(sample);
                        Assert.Equal(raw.SQLITE_OK, SqliteValue.Bind(statement, 1, value));
                        Assert.Equal(raw.SQLITE_ROW, raw.sqlite3_step(statement));
                        var actual = raw.sqlite3_column_text(statement, 0).utf8_to_string();
                        raw.sqlite3_reset(statement);

                        Assert.True(expected == actual, $"{property.DeclaringType.DisplayName()}.{property.Name} = {sample}: EF Core binds {expected}, the bulk path {actual}");
                        checkedValues++;
                    }
                }
                Assert.True(checkedValues > columns.Count);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_type_it_does_not_know_is_refused()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(connection.Handle, "SELECT ?1", out var statement), connection.Handle);
        using (statement)
            Assert.Throws<NotSupportedException>(() => SqliteValue.Bind(statement, 1, TimeSpan.FromHours(1)));
        Assert.False(SqliteValue.Binds(typeof(TimeSpan)));
        Assert.True(SqliteValue.Binds(typeof(DateOnly?)));
    }
}
