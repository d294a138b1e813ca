namespace CloudMigration.Engine.Compatibility.Rules;

/// <summary>The source SQL Server must be 2016 SP1 (13.0.4001) or later; Azure SQL is always current.</summary>
public sealed class SqlServerVersionRule : ICompatibilityRule
{
    public string Check => "SqlServerVersion";

    public int? Code => null;

    public string Description => "The source SQL Server is 2016 SP1 (13.0.4001) or later.";

    public IEnumerable<CompatibilityResult> Evaluate(CompatibilityContext context)
    {
        if (context.Source is not { } source)
        {
            yield break;
        }

        var server = source.Server;
        var target = context.SourceTarget;
        if (!server.IsSqlServer)
        {
            yield return this.NotApplicable(target, CompatibilityTargetType.Source, $"The source is SQLite {server.ProductVersion}; the SQL Server version applies to SQL Server sources only.");
        }
        else if (server.IsAzureSqlDatabase)
        {
            yield return this.Result(CompatibilityStatus.Passed, target, CompatibilityTargetType.Source, $"Azure SQL Database ({server.ProductVersion}) always runs a current engine.");
        }
        else if (server.ProductVersion is not { } version)
        {
            yield return this.Result(CompatibilityStatus.Warning, target, CompatibilityTargetType.Source, "The server did not report its version.", "Run SELECT @@VERSION on the server and make sure it is SQL Server 2016 SP1 or later.");
        }
        else if (version < CompatibilityLimits.MinimumSqlServerVersion)
        {
            yield return this.Result(CompatibilityStatus.Failed, target, CompatibilityTargetType.Source,
                $"SQL Server {version} ({server.ProductLevel}) is older than SQL Server 2016 SP1 ({CompatibilityLimits.MinimumSqlServerVersion}).",
                "Upgrade the source to SQL Server 2016 SP1 or later (or restore a backup of the SL databases on a newer SQL Server).");
        }
        else
        {
            yield return this.Result(CompatibilityStatus.Passed, target, CompatibilityTargetType.Source, $"SQL Server {version} ({server.ProductLevel}).");
        }
    }
}
