namespace CloudMigration.Engine.Tests.Conformance;

/// <summary>
/// The conformance tests on a real SQL Server. They run when CM_TEST_SQLSERVER holds a SqlClient connection
/// string whose login may CREATE DATABASE, and are reported as skipped otherwise.
/// </summary>
public sealed class SqlServerProviderConformanceTests(SqlServerConformanceFixture fixture) : ProviderConformanceTests, IClassFixture<SqlServerConformanceFixture>
{
    protected override string ExpectedDialect => "SqlServer";

    protected override void SkipUnlessAvailable() =>
        Skip.If(!SqlServerConformanceFixture.Available,
            $"Set {SqlServerConformanceFixture.EnvironmentVariable} to a SQL Server connection string (login may CREATE DATABASE) to run the SQL Server conformance tests.");

    protected override Task<ConformanceEndpoints> GetEndpointsAsync() =>
        Task.FromResult(fixture.Endpoints ?? throw new InvalidOperationException("The SQL Server fixture did not create its databases."));
}
