using System.Data.Common;
using System.Globalization;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Discovery;
using CloudMigration.Engine.Sql;

namespace CloudMigration.Engine.Facts;

/// <summary>
/// Reads server and database facts through an open connection with the dialect's Facts.* scripts.
/// Written once for both providers: what a provider cannot know comes back NULL and stays null.
/// </summary>
internal static class FactReader
{
    /// <summary>Separates table names in the @tables parameter; a control character, so never part of a valid name.</summary>
    public const char TableSeparator = '\u001f';

    public static async Task<ServerFacts> ReadServerAsync(DbConnection connection, ISqlProvider provider, CmEndpoint endpoint, CancellationToken cancellationToken)
    {
        var rows = await Translate(provider, endpoint, () => connection.QueryAsync(provider.Dialect.Script("Facts.Server"), r => new ServerFacts
        {
            Kind = endpoint.Kind,
            ProductVersion = ParseVersion(Text(r, 0)),
            ProductLevel = Text(r, 1),
            Edition = Text(r, 2),
            EngineEdition = Int(r, 3),
            IsSysadmin = Bool(r, 4),
            LoginName = Text(r, 5),
            NetTransport = Text(r, 6),
            AuthScheme = Text(r, 7),
        }, cancellationToken)).ConfigureAwait(false);
        return rows.Single();
    }

    /// <summary>Facts about the connected database and those of <paramref name="tables"/> that exist in it, in one round trip.</summary>
    public static async Task<DatabaseFacts> ReadDatabaseAsync(DbConnection connection, ISqlProvider provider, CmEndpoint endpoint, string databaseName,
        IEnumerable<string> tables, CancellationToken cancellationToken)
    {
        var list = TableList(tables);
        return await Translate(provider, endpoint, async () =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = provider.Dialect.Script("Facts.Database");
            command.AddParameter("@tables", list);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);

            // 1. the database
            DatabaseFacts? database = null;
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                database = new DatabaseFacts
                {
                    Name = databaseName,
                    CompatibilityLevel = Int(reader, 1),
                    Collation = Text(reader, 2),
                    IsDbOwner = Bool(reader, 3),
                    ChangeTracking = Bool(reader, 4),
                    RetentionPeriod = Int(reader, 5),
                    RetentionUnits = Text(reader, 6),
                    AutoCleanup = Bool(reader, 7),
                    SizeBytes = Long(reader, 8),
                    Tables = new Dictionary<string, TableFacts>(),
                };
            }

            // 2. columns
            var columns = new Dictionary<string, List<ColumnSchema>>(StringComparer.OrdinalIgnoreCase);
            // A BC database repeats the same columns in every company's tables: share one object per distinct column.
            var pool = new Dictionary<(string Name, string Type, bool Nullable), ColumnSchema>();
            await NextAsync(reader, cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var table = reader.GetString(0);
                var declared = Text(reader, 2) ?? string.Empty;
                // SQL Server describes a type by name and max_length; SQLite keeps the declared text.
                var type = reader.IsDBNull(3) ? SqlType.Parse(declared) : SqlType.FromCatalog(declared, Int(reader, 3), Int(reader, 4), Int(reader, 5));
                var key = (reader.GetString(1), type.ToString(), Bool(reader, 6) ?? false);
                if (!pool.TryGetValue(key, out var column))
                {
                    pool[key] = column = new ColumnSchema(key.Item1, key.Item2, key.Item3);
                }

                Add(columns, table, column);
            }

            // 3. keys: the primary key, else the unique clustered index (the first index listed per table)
            var keys = new Dictionary<string, (bool IsPrimary, List<string> Columns)>(StringComparer.OrdinalIgnoreCase);
            await NextAsync(reader, cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var table = reader.GetString(0);
                var isPrimary = Bool(reader, 3) ?? false;
                if (!keys.TryGetValue(table, out var key))
                {
                    keys[table] = (isPrimary, [reader.GetString(1)]);
                }
                else if (key.IsPrimary == isPrimary)
                {
                    key.Columns.Add(reader.GetString(1));
                }
            }

            // 4. sizes and rows
            var sizes = new Dictionary<string, (long? Size, long? Rows)>(StringComparer.OrdinalIgnoreCase);
            await NextAsync(reader, cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                sizes[reader.GetString(0)] = (Long(reader, 1), Long(reader, 2));
            }

            // 5. change-tracked tables
            var tracked = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            await NextAsync(reader, cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                tracked.Add(reader.GetString(0));
            }

            database ??= new DatabaseFacts { Name = databaseName, Tables = new Dictionary<string, TableFacts>() };
            var changeTrackingKnown = database.ChangeTracking is not null;
            var facts = columns.ToDictionary(
                c => c.Key,
                c => new TableFacts
                {
                    Schema = new TableSchema(c.Key, c.Value, keys.TryGetValue(c.Key, out var k) ? k.Columns : []),
                    SizeBytes = sizes.TryGetValue(c.Key, out var s) ? s.Size : null,
                    RowCount = sizes.TryGetValue(c.Key, out var n) ? n.Rows : null,
                    ChangeTracked = changeTrackingKnown ? tracked.Contains(c.Key) : null,
                },
                StringComparer.OrdinalIgnoreCase);
            return database with { Tables = facts };
        }).ConfigureAwait(false);
    }

    /// <summary>The @tables parameter: every name wrapped in the separator.</summary>
    public static string TableList(IEnumerable<string> tables)
    {
        var names = tables.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        return names.Length == 0 ? string.Empty : TableSeparator + string.Join(TableSeparator, names) + TableSeparator;
    }

    public static async Task<T> Translate<T>(ISqlProvider provider, CmEndpoint endpoint, Func<Task<T>> read)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (DbException ex)
        {
            throw provider.Translate(ex, endpoint);
        }
    }

    private static async Task NextAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        if (!await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException("The Facts.Database script returned fewer result sets than expected.");
        }
    }

    private static void Add(Dictionary<string, List<ColumnSchema>> map, string table, ColumnSchema column)
    {
        if (!map.TryGetValue(table, out var list))
        {
            map[table] = list = [];
        }

        list.Add(column);
    }

    private static Version? ParseVersion(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var parts = text.Split('.').Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1).ToArray();
        return parts.Length switch
        {
            >= 4 when parts.Take(4).All(p => p >= 0) => new Version(parts[0], parts[1], parts[2], parts[3]),
            3 when parts.All(p => p >= 0) => new Version(parts[0], parts[1], parts[2]),
            2 when parts.All(p => p >= 0) => new Version(parts[0], parts[1]),
            _ => null,
        };
    }

    public static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture);

    public static int? Int(DbDataReader r, int i) => r.IsDBNull(i) ? null : Convert.ToInt32(r.GetValue(i), CultureInfo.InvariantCulture);

    public static long? Long(DbDataReader r, int i) => r.IsDBNull(i) ? null : Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture);

    public static bool? Bool(DbDataReader r, int i) => r.IsDBNull(i) ? null : Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture) != 0;
}
