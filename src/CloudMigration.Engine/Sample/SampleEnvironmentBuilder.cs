using System.Data.Common;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Discovery;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Operations;
using CloudMigration.Engine.Products.BusinessCentral;
using CloudMigration.Engine.Products.DynamicsSL;
using CloudMigration.Engine.Sql;
using Microsoft.Data.Sqlite;

namespace CloudMigration.Engine.Sample;

/// <summary>
/// Generates the embedded default on SQLite: a Dynamics SL system database, its application databases
/// with the 60 migrated tables, and a Business Central tenant database with the Dynamics SL Migration
/// extension and per-company staging tables. Files are built in a scratch folder and moved into place
/// at the end, so a failure or a cancel leaves the target folder as it was.
/// </summary>
public sealed class SampleEnvironmentBuilder
{
    public const string SystemDatabase = "SLSystem";
    public const string DestinationDatabase = "BusinessCentral";
    public const string FileExtension = ".db";
    public const int SlMajorVersion = 10;

    private const string Activity = "Creating the CloudMigration sample environment";
    private static readonly ISqlDialect Dialect = SqliteDialect.Instance;

    /// <summary>The files a sample consists of, for overwrite checks.</summary>
    public static IReadOnlyList<string> DatabaseNames { get; } =
        [SystemDatabase, SampleCompany.MainApplicationDatabase, SampleCompany.SecondApplicationDatabase, DestinationDatabase];

    public async Task<SampleEnvironment> CreateAsync(SampleOptions options, IProgress<OperationProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var target = System.IO.Path.GetFullPath(options.Path);
        var existing = DatabaseNames.Select(n => System.IO.Path.Combine(target, n + FileExtension)).Where(File.Exists).ToArray();
        if (existing.Length > 0 && !options.Force)
        {
            throw new CmException(ErrorIds.SamplePathNotEmpty, CmErrorCategory.ResourceExists,
                $"The folder '{target}' already holds sample databases ({string.Join(", ", existing.Select(System.IO.Path.GetFileName))}).",
                "Use -Force to replace them, or give another -Path.", target);
        }

        var catalog = SlCatalog.Default;
        var companies = SampleCompany.Create(options.CompanyCount);
        var values = new SampleValues(options.Seed);
        var createdTarget = !Directory.Exists(target);
        var scratch = System.IO.Path.Combine(target, ".cm-sample-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(scratch);
        var completed = false;
        long rows = 0;
        try
        {
            var databases = companies.Select(c => c.ApplicationDatabase).Distinct(StringComparer.Ordinal).ToArray();
            var steps = databases.Length + 2;
            var step = 0;
            void Report(string status) => progress?.Report(new OperationProgress(Activity, status, 100 * step / steps));

            Report("Dynamics SL system database " + SystemDatabase);
            rows += await WriteDatabaseAsync(scratch, SystemDatabase, c => WriteSystemDatabaseAsync(c, companies, cancellationToken), cancellationToken).ConfigureAwait(false);
            step++;

            foreach (var database in databases)
            {
                Report("Dynamics SL application database " + database);
                var inDatabase = companies.Where(c => c.ApplicationDatabase == database).ToArray();
                rows += await WriteDatabaseAsync(scratch, database, c => WriteApplicationDatabaseAsync(c, catalog, inDatabase, values, options.RowsPerTable, cancellationToken), cancellationToken).ConfigureAwait(false);
                step++;
            }

            Report("Business Central database " + DestinationDatabase);
            rows += await WriteDatabaseAsync(scratch, DestinationDatabase, c => WriteDestinationDatabaseAsync(c, catalog, companies.Where(x => x.Active).ToArray(), cancellationToken), cancellationToken).ConfigureAwait(false);
            step++;

            foreach (var name in DatabaseNames)
            {
                File.Delete(System.IO.Path.Combine(target, name + FileExtension));
            }

            foreach (var file in Directory.GetFiles(scratch, "*" + FileExtension))
            {
                File.Move(file, System.IO.Path.Combine(target, System.IO.Path.GetFileName(file)));
            }

            completed = true;
            progress?.Report(new OperationProgress(Activity, "Done", 100, Completed: true));
            var source = CmEndpoint.Parse(EndpointParser.SqlitePrefix + System.IO.Path.Combine(target, SystemDatabase + FileExtension));
            return new SampleEnvironment
            {
                Path = target,
                Source = source,
                Destination = source.WithDatabase(DestinationDatabase),
                Companies = companies.Select(c => c.CpnyID).ToArray(),
                ApplicationDatabases = databases,
                TableCount = catalog.Tables.Count,
                RowCount = rows,
                Seed = options.Seed,
            };
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(!completed && createdTarget ? target : scratch, recursive: true);
        }
    }

    private static async Task<long> WriteDatabaseAsync(string folder, string name, Func<SqliteConnection, Task<long>> write, CancellationToken cancellationToken)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = System.IO.Path.Combine(folder, name + FileExtension),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        };
        await using var connection = new SqliteConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, "PRAGMA journal_mode = DELETE; PRAGMA synchronous = OFF;", cancellationToken).ConfigureAwait(false);
        // One transaction per database; plain BEGIN/COMMIT so every command of the writer takes part in it.
        await ExecuteAsync(connection, null, "BEGIN;", cancellationToken).ConfigureAwait(false);
        var rows = await write(connection).ConfigureAwait(false);
        await ExecuteAsync(connection, null, "COMMIT;", CancellationToken.None).ConfigureAwait(false);
        return rows;
    }

    private static async Task<long> WriteSystemDatabaseAsync(SqliteConnection connection, IReadOnlyList<SampleCompany> companies, CancellationToken cancellationToken)
    {
        var company = new TableSchema("Company",
        [
            new("Active", "smallint"), new("CpnyID", "char(10)"), new("CpnyName", "char(30)"), new("DatabaseName", "char(30)"),
            new("Addr1", "char(60)"), new("City", "char(30)"), new("Country", "char(3)"), new("tstamp", "timestamp"),
        ], ["CpnyID"]);
        var registration = new TableSchema("Registration",
            [new("CustomerName", "char(60)"), new("SerialNbr", "char(30)"), new("RegType", "char(1)"), new("tstamp", "timestamp")], ["SerialNbr"]);
        var mcSetup = new TableSchema("MCSetup",
            [new("SetupId", "char(2)"), new("BaseCuryId", "char(4)"), new("MCActivated", "smallint"), new("tstamp", "timestamp")], ["SetupId"]);
        foreach (var table in new[] { company, registration, mcSetup })
        {
            await ExecuteAsync(connection, null, SchemaScripts.CreateTable(Dialect, table), cancellationToken).ConfigureAwait(false);
        }

        // SQLite has no procedures: the facts SL's getVersion procedure returns are a view of the same name.
        await ExecuteAsync(connection, null,
            $"CREATE VIEW getVersion AS SELECT {SlMajorVersion} AS MajorVersion, 0 AS MinorVersion, 1 AS BuildNumber, 'Microsoft Dynamics SL 2018 CU1' AS ProductName;",
            cancellationToken).ConfigureAwait(false);

        long stamp = 0;
        var rows = await InsertAsync(connection, company, companies.Select(c => new object?[]
        {
            c.Active ? 1 : 0, SampleValues.Pad(c.CpnyID, 10), SampleValues.Pad(c.Name, 30), SampleValues.Pad(c.ApplicationDatabase, 30),
            SampleValues.Pad("1 Sample Street", 60), SampleValues.Pad("Fargo", 30), "USA", Stamp(ref stamp),
        }), cancellationToken).ConfigureAwait(false);
        rows += await InsertAsync(connection, registration, [[SampleValues.Pad("CloudMigration sample", 60), SampleValues.Pad("SAMPLE-0001", 30), "F", Stamp(ref stamp)]], cancellationToken).ConfigureAwait(false);
        rows += await InsertAsync(connection, mcSetup, [["MC", "USD ", 0, Stamp(ref stamp)]], cancellationToken).ConfigureAwait(false);
        return rows;
    }

    private static async Task<long> WriteApplicationDatabaseAsync(SqliteConnection connection, SlCatalog catalog, IReadOnlyList<SampleCompany> companies,
        SampleValues values, int rowsPerTable, CancellationToken cancellationToken)
    {
        long total = 0;
        long stamp = 0;
        foreach (var table in catalog.Tables)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var schema = SlSchema(table);
            await ExecuteAsync(connection, null, SchemaScripts.CreateTable(Dialect, schema), cancellationToken).ConfigureAwait(false);

            // Tables with CpnyID hold rows per company; the others (Account, setup tables) are shared by the database.
            var owners = table.HasCompanyColumn ? companies.Where(c => c.Active).Select(c => (string?)c.CpnyID).ToArray() : [null];
            // Keys number rows across the companies of the database: not every SL key includes CpnyID (Batch, for one).
            var count = (int)Math.Min(Math.Max(rowsPerTable, SampleValues.MinimumRows(table)), SampleValues.KeyCapacity(table) / owners.Length);
            var rows = owners.SelectMany((owner, index) => Enumerable.Range(index * count, count).Select(row => SlRow(table, owner, row, values, ref stamp)));
            total += await InsertAsync(connection, schema, rows, cancellationToken).ConfigureAwait(false);
        }

        return total;
    }

    private static object?[] SlRow(SlTable table, string? owner, int row, SampleValues values, ref long stamp)
    {
        var result = new object?[table.Fields.Count + 1];
        for (var i = 0; i < table.Fields.Count; i++)
        {
            var field = table.Fields[i];
            if (owner is not null && string.Equals(field.Name, "CpnyID", StringComparison.OrdinalIgnoreCase))
            {
                result[i] = SampleValues.Pad(owner, field.Length);
            }
            else if (table.PrimaryKey.Contains(field.Name, StringComparer.OrdinalIgnoreCase))
            {
                result[i] = SampleValues.KnownKey(table, field, row) ?? SampleValues.Key(field, row);
            }
            else
            {
                result[i] = values.Value(table.Name, field, row);
            }
        }

        result[^1] = Stamp(ref stamp);
        return result;
    }

    private static async Task<long> WriteDestinationDatabaseAsync(SqliteConnection connection, SlCatalog catalog, IReadOnlyList<SampleCompany> companies, CancellationToken cancellationToken)
    {
        var company = BcSchema("Company",
            [new("Name", "nvarchar(30)"), new("Evaluation Company", "tinyint"), new("Display Name", "nvarchar(250)"), new("Business Profile Id", "nvarchar(250)")],
            ["Name"]);
        var installedApp = BcSchema("NAV App Installed App",
        [
            new("App ID", "uniqueidentifier"), new("Package ID", "uniqueidentifier"), new("Name", "nvarchar(250)"), new("Publisher", "nvarchar(250)"),
            new("Version Major", "int"), new("Version Minor", "int"), new("Version Build", "int"), new("Version Revision", "int"), new("Extension Type", "int"),
        ], ["App ID"]);
        await ExecuteAsync(connection, null, SchemaScripts.CreateTable(Dialect, company), cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, SchemaScripts.CreateTable(Dialect, installedApp), cancellationToken).ConfigureAwait(false);

        long stamp = 0;
        var bcCompanies = companies.Select(c => (Name: c.CpnyID, Display: c.Name)).Prepend((Name: "CRONUS USA, Inc.", Display: "CRONUS USA, Inc.")).ToArray();
        var rows = await InsertAsync(connection, company, bcCompanies.Select(c =>
            BcRow(ref stamp, c.Name, c.Name.StartsWith("CRONUS", StringComparison.Ordinal) ? 1 : 0, c.Display, string.Empty)), cancellationToken).ConfigureAwait(false);

        var app = catalog.App;
        (Guid Id, string Name, Version Version)[] apps =
        [
            (Guid.Parse("63ca2fa4-4f03-4f2b-a480-172fef340d3f"), "System Application", app.Version),
            (Guid.Parse("437dbf0e-84ff-417a-965d-ed2bb9650972"), "Base Application", app.Version),
            (Guid.Parse("58623bfa-0559-4bc2-ae1c-0979c29fd9e0"), "Intelligent Cloud Base", app.Version),
            (app.Id, app.Name, app.Version),
        ];
        rows += await InsertAsync(connection, installedApp, apps.Select(a => BcRow(ref stamp,
            a.Id.ToString("D"), DeterministicGuid(a.Name).ToString("D"), a.Name, "Microsoft",
            a.Version.Major, a.Version.Minor, Math.Max(0, a.Version.Build), Math.Max(0, a.Version.Revision), 0)), cancellationToken).ConfigureAwait(false);

        foreach (var c in companies)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var table in catalog.Tables)
            {
                var schema = BcSchema(BcNaming.CompanyTable(c.CpnyID, table.BcTable, app.Id),
                    table.Fields.Select(f => new ColumnSchema(f.Name, f.BcSqlType)).ToArray(), table.PrimaryKey);
                await ExecuteAsync(connection, null, SchemaScripts.CreateTable(Dialect, schema), cancellationToken).ConfigureAwait(false);
            }
        }

        return rows;
    }

    /// <summary>The SL table as it stands in an SL database: the staging fields with SL types, then tstamp.</summary>
    public static TableSchema SlSchema(SlTable table) =>
        new(table.Name, table.Fields.Select(f => new ColumnSchema(f.Name, f.SlSqlType)).Append(new ColumnSchema("tstamp", "timestamp")).ToArray(), table.PrimaryKey);

    /// <summary>A BC table: [timestamp] first, then the fields, then the $system columns.</summary>
    public static TableSchema BcSchema(string name, IReadOnlyList<ColumnSchema> fields, IReadOnlyList<string> primaryKey) =>
        new(name,
            fields.Prepend(new ColumnSchema("timestamp", "rowversion"))
                  .Concat(BcNaming.SystemColumns.Select(s => new ColumnSchema(s.Name, s.SqlType)))
                  .ToArray(),
            primaryKey);

    private static object?[] BcRow(ref long stamp, params object?[] fields)
    {
        var id = DeterministicGuid(string.Join("|", fields)).ToString("D");
        return [Stamp(ref stamp), .. fields, id, "2024-01-01 00:00:00", Guid.Empty.ToString("D"), "2024-01-01 00:00:00", Guid.Empty.ToString("D")];
    }

    private static byte[] Stamp(ref long stamp)
    {
        stamp++;
        var bytes = BitConverter.GetBytes(stamp);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(bytes);
        }

        return bytes;
    }

    private static Guid DeterministicGuid(string text)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text));
        return new Guid(hash.AsSpan(0, 16));
    }

    private static async Task<long> InsertAsync(SqliteConnection connection, TableSchema table, IEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = SchemaScripts.Insert(Dialect, table);
        var parameters = new SqliteParameter[table.Columns.Count];
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i] = command.CreateParameter();
            parameters[i].ParameterName = "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            command.Parameters.Add(parameters[i]);
        }

        long count = 0;
        foreach (var row in rows)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = row[i] ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            count++;
        }

        return count;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
