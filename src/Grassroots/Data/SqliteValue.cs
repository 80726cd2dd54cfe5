using System.Globalization;
using SQLitePCL;

namespace Grassroots.Data;

/// <summary>
/// Binds a provider value (after EF Core's value converters) to a parameter of a prepared SQLite statement as
/// Microsoft.Data.Sqlite binds it for EF Core: whole numbers and booleans as integers, dates and decimals as text in
/// its formats, Guids as upper-case text. <c>BulkInsertTests</c> checks that the bulk path stores every column of the
/// model's tables exactly as SaveChanges does. A type it does not know is refused, not guessed.
/// </summary>
internal static class SqliteValue
{
    /// <summary>Binds <paramref name="value"/> to parameter <paramref name="index"/> (1-based); SQLite's result code.</summary>
    public static int Bind(sqlite3_stmt statement, int index, object? value) => value switch
    {
        null or DBNull => raw.sqlite3_bind_null(statement, index),
        string text => raw.sqlite3_bind_text(statement, index, text),
        bool flag => raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0),
        int number => raw.sqlite3_bind_int64(statement, index, number),
        long number => raw.sqlite3_bind_int64(statement, index, number),
        short number => raw.sqlite3_bind_int64(statement, index, number),
        byte number => raw.sqlite3_bind_int64(statement, index, number),
        double number => raw.sqlite3_bind_double(statement, index, number),
        float number => raw.sqlite3_bind_double(statement, index, number),
        decimal number => raw.sqlite3_bind_text(statement, index, number.ToString("0.0###########################", CultureInfo.InvariantCulture)),
        DateTime time => raw.sqlite3_bind_text(statement, index, time.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture)),
        DateTimeOffset time => raw.sqlite3_bind_text(statement, index, time.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFFzzz", CultureInfo.InvariantCulture)),
        DateOnly date => raw.sqlite3_bind_text(statement, index, date.ToString(@"yyyy\-MM\-dd", CultureInfo.InvariantCulture)),
        TimeOnly time => raw.sqlite3_bind_text(statement, index,
            time.ToString(time.Ticks % TimeSpan.TicksPerSecond == 0 ? @"HH\:mm\:ss" : @"HH\:mm\:ss\.fffffff", CultureInfo.InvariantCulture)),
        Guid id => raw.sqlite3_bind_text(statement, index, id.ToString().ToUpperInvariant()),
        byte[] bytes => raw.sqlite3_bind_blob(statement, index, bytes),
        _ => throw new NotSupportedException($"The bulk insert does not bind {value.GetType().Name} values on SQLite."),
    };

    /// <summary>Whether <see cref="Bind"/> takes values of this provider type.</summary>
    public static bool Binds(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(string) || t == typeof(bool) || t == typeof(int) || t == typeof(long) || t == typeof(short) || t == typeof(byte) ||
               t == typeof(double) || t == typeof(float) || t == typeof(decimal) || t == typeof(DateTime) || t == typeof(DateTimeOffset) || t == typeof(DateOnly) ||
               t == typeof(TimeOnly) || t == typeof(Guid) || t == typeof(byte[]);
    }
}
