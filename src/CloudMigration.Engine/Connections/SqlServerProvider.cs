using System.Data.Common;
using Azure.Core;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Sql;
using Microsoft.Data.SqlClient;

namespace CloudMigration.Engine.Connections;

/// <summary>SQL Server and Azure SQL through Microsoft.Data.SqlClient.</summary>
public sealed class SqlServerProvider : ISqlProvider
{
    public static readonly SqlServerProvider Instance = new();

    private static readonly string[] AzureSqlScopes = ["https://database.windows.net/.default"];

    public ISqlDialect Dialect => SqlServerDialect.Instance;

    public async Task<DbConnection> OpenAsync(CmEndpoint endpoint, bool write, CancellationToken cancellationToken)
    {
        var connection = CreateConnection(endpoint);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw Translate(ex, endpoint);
        }
    }

    public async Task<bool> DatabaseExistsAsync(CmEndpoint endpoint, string database, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(endpoint, write: false, cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = Dialect.Script("Discovery.DatabaseExists");
        command.AddParameter("@name", database);
        var count = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        return count > 0;
    }

    private static SqlConnection CreateConnection(CmEndpoint endpoint)
    {
        var builder = new SqlConnectionStringBuilder(endpoint.ConnectionString)
        {
            ApplicationName = "CloudMigration",
            ApplicationIntent = ApplicationIntent.ReadWrite,
        };
        var connection = new SqlConnection(builder.ConnectionString);
        if (endpoint.Password is not null && endpoint.UserName is not null)
        {
            connection.Credential = new SqlCredential(endpoint.UserName, endpoint.Password);
        }

        if (endpoint.TokenCredential is { } credential)
        {
            connection.AccessTokenCallback = async (_, ct) =>
            {
                var token = await credential.GetTokenAsync(new TokenRequestContext(AzureSqlScopes), ct).ConfigureAwait(false);
                return new SqlAuthenticationToken(token.Token, token.ExpiresOn);
            };
        }

        return connection;
    }

    public CmException Translate(Exception exception, CmEndpoint endpoint)
    {
        if (exception is CmException cm)
        {
            return cm;
        }

        var server = endpoint.Server;
        if (exception is SqlException sql)
        {
            return sql.Number switch
            {
                18456 => new CmException(ErrorIds.LoginFailed, CmErrorCategory.AuthenticationError,
                    $"SQL Server error 18456: login failed for '{endpoint.UserName}' on '{server}'.",
                    "Check the user name and password; make sure the server allows SQL Server authentication (mixed mode) and the login is enabled.",
                    endpoint.DisplayString, sql),
                4060 => new CmException(ErrorIds.DatabaseNotFound, CmErrorCategory.ObjectNotFound,
                    $"SQL Server error 4060: the database '{endpoint.Database}' on '{server}' does not exist or the login cannot open it.",
                    "Check the database name, and that the login is a user of that database (db_owner for migration).",
                    endpoint.DisplayString, sql),
                229 or 262 or 297 or 300 or 916 => new CmException(ErrorIds.PermissionDenied, CmErrorCategory.PermissionDenied,
                    $"SQL Server error {sql.Number} on '{server}': {sql.Message}",
                    "Cloud migration needs the login to be sysadmin on the server and db_owner on the database.",
                    endpoint.DisplayString, sql),
                0 or 2 or 53 or 258 or 1225 or 10060 or 10061 or 11001 or -2 or 40 or 35 => new CmException(ErrorIds.ServerUnreachable, CmErrorCategory.ConnectionError,
                    $"SQL Server error {sql.Number}: the server '{server}' cannot be reached. {ExplainConnectError(sql.Number)} Provider message: {sql.Message}",
                    "Check the server name and port, that the SQL Server service runs, that TCP/IP is enabled in SQL Server Configuration Manager, and that the firewall allows the port (1433 by default).",
                    endpoint.DisplayString, sql),
                _ => new CmException(ErrorIds.ProviderError, CmErrorCategory.NotSpecified,
                    $"SQL Server error {sql.Number} on '{server}': {sql.Message}",
                    "Read the SQL Server message above.", endpoint.DisplayString, sql),
            };
        }

        if (exception is Azure.Identity.AuthenticationFailedException)
        {
            return new CmException(ErrorIds.LoginFailed, CmErrorCategory.AuthenticationError,
                $"Signing in to '{server}' with Microsoft Entra failed: {exception.Message}",
                "Check the managed identity or access token, and that it is a user of the database.", endpoint.DisplayString, exception);
        }

        if (exception is InvalidOperationException or DbException)
        {
            return new CmException(ErrorIds.ServerUnreachable, CmErrorCategory.ConnectionError,
                $"Connecting to '{server}' failed: {exception.Message}",
                "Check the server name, the network and the connection string.", endpoint.DisplayString, exception);
        }

        return new CmException(ErrorIds.ProviderError, CmErrorCategory.NotSpecified,
            $"Reading '{endpoint.DisplayString}' failed: {exception.Message}", "Read the message above.", endpoint.DisplayString, exception);
    }

    /// <summary>The meaning of the error numbers Microsoft's setup reports bare (DOMAIN.md section 2).</summary>
    public static string ExplainConnectError(int number) => number switch
    {
        0 => "Error 0: the connection failed before sign-in: nothing answers on that host and port, or the server closed it (often a TLS/encryption mismatch).",
        2 or 53 => "Error 2/53: the server was not found or not accessible (wrong name, service stopped, or named pipes only).",
        1225 or 10061 => "Error 1225/10061: the remote computer refused the connection (nothing listens on that port; TCP/IP may be disabled).",
        -2 or 258 or 10060 => "The connection timed out (firewall, wrong port, or the machine is asleep).",
        11001 => "Error 11001: the host name could not be resolved.",
        _ => "The network connection could not be made.",
    };

}
