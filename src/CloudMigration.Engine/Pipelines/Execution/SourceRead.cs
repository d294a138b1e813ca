using System.Data;
using System.Data.Common;
using System.Text.Json.Nodes;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Pipelines.Expressions;
using CloudMigration.Engine.Pipelines.Procedures;
using CloudMigration.Engine.Sql;

namespace CloudMigration.Engine.Pipelines.Execution;

/// <summary>
/// An open read of a Copy or Lookup source: sqlReaderQuery as given; sqlReaderStoredProcedureName as a stored
/// procedure (SQL Server) or a registered C# procedure (SQLite); otherwise every row of the dataset's table.
/// Streams: nothing is read ahead.
/// </summary>
internal sealed class SourceRead : IAsyncDisposable
{
    private readonly DbConnection? ownedConnection;
    private readonly DbCommand? command;

    private SourceRead(DbConnection? ownedConnection, DbCommand? command, DbDataReader reader)
    {
        this.ownedConnection = ownedConnection;
        this.command = command;
        Reader = reader;
    }

    public DbDataReader Reader { get; }

    /// <param name="invocation">The activity.</param>
    /// <param name="dataset">The source dataset.</param>
    /// <param name="source">The resolved source settings.</param>
    /// <param name="connection">An open connection to use (not disposed here), or null to open a read-only one.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static async Task<SourceRead> OpenAsync(ActivityInvocation invocation, ResolvedDataset dataset, JsonObject? source, DbConnection? connection,
        CancellationToken cancellationToken)
    {
        var endpoint = dataset.Endpoint;
        var owned = connection is null ? await SqlProviders.For(endpoint).OpenAsync(endpoint, write: false, cancellationToken).ConfigureAwait(false) : null;
        var open = connection ?? owned!;
        try
        {
            var query = Text(source?["sqlReaderQuery"]);
            var procedure = Text(source?["sqlReaderStoredProcedureName"]);
            if (query is null && procedure is not null && endpoint.Kind == EndpointKind.Sqlite)
            {
                var rows = await RunProcedureAsync(invocation, open, procedure, source!["storedProcedureParameters"] as JsonObject, cancellationToken).ConfigureAwait(false);
                return new SourceRead(owned, null, ToTable(rows).CreateDataReader());
            }

            var command = open.CreateCommand();
            if (query is not null)
            {
                command.CommandText = query;
            }
            else if (procedure is not null)
            {
                command.CommandText = procedure;
                command.CommandType = CommandType.StoredProcedure;
                StoredProcedureParameters.AddTo(command, source!["storedProcedureParameters"] as JsonObject);
            }
            else
            {
                command.CommandText = "SELECT * FROM " + dataset.QuotedTable();
            }

            command.CommandTimeout = 0;
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return new SourceRead(owned, command, reader);
        }
        catch
        {
            if (owned is not null)
            {
                await owned.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Reader.DisposeAsync().ConfigureAwait(false);
        if (command is not null)
        {
            await command.DisposeAsync().ConfigureAwait(false);
        }

        if (ownedConnection is not null)
        {
            await ownedConnection.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Runs a registered C# procedure on a SQLite connection (for the stored procedure activity and for procedure sources).</summary>
    public static async Task<SqliteProcedureResult> RunProcedureAsync(ActivityInvocation invocation, DbConnection connection, string name, JsonObject? parameters,
        CancellationToken cancellationToken)
    {
        var registry = invocation.Run.Options.Procedures;
        if (!registry.TryGet(name, out var procedure))
        {
            throw new ActivityFailure("StoredProcedureNotFound",
                $"Could not find stored procedure '{name}'. On SQLite the engine runs its own named procedures: {string.Join(", ", registry.Names)}.");
        }

        return await procedure(new SqliteProcedureContext
        {
            Connection = connection,
            ProcedureName = SqliteProcedureRegistry.Normalize(name),
            Parameters = StoredProcedureParameters.Values(parameters),
            RunId = invocation.Run.RunId,
            ActivityName = invocation.Activity.Name,
            Iteration = invocation.Scope.Iteration,
            Clock = invocation.Run.Options.Clock,
        }, cancellationToken).ConfigureAwait(false) ?? SqliteProcedureResult.Empty;
    }

    private static DataTable ToTable(SqliteProcedureResult result)
    {
        var table = new DataTable { Locale = System.Globalization.CultureInfo.InvariantCulture };
        foreach (var name in result.Rows.SelectMany(r => r.Select(p => p.Key)).Distinct(StringComparer.Ordinal))
        {
            table.Columns.Add(name, typeof(object));
        }

        foreach (var row in result.Rows)
        {
            var values = new object?[table.Columns.Count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = row.TryGetPropertyValue(table.Columns[i].ColumnName, out var value) ? RowValues.ToParameter(value) ?? DBNull.Value : DBNull.Value;
            }

            table.Rows.Add(values);
        }

        return table;
    }

    private static string? Text(JsonNode? node) => ExpressionValues.IsString(node, out var text) && !string.IsNullOrWhiteSpace(text) ? text : null;
}
