using System.Collections.Concurrent;
using System.Data.Common;
using Grassroots.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Grassroots.Data;

public sealed partial class AppDb
{
    /// <summary>
    /// Inserts many new rows of one entity type without change tracking — on SQLite through prepared INSERT statements
    /// of many rows each, on PostgreSQL through binary COPY with keys drawn from the table's sequence — with the same scope check
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
        foreach (var entity in entities) CheckWrite(entity, EntityState.Added, null);
        var table = BulkTable.For(Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped."));
        if (Database.IsNpgsql()) await CopyAsync(table, entities, (NpgsqlConnection)transaction.Connection!, ct);
        else InsertBatched(table, entities, transaction, ct);
        if (AuditRowsDisabled || NotAudited.Contains(typeof(T))) return;
        var events = new List<AuditEvent>(entities.Count);
        foreach (var entity in entities)
            events.Add(NewEvent("create", typeof(T).Name, table.Key?.PropertyInfo!.GetValue(entity)?.ToString(), CreatedChanges(table, entity), null,
                table.ProvinceCode?.GetValue(entity) as string, table.CommuneId?.GetValue(entity) as int?));
        await BulkInsertAsync(events, ct);
    }

    /// <summary>
    /// SQLite: the rows go in INSERT statements of many rows each (SQLite's cost is as much per statement as per row),
    /// prepared once per size. Generated keys are given here, counting on from the largest key and the AUTOINCREMENT
    /// counter: the caller's transaction holds SQLite's write lock, so no other writer takes a key meanwhile (and were
    /// it not held, the primary key would refuse the insert rather than let two rows share a key).
    /// SQLite runs in this process and its "async" calls complete synchronously: the plain calls save a task per statement.
    /// </summary>
    private static void InsertBatched<T>(BulkTable table, IReadOnlyList<T> entities, DbTransaction transaction, CancellationToken ct) where T : class
    {
        var connection = transaction.Connection!;
        if (table.Key is { } key && table.Generated)
        {
            var next = NextKey(table, key, transaction);
            foreach (var entity in entities)
                key.PropertyInfo!.SetValue(entity, Convert.ChangeType(next++, key.ClrType, System.Globalization.CultureInfo.InvariantCulture));
        }
        var columns = table.Columns;
        // At most 999 parameters a statement (SQLite's historical limit) and 100 rows.
        var perStatement = Math.Clamp(999 / columns.Count, 1, 100);
        DbCommand? full = null;
        try
        {
            for (var start = 0; start < entities.Count; start += perStatement)
            {
                ct.ThrowIfCancellationRequested();
                var rows = Math.Min(perStatement, entities.Count - start);
                var command = rows == perStatement ? full ??= Prepare(rows) : Prepare(rows);
                for (var r = 0; r < rows; r++)
                    for (var c = 0; c < columns.Count; c++)
                        command.Parameters[r * columns.Count + c].Value = columns[c].Read(entities[start + r]) ?? DBNull.Value;
                command.ExecuteNonQuery();
                if (command != full) command.Dispose();
            }
        }
        finally
        {
            full?.Dispose();
        }

        DbCommand Prepare(int rows)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            var values = Enumerable.Range(0, rows).Select(r => "(" + string.Join(", ", columns.Select((_, c) => $"@p{r * columns.Count + c}")) + ")");
            command.CommandText = $"INSERT INTO {Quote(table.Name)} ({string.Join(", ", columns.Select(c => Quote(c.Name)))}) VALUES {string.Join(", ", values)}";
            for (var i = 0; i < rows * columns.Count; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@p" + i;
                command.Parameters.Add(parameter);
            }
            command.Prepare();
            return command;
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
        .Select(p => (p.Name, (object?)null, p.PropertyInfo!.GetValue(entity)))
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
            Columns = [.. type.GetProperties().Select(p => new BulkColumn(p, p.GetColumnName(store)!, p.GetRelationalTypeMapping()))];
            Audited = [.. type.GetProperties().Where(p => !NotAuditedFields.Contains(p.Name) && !p.IsPrimaryKey() && p.PropertyInfo is not null)];
            ProvinceCode = type.FindProperty("ProvinceCode")?.PropertyInfo;
            CommuneId = (type.FindProperty("CurrentCommuneId") ?? type.FindProperty("CommuneId"))?.PropertyInfo;
        }

        /// <summary>The fields an audit row of a new record holds.</summary>
        public IReadOnlyList<IProperty> Audited { get; }
        /// <summary>Where the record is, for the audit row's place (its current commune, if it has one).</summary>
        public System.Reflection.PropertyInfo? ProvinceCode { get; }
        public System.Reflection.PropertyInfo? CommuneId { get; }

        public IEntityType Type { get; }
        public string Name { get; }
        public IProperty? Key { get; }
        public bool Generated { get; }
        public IReadOnlyList<BulkColumn> Columns { get; }

        public static BulkTable For(IEntityType type) => Cache.GetOrAdd(type, t => new BulkTable(t));
    }

    private sealed record BulkColumn(IProperty Property, string Name, RelationalTypeMapping Mapping)
    {
        /// <summary>The store type without facets ("character varying(100)" → "character varying"), as COPY names types.</summary>
        public string StoreType => Mapping.StoreType.Split('(')[0].Trim();

        /// <summary>The value as the provider stores it (enums stored as text converted, and so on).</summary>
        public object? Read(object entity)
        {
            var value = Property.PropertyInfo!.GetValue(entity);
            if (value is null) return null;
            var converter = Mapping.Converter ?? Property.GetValueConverter();
            return converter is null ? value : converter.ConvertToProvider(value);
        }
    }
}
