using System.Data.Common;
using Grassroots.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Grassroots.Tests.Infrastructure;

/// <summary>
/// Reads a database's schema from the provider's own catalog (not from EF) as a set of facts, one line each:
/// <c>table t</c>, <c>column t.c type NOT NULL …</c>, <c>primary key t (c)</c>, <c>foreign key t (c) → u (id) ON DELETE …</c>,
/// <c>index t name (c, d) UNIQUE</c>. Two schemas are equal when their fact sets are equal, and the set
/// difference is a readable list of what is missing or extra. EF's migrations history and lock tables and the
/// provider's internal tables are left out.
/// </summary>
public static class SchemaReader
{
    public const string HistoryTable = "__ef_migrations_history";
    /// <summary>EF's SQLite migration lock (PostgreSQL uses an advisory lock instead).</summary>
    public const string LockTable = "__EFMigrationsLock";

    public static async Task<SortedSet<string>> ReadAsync(TestDatabase database, CancellationToken ct) =>
        TestDatabase.Provider == DbProvider.Sqlite
            ? await ReadSqliteAsync(database.ConnectionString, ct)
            : await ReadPostgresAsync(database.ConnectionString, ct);

    /// <summary>Lines of <paramref name="expected"/> missing from <paramref name="actual"/> ("-") and extra in it ("+").</summary>
    public static IReadOnlyList<string> Differences(IReadOnlySet<string> expected, IReadOnlySet<string> actual) =>
        [.. expected.Except(actual).Select(x => "- " + x), .. actual.Except(expected).Select(x => "+ " + x)];

    private static async Task<SortedSet<string>> ReadSqliteAsync(string connectionString, CancellationToken ct)
    {
        var facts = new SortedSet<string>(StringComparer.Ordinal);
        await using var conn = new SqliteConnection(connectionString);
        await conn.OpenAsync(ct);
        var tables = await RowsAsync(conn, "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name", [], ct);
        foreach (var table in tables)
        {
            var name = (string)table["name"]!;
            if (name is HistoryTable or LockTable) continue;
            var createSql = (string)table["sql"]!;
            facts.Add($"table {name}");
            (string, object)[] tableParam = [("@t", name)];

            // The pragma table-valued functions take the table name as a bound parameter.
            var columns = await RowsAsync(conn, "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(@t)", tableParam, ct);
            var keyColumns = columns.Where(c => Convert.ToInt64(c["pk"]) > 0).OrderBy(c => Convert.ToInt64(c["pk"])).Select(c => (string)c["name"]!).ToList();
            foreach (var c in columns)
            {
                var autoIncrement = keyColumns.Count == 1 && keyColumns[0] == (string)c["name"]! &&
                                    createSql.Contains("AUTOINCREMENT", StringComparison.OrdinalIgnoreCase);
                facts.Add(Column(name, (string)c["name"]!, (string)c["type"]!, Convert.ToInt64(c["notnull"]) == 1,
                    c["dflt_value"] as string, autoIncrement ? "AUTOINCREMENT" : null, collation: null));
            }
            if (keyColumns.Count > 0) facts.Add($"primary key {name} ({string.Join(", ", keyColumns)})");

            var foreignKeys = await RowsAsync(conn, "SELECT id, seq, \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list(@t)", tableParam, ct);
            foreach (var fk in foreignKeys.GroupBy(f => Convert.ToInt64(f["id"])))
            {
                var parts = fk.OrderBy(f => Convert.ToInt64(f["seq"])).ToList();
                facts.Add(ForeignKey(name, parts.Select(p => (string)p["from"]!), (string)parts[0]["table"]!,
                    parts.Select(p => (string)p["to"]!), (string)parts[0]["on_delete"]!, constraintName: null));
            }

            var indexes = await RowsAsync(conn, "SELECT name, \"unique\", origin, partial FROM pragma_index_list(@t)", tableParam, ct);
            foreach (var index in indexes)
            {
                if ((string)index["origin"]! == "pk") continue; // the primary key, listed above
                var indexName = (string)index["name"]!;
                var indexColumns = await RowsAsync(conn, "SELECT seqno, name FROM pragma_index_info(@i)", [("@i", indexName)], ct);
                string? filter = null;
                if (Convert.ToInt64(index["partial"]) == 1)
                {
                    var sql = (string?)await ScalarAsync(conn, "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = @i", [("@i", indexName)], ct) ?? "";
                    var where = sql.IndexOf(" WHERE ", StringComparison.OrdinalIgnoreCase);
                    filter = where < 0 ? sql : sql[(where + 7)..].Trim();
                }
                facts.Add(Index(name, indexName, indexColumns.OrderBy(c => Convert.ToInt64(c["seqno"])).Select(c => c["name"] as string ?? "<expression>"),
                    Convert.ToInt64(index["unique"]) == 1, filter));
            }
        }
        return facts;
    }

    private static async Task<SortedSet<string>> ReadPostgresAsync(string connectionString, CancellationToken ct)
    {
        var facts = new SortedSet<string>(StringComparer.Ordinal);
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        (string, object)[] history = [("@history", HistoryTable)];

        // Constant catalog queries; the only value (the history table's name) is a bound parameter.
        foreach (var t in await RowsAsync(conn, """
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> @history
            """, history, ct))
            facts.Add($"table {t["relname"]}");

        foreach (var c in await RowsAsync(conn, """
            SELECT c.relname AS table_name, a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS store_type,
                   a.attnotnull AS not_null, pg_get_expr(d.adbin, d.adrelid) AS default_value, a.attidentity AS identity,
                   a.attgenerated AS generated, CASE WHEN a.attcollation <> t.typcollation THEN co.collname END AS collation
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_type t ON t.oid = a.atttypid
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            LEFT JOIN pg_collation co ON co.oid = a.attcollation
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> @history AND a.attnum > 0 AND NOT a.attisdropped
            """, history, ct))
        {
            var identity = c["identity"] switch
            {
                'a' => "GENERATED ALWAYS AS IDENTITY",
                'd' => "GENERATED BY DEFAULT AS IDENTITY",
                _ => c["generated"] is 's' ? "GENERATED ALWAYS AS (…) STORED" : null,
            };
            facts.Add(Column((string)c["table_name"]!, (string)c["column_name"]!, (string)c["store_type"]!, (bool)c["not_null"]!,
                c["default_value"] as string, identity, c["collation"] as string));
        }

        var constraints = await RowsAsync(conn, """
            SELECT k.conname, k.contype, c.relname AS table_name, r.relname AS referenced_table, k.confdeltype,
                   ARRAY(SELECT a.attname FROM unnest(k.conkey) WITH ORDINALITY AS u(attnum, ord)
                         JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum ORDER BY u.ord)::text[] AS columns,
                   ARRAY(SELECT a.attname FROM unnest(k.confkey) WITH ORDINALITY AS u(attnum, ord)
                         JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.attnum ORDER BY u.ord)::text[] AS referenced_columns
            FROM pg_constraint k
            JOIN pg_class c ON c.oid = k.conrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_class r ON r.oid = k.confrelid
            WHERE n.nspname = 'public' AND c.relname <> @history AND k.contype IN ('p', 'f', 'u')
            """, history, ct);
        foreach (var k in constraints)
        {
            var table = (string)k["table_name"]!;
            var columns = (string[])k["columns"]!;
            switch ((char)k["contype"]!)
            {
                case 'p':
                    facts.Add($"primary key {table} ({string.Join(", ", columns)}) named {k["conname"]}");
                    break;
                case 'f':
                    var onDelete = (char)k["confdeltype"]! switch
                    {
                        'a' => "NO ACTION",
                        'r' => "RESTRICT",
                        'c' => "CASCADE",
                        'n' => "SET NULL",
                        'd' => "SET DEFAULT",
                        var other => other.ToString(),
                    };
                    facts.Add(ForeignKey(table, columns, (string)k["referenced_table"]!, (string[])k["referenced_columns"]!, onDelete, (string)k["conname"]!));
                    break;
                default:
                    facts.Add($"unique constraint {table} ({string.Join(", ", columns)}) named {k["conname"]}");
                    break;
            }
        }

        foreach (var i in await RowsAsync(conn, """
            SELECT t.relname AS table_name, ic.relname AS index_name, x.indisunique AS is_unique, am.amname AS method,
                   pg_get_expr(x.indpred, x.indrelid) AS filter,
                   ARRAY(SELECT COALESCE(a.attname, '<expression>') || CASE WHEN o.opt & 1 = 1 THEN ' DESC' ELSE '' END
                         FROM unnest(x.indkey::int2[]) WITH ORDINALITY AS u(attnum, ord)
                         JOIN unnest(x.indoption::int2[]) WITH ORDINALITY AS o(opt, ord) ON o.ord = u.ord
                         LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = u.attnum
                         ORDER BY u.ord)::text[] AS columns
            FROM pg_index x
            JOIN pg_class t ON t.oid = x.indrelid
            JOIN pg_class ic ON ic.oid = x.indexrelid
            JOIN pg_am am ON am.oid = ic.relam
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = 'public' AND t.relname <> @history AND NOT x.indisprimary
              AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)
            """, history, ct))
        {
            var method = (string)i["method"]! == "btree" ? "" : $" USING {i["method"]}";
            facts.Add(Index((string)i["table_name"]!, (string)i["index_name"]!, (string[])i["columns"]!, (bool)i["is_unique"]!, i["filter"] as string) + method);
        }
        return facts;
    }

    private static string Column(string table, string column, string storeType, bool notNull, string? defaultValue, string? generated, string? collation) =>
        $"column {table}.{column} {storeType}{(notNull ? " NOT NULL" : " NULL")}" +
        (defaultValue is null ? "" : $" DEFAULT {defaultValue}") +
        (generated is null ? "" : $" {generated}") +
        (collation is null ? "" : $" COLLATE {collation}");

    private static string ForeignKey(string table, IEnumerable<string> columns, string referencedTable, IEnumerable<string> referencedColumns, string onDelete, string? constraintName) =>
        $"foreign key {table} ({string.Join(", ", columns)}) → {referencedTable} ({string.Join(", ", referencedColumns)}) ON DELETE {onDelete}" +
        (constraintName is null ? "" : $" named {constraintName}");

    private static string Index(string table, string name, IEnumerable<string> columns, bool unique, string? filter) =>
        $"index {table} {name} ({string.Join(", ", columns)}){(unique ? " UNIQUE" : "")}{(filter is null ? "" : $" WHERE {filter}")}";

    private static async Task<List<Dictionary<string, object?>>> RowsAsync(DbConnection conn, string sql, IReadOnlyList<(string Name, object Value)> parameters, CancellationToken ct)
    {
        await using var cmd = Command(conn, sql, parameters);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync(ct))
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++)
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    private static async Task<object?> ScalarAsync(DbConnection conn, string sql, IReadOnlyList<(string Name, object Value)> parameters, CancellationToken ct)
    {
        await using var cmd = Command(conn, sql, parameters);
        var value = await cmd.ExecuteScalarAsync(ct);
        return value is DBNull ? null : value;
    }

    private static DbCommand Command(DbConnection conn, string sql, IReadOnlyList<(string Name, object Value)> parameters)
    {
        var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }
}
