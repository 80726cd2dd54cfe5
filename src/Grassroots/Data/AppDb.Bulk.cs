using System.Collections.Concurrent;
using System.Data.Common;
using Grassroots.Features.Audit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using SQLitePCL;

namespace Grassroots.Data;

public sealed partial class AppDb
{
    /// <summary>
    /// Inserts many new rows of one entity type without change tracking — on SQLite through one prepared INSERT statement
    /// run per row, on PostgreSQL through binary COPY with keys drawn from the table's sequence — with the same scope check
    /// and the same audit row per record as <see cref="SaveChangesAsync(bool, CancellationToken)"/>. Generated keys are
    /// set on the entities. Related rows are not followed: insert them with their own call. Runs inside the caller's
    /// transaction, which decides whether any of it stays. For imports and loads of thousands of rows, where tracking
    /// each one costs more than the write.
    /// </summary>
    public async Task BulkInsertAsync<T>(IReadOnlyList<T> entities, CancellationToken ct) where T : class
    {
        if (entities.Count == 0) return;
        if (Database.CurrentTransaction?.GetDbTransaction() is not { } transaction)
            throw new InvalidOperationException("Bulk inserts run inside a transaction that the caller commits.");
        if (new HashSet<object>(entities, ReferenceEqualityComparer.Instance).Count != entities.Count)
            throw new InvalidOperationException($"The same {typeof(T).Name} is listed twice for one bulk insert.");
        foreach (var entity in entities) CheckWrite(entity, EntityState.Added, null);
        var table = BulkTable.For(Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped."));
        if (Database.IsNpgsql()) await CopyAsync(table, entities, (NpgsqlConnection)transaction.Connection!, ct);
        else InsertRows(table, entities, transaction, ct);
        if (AuditRowsDisabled || NotAudited.Contains(typeof(T))) return;
        var events = new List<AuditEvent>(entities.Count);
        foreach (var entity in entities)
            events.Add(NewEvent("create", typeof(T).Name, table.KeyValue?.Invoke(entity)?.ToString(), CreatedChanges(table, entity), null,
                table.ProvinceCode?.Invoke(entity) as string, table.CommuneId?.Invoke(entity) as int?));
        await BulkInsertAsync(events, ct);
    }

    /// <summary>
    /// SQLite: one INSERT statement, prepared once and run for each row, its values bound by position straight through
    /// SQLite's C API. (Through <c>SqliteCommand</c> every run looks each parameter up by name — a linear search in
    /// SQLite, so multi-row statements cost the square of their parameters — and sets up a data reader: 0.2 ms a row
    /// for 10,000 enrolments, ten times SQLite's own cost.) The values are bound as Microsoft.Data.Sqlite binds them
    /// (<see cref="SqliteValue"/>), so a row reads back as one written by SaveChanges. Generated keys are given here,
    /// counting on from the largest key and the AUTOINCREMENT counter: the caller's transaction holds SQLite's write
    /// lock, so no other writer takes a key meanwhile (and were it not held, the primary key would refuse the insert
    /// rather than let two rows share a key). SQLite runs in this process, so the calls are synchronous.
    /// </summary>
    private static void InsertRows<T>(BulkTable table, IReadOnlyList<T> entities, DbTransaction transaction, CancellationToken ct) where T : class
    {
        if (table.Key is { } key && table.Generated)
        {
            var next = NextKey(table, key, transaction);
            foreach (var entity in entities)
                key.PropertyInfo!.SetValue(entity, Convert.ChangeType(next++, key.ClrType, System.Globalization.CultureInfo.InvariantCulture));
        }
        var columns = table.Columns;
        var handle = ((SqliteConnection)transaction.Connection!).Handle!;
        var sql = $"INSERT INTO {Quote(table.Name)} ({string.Join(", ", columns.Select(c => Quote(c.Name)))}) VALUES ({string.Join(", ", columns.Select((_, i) => "?" + (i + 1)))})";
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(handle, sql, out var statement), handle);
        using (statement)
        {
            foreach (var entity in entities)
            {
                ct.ThrowIfCancellationRequested();
                for (var c = 0; c < columns.Count; c++)
                    SqliteException.ThrowExceptionForRC(SqliteValue.Bind(statement, c + 1, columns[c].Read(entity)), handle);
                var done = raw.sqlite3_step(statement);
                raw.sqlite3_reset(statement);
                if (done != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(done, handle);
            }
        }
    }

    /// <summary>The first free generated key of a SQLite table: past its largest key and its AUTOINCREMENT counter.</summary>
    private static long NextKey(BulkTable table, IProperty key, DbTransaction transaction)
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        var name = command.CreateParameter();
        name.ParameterName = "@name";
        name.Value = table.Name;
        command.Parameters.Add(name);
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'";
        var counted = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
        command.CommandText = $"SELECT max(coalesce((SELECT max({Quote(key.GetColumnName())}) FROM {Quote(table.Name)}), 0), " +
                              (counted ? "coalesce((SELECT seq FROM sqlite_sequence WHERE name = @name), 0))" : "0)");
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) + 1;
    }

    /// <summary>PostgreSQL: keys drawn from the sequence in one query, then every row through binary COPY.</summary>
    private static async Task CopyAsync<T>(BulkTable table, IReadOnlyList<T> entities, NpgsqlConnection connection, CancellationToken ct) where T : class
    {
        if (table.Key is { } key && table.Generated)
        {
            var missing = entities.Where(e => Convert.ToInt64(key.PropertyInfo!.GetValue(e), System.Globalization.CultureInfo.InvariantCulture) == 0).ToList();
            await using var next = new NpgsqlCommand("SELECT nextval(pg_get_serial_sequence(@table, @column)) FROM generate_series(1, @count)", connection);
            next.Parameters.AddWithValue("table", Quote(table.Name));
            next.Parameters.AddWithValue("column", key.GetColumnName());
            next.Parameters.AddWithValue("count", missing.Count);
            await using var reader = await next.ExecuteReaderAsync(ct);
            foreach (var entity in missing)
            {
                await reader.ReadAsync(ct);
                key.PropertyInfo!.SetValue(entity, Convert.ChangeType(reader.GetInt64(0), key.ClrType, System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        var copy = $"COPY {Quote(table.Name)} ({string.Join(", ", table.Columns.Select(c => Quote(c.Name)))}) FROM STDIN (FORMAT BINARY)";
        await using var writer = await connection.BeginBinaryImportAsync(copy, ct);
        foreach (var entity in entities)
        {
            await writer.StartRowAsync(ct);
            foreach (var column in table.Columns)
            {
                if (column.Read(entity) is { } value) await writer.WriteAsync(value, column.StoreType, ct);
                else await writer.WriteNullAsync(ct);
            }
        }
        await writer.CompleteAsync(ct);
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>The audit JSON of a new row: every field with a value but the key and bookkeeping (as <see cref="Capture"/> writes it).</summary>
    private static string CreatedChanges(BulkTable table, object entity) => ChangesJson(table.Audited
        .Select(p => (p.Name, (object?)null, p.Get(entity)))
        .Where(c => c.Item3 is not null));

    /// <summary>A mapped table as the bulk paths write it: its columns with the provider's value converters and store types.</summary>
    private sealed class BulkTable
    {
        private static readonly ConcurrentDictionary<IEntityType, BulkTable> Cache = new();

        private BulkTable(IEntityType type)
        {
            Type = type;
            Name = type.GetTableName()!;
            var store = StoreObjectIdentifier.Table(Name, type.GetSchema());
            Key = type.FindPrimaryKey()?.Properties is [var single] ? single : null;
            // Integer keys come from the database; others (random Guids) are the caller's.
            Generated = Key is not null && Key.ValueGenerated == ValueGenerated.OnAdd && (Key.ClrType == typeof(int) || Key.ClrType == typeof(long));
            Columns = [.. type.GetProperties().Select(p => new BulkColumn(p, p.GetColumnName(store)!, p.GetRelationalTypeMapping(), Getter(p.PropertyInfo!)))];
            Audited = [.. type.GetProperties().Where(p => !NotAuditedFields.Contains(p.Name) && !p.IsPrimaryKey() && p.PropertyInfo is not null)
                .Select(p => (p.Name, Getter(p.PropertyInfo!)))];
            KeyValue = Key?.PropertyInfo is { } keyProperty ? Getter(keyProperty) : null;
            ProvinceCode = type.FindProperty("ProvinceCode")?.PropertyInfo is { } province ? Getter(province) : null;
            CommuneId = (type.FindProperty("CurrentCommuneId") ?? type.FindProperty("CommuneId"))?.PropertyInfo is { } commune ? Getter(commune) : null;
        }

        /// <summary>The fields an audit row of a new record holds.</summary>
        public IReadOnlyList<(string Name, Func<object, object?> Get)> Audited { get; }
        /// <summary>Where the record is, for the audit row's place (its current commune, if it has one).</summary>
        public Func<object, object?>? ProvinceCode { get; }
        public Func<object, object?>? CommuneId { get; }
        public Func<object, object?>? KeyValue { get; }

        public IEntityType Type { get; }
        public string Name { get; }
        public IProperty? Key { get; }
        public bool Generated { get; }
        public IReadOnlyList<BulkColumn> Columns { get; }

        public static BulkTable For(IEntityType type) => Cache.GetOrAdd(type, t => new BulkTable(t));

        /// <summary>A compiled read of a property (boxed): reflection's GetValue cost more than SQLite's insert of the row.</summary>
        private static Func<object, object?> Getter(System.Reflection.PropertyInfo property)
        {
            var entity = System.Linq.Expressions.Expression.Parameter(typeof(object), "entity");
            var read = System.Linq.Expressions.Expression.Property(System.Linq.Expressions.Expression.Convert(entity, property.DeclaringType!), property);
            return System.Linq.Expressions.Expression.Lambda<Func<object, object?>>(System.Linq.Expressions.Expression.Convert(read, typeof(object)), entity).Compile();
        }
    }

    private sealed record BulkColumn(IProperty Property, string Name, RelationalTypeMapping Mapping, Func<object, object?> Get)
    {
        /// <summary>The store type without facets ("character varying(100)" → "character varying"), as COPY names types.</summary>
        public string StoreType { get; } = Mapping.StoreType.Split('(')[0].Trim();

        private Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? Converter { get; } = Mapping.Converter ?? Property.GetValueConverter();

        /// <summary>The value as the provider stores it (enums stored as text converted, and so on).</summary>
        public object? Read(object entity)
        {
            var value = Get(entity);
            if (value is null) return null;
            return Converter is null ? value : Converter.ConvertToProvider(value);
        }
    }
}
