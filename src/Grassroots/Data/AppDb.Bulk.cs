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
    /// Inserts many new rows of one entity type without change tracking — on SQLite through one prepared command run
    /// per row, on PostgreSQL through binary COPY with keys drawn from the table's sequence — with the same scope check
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
        else await InsertEachAsync(table, entities, transaction, ct);
        if (AuditRowsDisabled || NotAudited.Contains(typeof(T))) return;
        var events = new List<AuditEvent>(entities.Count);
        foreach (var entity in entities)
        {
            string? Text(string name) => table.Type.FindProperty(name)?.PropertyInfo?.GetValue(entity) as string;
            int? Int(string name) => table.Type.FindProperty(name)?.PropertyInfo?.GetValue(entity) as int?;
            events.Add(NewEvent("create", typeof(T).Name, table.Key?.PropertyInfo!.GetValue(entity)?.ToString(), CreatedChanges(table.Type, entity), null,
                Text("ProvinceCode"), Int("CurrentCommuneId") ?? Int("CommuneId")));
        }
        await BulkInsertAsync(events, ct);
    }

    /// <summary>SQLite: one prepared INSERT … RETURNING the generated key, run once per row.</summary>
    private static async Task InsertEachAsync<T>(BulkTable table, IReadOnlyList<T> entities, DbTransaction transaction, CancellationToken ct) where T : class
    {
        var generated = table.Key is { } key && table.Generated;
        var columns = table.Columns.Where(c => !(generated && c.Property == table.Key)).ToList();
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {Quote(table.Name)} ({string.Join(", ", columns.Select(c => Quote(c.Name)))}) " +
                              $"VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})" + (generated ? $" RETURNING {Quote(table.Key!.GetColumnName())}" : "");
        var parameters = columns.Select((_, i) =>
        {
            var p = command.CreateParameter();
            p.ParameterName = "@p" + i;
            command.Parameters.Add(p);
            return p;
        }).ToList();
        await command.PrepareAsync(ct);
        foreach (var entity in entities)
        {
            ct.ThrowIfCancellationRequested();
            for (var i = 0; i < columns.Count; i++) parameters[i].Value = columns[i].Read(entity) ?? DBNull.Value;
            // SQLite runs in this process and its "async" calls complete synchronously: the plain call saves a task per row.
            var id = command.ExecuteScalar();
            if (generated) table.Key!.PropertyInfo!.SetValue(entity, Convert.ChangeType(id, table.Key.ClrType, System.Globalization.CultureInfo.InvariantCulture));
        }
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
    private static string CreatedChanges(IEntityType type, object entity) => ChangesJson(type.GetProperties()
        .Where(p => !NotAuditedFields.Contains(p.Name) && !p.IsPrimaryKey() && p.PropertyInfo is not null)
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
        }

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
