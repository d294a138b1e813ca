using System.Data.Common;
using System.Text.Json.Nodes;

namespace CloudMigration.Engine.Pipelines.Procedures;

/// <summary>A stored procedure of the engine's own, run in C# where the linked service is SQLite (which has none).</summary>
public delegate Task<SqliteProcedureResult> SqliteProcedure(SqliteProcedureContext context, CancellationToken cancellationToken);

/// <summary>What a <see cref="SqliteProcedure"/> is given.</summary>
public sealed class SqliteProcedureContext
{
    /// <summary>An open read-write connection to the linked service's database; the procedure must not close it.</summary>
    public required DbConnection Connection { get; init; }

    /// <summary>The procedure's name as the activity gave it (normalized: no brackets).</summary>
    public required string ProcedureName { get; init; }

    /// <summary>The parameter values by name (case-insensitive, without '@'), already evaluated.</summary>
    public required IReadOnlyDictionary<string, JsonNode?> Parameters { get; init; }

    public required string RunId { get; init; }

    public required string ActivityName { get; init; }

    /// <summary>The ForEach iteration the call belongs to, when inside a ForEach.</summary>
    public int? Iteration { get; init; }

    /// <summary>The run's clock.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>A parameter's value as text (null when missing or JSON null).</summary>
    public string? GetString(string name) =>
        Parameters.TryGetValue(name, out var value) && value is not null ? Expressions.ExpressionValues.ToText(value) : null;
}

/// <summary>What a <see cref="SqliteProcedure"/> returns: rows (for a Lookup that calls it) and an optional activity output.</summary>
public sealed class SqliteProcedureResult
{
    public static SqliteProcedureResult Empty { get; } = new();

    /// <summary>The result set, for a Lookup or Copy source that names the procedure (sqlReaderStoredProcedureName).</summary>
    public IReadOnlyList<JsonObject> Rows { get; init; } = [];

    /// <summary>The output of a SqlServerStoredProcedure activity that calls it; {} when null.</summary>
    public JsonObject? Output { get; init; }
}
