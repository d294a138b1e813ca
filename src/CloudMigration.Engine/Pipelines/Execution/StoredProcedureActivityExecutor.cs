using System.Data;
using System.Text.Json.Nodes;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Pipelines.Expressions;

namespace CloudMigration.Engine.Pipelines.Execution;

/// <summary>
/// SqlServerStoredProcedure: on SQL Server, executes the named procedure with the typed parameters; on SQLite, calls
/// the C# procedure registered under that name (see SqliteProcedureRegistry). Output: {} (or what a C# procedure returns).
/// </summary>
internal sealed class StoredProcedureActivityExecutor : IActivityExecutor
{
    public JsonObject PrepareInput(ActivityInvocation invocation) =>
        invocation.Resolve(invocation.Activity.TypeProperties) as JsonObject ?? [];

    public async Task<JsonNode?> ExecuteAsync(ActivityInvocation invocation, JsonObject input, CancellationToken cancellationToken)
    {
        var linkedService = ResourceResolver.LinkedService(invocation.Run, invocation.Resolve(invocation.Activity.Json["linkedServiceName"]));
        var name = ExpressionValues.ToText(input["storedProcedureName"]);
        var parameters = input["storedProcedureParameters"] as JsonObject;
        var endpoint = linkedService.Endpoint;
        await using var connection = await SqlProviders.For(endpoint).OpenAsync(endpoint, write: true, cancellationToken).ConfigureAwait(false);
        if (endpoint.Kind == EndpointKind.Sqlite)
        {
            var result = await SourceRead.RunProcedureAsync(invocation, connection, name, parameters, cancellationToken).ConfigureAwait(false);
            return result.Output?.DeepClone() ?? new JsonObject();
        }

        await using var command = connection.CreateCommand();
        command.CommandText = name;
        command.CommandType = CommandType.StoredProcedure;
        command.CommandTimeout = 0;
        StoredProcedureParameters.AddTo(command, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return new JsonObject();
    }
}
