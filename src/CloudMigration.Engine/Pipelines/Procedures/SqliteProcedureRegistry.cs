using System.Collections.Concurrent;

namespace CloudMigration.Engine.Pipelines.Procedures;

/// <summary>
/// The named procedures the engine runs where a linked service is SQLite: SQLite has no stored procedures, so a
/// SqlServerStoredProcedure activity (or a Lookup's sqlReaderStoredProcedureName) on a CloudMigrationSqlite linked
/// service calls the C# procedure registered under that name instead. On SQL Server the same names are real T-SQL
/// procedures, created by the preparation pipeline. Names compare case-insensitively and without brackets
/// ("[cm].[noop]" is "cm.noop"). Thread-safe.
/// <para>
/// <see cref="CreateDefault"/> holds: <see cref="NoOp"/> (does nothing; for tests and smoke runs) and
/// <see cref="RecordTableResult"/> (the replication pipeline's per-table result into the control table) and
/// <see cref="ApplyTable"/> (a replication run's staged rows into the destination table). Later
/// setup steps register theirs with <see cref="Register"/>.
/// </para>
/// </summary>
public sealed class SqliteProcedureRegistry
{
    /// <summary>Does nothing and returns nothing.</summary>
    public const string NoOp = "cm.noop";

    /// <summary>Records one table's copy result in the control table (see <see cref="RecordTableResultProcedure"/>).</summary>
    public const string RecordTableResult = "cm.RecordTableResult";

    /// <summary>Applies a table's staged rows to its destination table with its synced version and result (see <see cref="ApplyTableProcedure"/>).</summary>
    public const string ApplyTable = "cm.ApplyTable";

    private readonly ConcurrentDictionary<string, SqliteProcedure> procedures = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The registered names, normalized.</summary>
    public IReadOnlyCollection<string> Names => procedures.Keys.Order(StringComparer.OrdinalIgnoreCase).ToArray();

    /// <summary>A registry with the engine's own procedures.</summary>
    public static SqliteProcedureRegistry CreateDefault() =>
        new SqliteProcedureRegistry()
            .Register(NoOp, (_, _) => Task.FromResult(SqliteProcedureResult.Empty))
            .Register(RecordTableResult, RecordTableResultProcedure.RunAsync)
            .Register(ApplyTable, ApplyTableProcedure.RunAsync);

    /// <summary>Adds a procedure, or replaces the one of the same name. Returns the registry, for chaining.</summary>
    public SqliteProcedureRegistry Register(string name, SqliteProcedure procedure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(procedure);
        procedures[Normalize(name)] = procedure;
        return this;
    }

    public bool TryGet(string name, out SqliteProcedure procedure) => procedures.TryGetValue(Normalize(name ?? string.Empty), out procedure!);

    /// <summary>"[cm].[RecordTableResult]" -> "cm.RecordTableResult": brackets and surrounding blanks removed.</summary>
    public static string Normalize(string name) =>
        string.Join('.', name.Trim().Split('.').Select(part => part.Trim().TrimStart('[').TrimEnd(']').Replace("]]", "]", StringComparison.Ordinal)));
}
