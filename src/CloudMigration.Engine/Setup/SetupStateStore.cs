using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using CloudMigration.Engine.Compatibility;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Pipelines.Builders;
using CloudMigration.Engine.Planning;
using CloudMigration.Engine.Sql;

namespace CloudMigration.Engine.Setup;

/// <summary>
/// Reads and writes the setup's rows in the destination's control schema. Every write is one transaction that
/// replaces what it writes (delete, then insert), so writing the same thing twice leaves one copy. Reads open the
/// destination read-only and create nothing.
/// </summary>
internal sealed class SetupStateStore(CmEndpoint destination)
{
    private readonly ISqlProvider provider = SqlProviders.For(destination);

    private ISqlDialect Dialect => provider.Dialect;

    /// <summary>The setup recorded in the destination, or null when it has none (or no control schema).</summary>
    public async Task<SetupSnapshot?> ReadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await provider.OpenAsync(destination, write: false, cancellationToken).ConfigureAwait(false);
        try
        {
            var exists = await connection.QueryAsync(Dialect.Script(ControlSchema.ExistsScript), r => Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
            if (exists.Count == 0 || exists[0] == 0)
            {
                return null;
            }

            await using var command = connection.CreateCommand();
            command.CommandText = Dialect.Script(ControlSchema.StateScript);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var setups = await ReadAllAsync(reader, ReadSetup, cancellationToken).ConfigureAwait(false);
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            var steps = await ReadAllAsync(reader, ReadStep, cancellationToken).ConfigureAwait(false);
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            var compatibility = await ReadAllAsync(reader, ReadResult, cancellationToken).ConfigureAwait(false);
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            var counts = await ReadAllAsync(reader, ReadCount, cancellationToken).ConfigureAwait(false);
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            var collected = await ReadAllAsync(reader, r => (Companies: Int(r, "SourceCompanies") ?? 0, Extensions: Int(r, "DestinationExtensions") ?? 0), cancellationToken).ConfigureAwait(false);
            if (setups.Count == 0)
            {
                return null;
            }

            var state = setups[0];
            var recorded = steps.ToDictionary(s => s.Name);
            state.Steps.Clear();
            state.Steps.AddRange(SetupState.NewSteps().Select(s => recorded.TryGetValue(s.Name, out var found) ? found : s));
            return new SetupSnapshot
            {
                State = state,
                Compatibility = compatibility,
                TableCounts = counts,
                SourceCompanies = collected.Count > 0 ? collected[0].Companies : 0,
                DestinationExtensions = collected.Count > 0 ? collected[0].Extensions : 0,
            };
        }
        catch (DbException ex)
        {
            throw provider.Translate(ex, destination);
        }
    }

    /// <summary>Creates the control schema when missing (the setup's tables and the replication table).</summary>
    public Task EnsureSchemaAsync(CancellationToken cancellationToken) => WriteAsync(async (connection, transaction) =>
    {
        await ExecuteAsync(connection, transaction, Dialect.Script(ControlSchema.CreateScript), cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, Dialect.Script(ControlTable.CreateScript), cancellationToken).ConfigureAwait(false);
    }, cancellationToken, transactional: false);

    /// <summary>Replaces the setup row and its steps (one setup per destination).</summary>
    public Task SaveAsync(SetupState state, CancellationToken cancellationToken) => WriteAsync(async (connection, transaction) =>
    {
        await ExecuteAsync(connection, transaction, "DELETE FROM " + Table(ControlSchema.SetupStep) + ";", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, "DELETE FROM " + Table(ControlSchema.Setup) + ";", cancellationToken).ConfigureAwait(false);
        await InsertAsync(connection, transaction, ControlSchema.Setup, cancellationToken,
            ("SetupId", state.SetupId), ("Status", state.Status.ToString()), ("Product", state.Product), ("Source", state.Source),
            ("SourceKind", state.SourceKind), ("Fingerprint", state.Fingerprint), ("Companies", JsonSerializer.Serialize(state.Companies)),
            ("ResourceSuffix", state.ResourceSuffix), ("Factory", state.Factory), ("FactoryKind", state.FactoryKind), ("FactoryReason", state.FactoryReason),
            ("IntegrationRuntime", state.IntegrationRuntime), ("IntegrationRuntimeCreated", state.IntegrationRuntimeCreated), ("BatchCount", state.BatchCount),
            ("TotalCompanies", state.TotalCompanies), ("TotalSizeMB", state.TotalSizeMB), ("StartedAt", Time(state.StartedAt)), ("UpdatedAt", Time(state.UpdatedAt)),
            ("CompletedAt", Time(state.CompletedAt)), ("Message", state.Message)).ConfigureAwait(false);
        foreach (var step in state.Steps)
        {
            await InsertAsync(connection, transaction, ControlSchema.SetupStep, cancellationToken,
                ("SetupId", state.SetupId), ("Ordinal", step.Ordinal), ("Name", step.Name.ToString()), ("Status", step.Status.ToString()), ("Attempts", step.Attempts),
                ("StartedAt", Time(step.StartedAt)), ("CompletedAt", Time(step.CompletedAt)), ("Message", step.Message)).ConfigureAwait(false);
        }
    }, cancellationToken);

    /// <summary>Replaces the compatibility results.</summary>
    public Task SaveCompatibilityAsync(IReadOnlyList<CompatibilityResult> results, CancellationToken cancellationToken) => WriteAsync(async (connection, transaction) =>
    {
        await ExecuteAsync(connection, transaction, "DELETE FROM " + Table(ControlSchema.CompatibilityResult) + ";", cancellationToken).ConfigureAwait(false);
        var ordinal = 0;
        foreach (var r in results)
        {
            await InsertAsync(connection, transaction, ControlSchema.CompatibilityResult, cancellationToken,
                ("Ordinal", ++ordinal), ("Check", r.Check), ("Target", r.Target), ("TargetType", r.TargetType.ToString()), ("Company", r.Company),
                ("Status", r.Status.ToString()), ("Code", r.Code), ("Message", r.Message), ("RecommendedAction", r.RecommendedAction)).ConfigureAwait(false);
        }
    }, cancellationToken);

    /// <summary>Replaces the table plan (every entry) and the replication table (the copyable entries) in one transaction.</summary>
    public Task SavePlanAsync(IReadOnlyList<TablePlanEntry> entries, IReadOnlyList<ControlRow> rows, CancellationToken cancellationToken) => WriteAsync(async (connection, transaction) =>
    {
        await ExecuteAsync(connection, transaction, "DELETE FROM " + Table(ControlSchema.TablePlan) + ";", cancellationToken).ConfigureAwait(false);
        var ordinal = 0;
        foreach (var e in entries)
        {
            await InsertAsync(connection, transaction, ControlSchema.TablePlan, cancellationToken,
                ("Ordinal", ++ordinal), ("Company", e.Company), ("SourceDatabase", e.SourceDatabase), ("SourceTable", e.SourceTable),
                ("DestinationTable", e.DestinationTable), ("CopyMethod", e.CopyMethod.ToString()), ("Status", e.Status.ToString()),
                ("EstimatedRows", e.EstimatedRows), ("EstimatedSizeMB", e.EstimatedSizeMB), ("Reason", e.Reason), ("Code", e.Code), ("Notes", e.Notes)).ConfigureAwait(false);
        }

        await ControlTableWriter.ReplaceRowsAsync(connection, transaction, Dialect, rows, cancellationToken).ConfigureAwait(false);
    }, cancellationToken);

    /// <summary>Drops the control schema, with the replication table and the runs' staging tables (Remove-CmSetup).</summary>
    public Task DropAsync(CancellationToken cancellationToken) => WriteAsync(async (connection, transaction) =>
    {
        if (Dialect is SqliteDialect)
        {
            // SQLite scripts cannot drop tables by pattern; the SQL Server script drops cm.Stage_* itself.
            var stages = await connection.QueryAsync("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'cm\\_Stage\\_%' ESCAPE '\\';", r => r.GetString(0), cancellationToken)
                .ConfigureAwait(false);
            foreach (var stage in stages)
            {
                await ExecuteAsync(connection, transaction, "DROP TABLE IF EXISTS " + Dialect.QuoteIdentifier(stage) + ";", cancellationToken).ConfigureAwait(false);
            }
        }

        await ExecuteAsync(connection, transaction, Dialect.Script(ControlSchema.DropScript), cancellationToken).ConfigureAwait(false);
    }, cancellationToken, transactional: false);

    private string Table(string name) => ControlSchema.QuotedName(Dialect, name);

    private async Task WriteAsync(Func<DbConnection, DbTransaction?, Task> work, CancellationToken cancellationToken, bool transactional = true)
    {
        await using var connection = await provider.OpenAsync(destination, write: true, cancellationToken).ConfigureAwait(false);
        try
        {
            if (!transactional)
            {
                await work(connection, null).ConfigureAwait(false);
                return;
            }

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await work(connection, transaction).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex)
        {
            throw provider.Translate(ex, destination);
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task InsertAsync(DbConnection connection, DbTransaction? transaction, string table, CancellationToken cancellationToken, params (string Column, object? Value)[] values)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO " + Table(table) + " (" + string.Join(", ", values.Select(v => Dialect.QuoteIdentifier(v.Column))) + ") VALUES (" +
                              string.Join(", ", values.Select((_, i) => "@p" + i.ToString(CultureInfo.InvariantCulture))) + ");";
        for (var i = 0; i < values.Length; i++)
        {
            command.AddParameter("@p" + i.ToString(CultureInfo.InvariantCulture), values[i].Value is bool b ? (b ? 1 : 0) : values[i].Value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<T>> ReadAllAsync<T>(DbDataReader reader, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    private static SetupState ReadSetup(DbDataReader r) => new()
    {
        SetupId = Text(r, "SetupId")!,
        Status = Enum.Parse<SetupStatus>(Text(r, "Status")!),
        Product = Text(r, "Product")!,
        Source = Text(r, "Source")!,
        SourceKind = Text(r, "SourceKind")!,
        Fingerprint = Text(r, "Fingerprint")!,
        Companies = JsonSerializer.Deserialize<List<string>>(Text(r, "Companies") ?? "[]") ?? [],
        ResourceSuffix = Text(r, "ResourceSuffix")!,
        Factory = Text(r, "Factory"),
        FactoryKind = Text(r, "FactoryKind"),
        FactoryReason = Text(r, "FactoryReason"),
        IntegrationRuntime = Text(r, "IntegrationRuntime"),
        IntegrationRuntimeCreated = Int(r, "IntegrationRuntimeCreated") is 1,
        BatchCount = Int(r, "BatchCount"),
        TotalCompanies = Int(r, "TotalCompanies"),
        TotalSizeMB = r["TotalSizeMB"] is DBNull ? null : Convert.ToDouble(r["TotalSizeMB"], CultureInfo.InvariantCulture),
        StartedAt = ParseTime(Text(r, "StartedAt"))!.Value,
        UpdatedAt = ParseTime(Text(r, "UpdatedAt"))!.Value,
        CompletedAt = ParseTime(Text(r, "CompletedAt")),
        Message = Text(r, "Message"),
        Steps = [],
    };

    private static SetupStepInfo ReadStep(DbDataReader r) => new()
    {
        Name = Enum.Parse<SetupStepName>(Text(r, "Name")!),
        Status = Enum.Parse<SetupStepStatus>(Text(r, "Status")!),
        Attempts = Int(r, "Attempts") ?? 0,
        StartedAt = ParseTime(Text(r, "StartedAt")),
        CompletedAt = ParseTime(Text(r, "CompletedAt")),
        Message = Text(r, "Message") ?? string.Empty,
    };

    private static CompatibilityResult ReadResult(DbDataReader r) => new()
    {
        Check = Text(r, "Check")!,
        Target = Text(r, "Target")!,
        TargetType = Enum.Parse<CompatibilityTargetType>(Text(r, "TargetType")!),
        Company = Text(r, "Company"),
        Status = Enum.Parse<CompatibilityStatus>(Text(r, "Status")!),
        Code = Int(r, "Code"),
        Message = Text(r, "Message")!,
        RecommendedAction = Text(r, "RecommendedAction") ?? string.Empty,
    };

    private static TableCount ReadCount(DbDataReader r) => new()
    {
        CopyMethod = Enum.Parse<CopyMethod>(Text(r, "CopyMethod")!),
        Status = Enum.Parse<PlanStatus>(Text(r, "Status")!),
        Tables = Int(r, "Tables") ?? 0,
        EstimatedRows = r["EstimatedRows"] is DBNull ? 0 : Convert.ToInt64(r["EstimatedRows"], CultureInfo.InvariantCulture),
        EstimatedSizeMB = r["EstimatedSizeMB"] is DBNull ? 0 : Convert.ToDouble(r["EstimatedSizeMB"], CultureInfo.InvariantCulture),
    };

    private static string? Text(DbDataReader r, string column) => r[column] is DBNull ? null : Convert.ToString(r[column], CultureInfo.InvariantCulture);

    private static int? Int(DbDataReader r, string column) => r[column] is DBNull ? null : Convert.ToInt32(r[column], CultureInfo.InvariantCulture);

    private static string? Time(DateTimeOffset? value) => value?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset? ParseTime(string? text) =>
        text is null ? null : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
