using CloudMigration.Engine.Connections;

namespace CloudMigration.Engine.Compatibility.Rules;

/// <summary>
/// Both sides must be reachable. A failed connection is explained by its SQL Server error number
/// (0, 2, 53, 1225, 18456, ...); a connection made over anything but TCP, or with Windows
/// authentication, gets a hint, because the integration runtime connects over TCP with a SQL login.
/// </summary>
public sealed class ConnectivityRule : ICompatibilityRule
{
    public string Check => "Connectivity";

    public int? Code => null;

    public string Description => "The source and the destination can be reached; error numbers 0, 2, 53, 1225 and 18456 are explained, and TCP/IP and SQL authentication are confirmed.";

    public IEnumerable<CompatibilityResult> Evaluate(CompatibilityContext context)
    {
        yield return Judge(context.SourceConnection, context.Source?.Server, context.SourceTarget);
        yield return Judge(context.DestinationConnection, context.Destination?.Server, context.DestinationTarget);
    }

    private CompatibilityResult Judge(ConnectionOutcome outcome, Facts.ServerFacts? server, string target)
    {
        var type = outcome.Side;
        if (!outcome.Connected)
        {
            // SqlServerProvider's messages already explain the error number; explain it here only when not.
            var number = outcome.ErrorNumber;
            var message = outcome.Error!.Message;
            if (number is { } n && n != 18456 && outcome.Endpoint.Kind != EndpointKind.Sqlite)
            {
                var explanation = SqlServerProvider.ExplainConnectError(n);
                message = message.Contains(explanation, StringComparison.Ordinal) ? message : message + " " + explanation;
            }

            var hint = number == 18456
                ? "Check the login and password, and that SQL Server allows SQL Server authentication (mixed mode) for the login."
                : outcome.Error!.RecommendedAction;
            return this.Result(CompatibilityStatus.Failed, target, type, message, hint, code: number);
        }

        if (server is null || !server.IsSqlServer || server.IsAzureSqlDatabase)
        {
            return this.Result(CompatibilityStatus.Passed, target, type, "Connected.");
        }

        var transport = server.NetTransport ?? "unknown";
        var auth = server.AuthScheme ?? "unknown";
        if (!string.Equals(transport, "TCP", StringComparison.OrdinalIgnoreCase))
        {
            return this.Result(CompatibilityStatus.Warning, target, type,
                $"Connected over {transport}, not TCP. The integration runtime reaches SQL Server over TCP/IP, which this test could not confirm.",
                "Enable TCP/IP in SQL Server Configuration Manager, open the port (1433 by default) in the firewall, and test with 'Server=tcp:<host>,<port>'.");
        }

        if (type == CompatibilityTargetType.Source && !string.Equals(auth, "SQL", StringComparison.OrdinalIgnoreCase))
        {
            return this.Result(CompatibilityStatus.Warning, target, type,
                $"Connected over TCP with {auth} (Windows) authentication. Cloud migration setup takes a SQL Server login and password.",
                "Create a SQL Server login (sysadmin) for the migration, enable SQL Server authentication (mixed mode), and connect with 'User ID=...' and -SourceCredential.");
        }

        return this.Result(CompatibilityStatus.Passed, target, type, $"Connected over TCP with {auth} authentication as '{server.LoginName}'.");
    }
}
