using System.Text.Json.Nodes;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Pipelines.Expressions;
using Microsoft.Data.SqlClient;

namespace CloudMigration.Engine.Pipelines.Builders;

/// <summary>
/// Builds the linked services and datasets the pipelines use, as ADF JSON ({"properties": {...}}). Linked services can
/// take a DatabaseName parameter (an SL source reaches the system database and each application database through one
/// linked service); datasets take TableName, and DatabaseName when their linked service has it.
/// </summary>
public static class AdfResources
{
    /// <summary>The linked service (and source dataset) parameter naming the database.</summary>
    public const string DatabaseParameter = "DatabaseName";

    /// <summary>The dataset parameter naming the schema (SQL Server; default dbo).</summary>
    public const string SchemaParameter = "SchemaName";

    /// <summary>The dataset parameter naming the table.</summary>
    public const string TableParameter = "TableName";

    // Letters only, so that a connection string builder never quotes it; replaced by the linkedService() expression.
    private const string Placeholder = "CmDatabaseNamePlaceholder7f3a";

    /// <summary>A CloudMigrationSqlite linked service over one database file.</summary>
    public static JsonObject SqliteLinkedService(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Resource(new JsonObject
        {
            ["type"] = LinkedServiceTypes.Sqlite,
            ["typeProperties"] = new JsonObject { ["path"] = path },
        });
    }

    /// <summary>A CloudMigrationSqlite linked service over the database files of a folder, chosen by its DatabaseName parameter.</summary>
    public static JsonObject SqliteFolderLinkedService(string folder, string defaultDatabase, string extension = ".db")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentException.ThrowIfNullOrWhiteSpace(defaultDatabase);
        var path = AdfExpression.EscapeLiteral(Path.Combine(folder, Placeholder + extension)).Replace(Placeholder, $"@{{linkedService().{DatabaseParameter}}}", StringComparison.Ordinal);
        return Resource(new JsonObject
        {
            ["type"] = LinkedServiceTypes.Sqlite,
            ["parameters"] = DatabaseParameterSpec(defaultDatabase),
            ["typeProperties"] = new JsonObject { ["path"] = new JsonObject { ["value"] = path, ["type"] = "Expression" } },
        });
    }

    /// <summary>
    /// The linked service for an endpoint. SQLite: a folder linked service (or one file). SQL Server: type SqlServer, the
    /// connection string without its password, the password as a SecureString, through the integration runtime when one
    /// is named. Azure SQL: type AzureSqlDatabase, the connection string with its password as one SecureString (ADF types
    /// Azure SQL's separate password as a Key Vault reference). Entra sign-in methods cannot be expressed and are refused.
    /// </summary>
    /// <param name="endpoint">The source or destination.</param>
    /// <param name="integrationRuntime">The self-hosted IR an on-premises SQL Server is reached through.</param>
    /// <param name="parameterizeDatabase">Whether the database is the DatabaseName parameter (default: the endpoint's database).</param>
    public static JsonObject LinkedServiceFor(CmEndpoint endpoint, string? integrationRuntime = null, bool parameterizeDatabase = true)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (endpoint.Kind == EndpointKind.Sqlite)
        {
            return parameterizeDatabase
                ? SqliteFolderLinkedService(endpoint.Server, endpoint.Database, endpoint.FileExtension ?? ".db")
                : SqliteLinkedService(endpoint.FilePath!);
        }

        if (endpoint.Authentication is not (EndpointAuthentication.SqlPassword or EndpointAuthentication.Integrated))
        {
            throw new CmException(ErrorIds.AuthenticationMethodNotSupported, CmErrorCategory.InvalidArgument,
                $"The endpoint '{endpoint.DisplayString}' signs in with {endpoint.Authentication}, which a data factory linked service built here cannot carry.",
                "Use a SQL login (-Credential) or Windows authentication for the endpoints of a data factory.", endpoint.DisplayString);
        }

        var builder = new SqlConnectionStringBuilder(endpoint.ConnectionString);
        var password = !string.IsNullOrEmpty(builder.Password) ? builder.Password
            : endpoint.Password is { } secure ? EndpointParser.ToPlain(secure) : null;
        builder.Remove("Password");
        if (string.IsNullOrEmpty(builder.UserID) && !builder.IntegratedSecurity && endpoint.UserName is { } user)
        {
            builder.UserID = user;
        }

        if (parameterizeDatabase)
        {
            builder.InitialCatalog = Placeholder;
        }

        var azure = endpoint.Kind == EndpointKind.AzureSql;
        if (azure && password is not null)
        {
            builder.Password = password;
        }

        var text = builder.ConnectionString;
        if (parameterizeDatabase)
        {
            text = AdfExpression.EscapeLiteral(text).Replace(Placeholder, $"@{{linkedService().{DatabaseParameter}}}", StringComparison.Ordinal);
        }

        var typeProperties = new JsonObject();
        if (azure)
        {
            typeProperties["connectionString"] = password is null ? text : new JsonObject { ["type"] = "SecureString", ["value"] = text };
        }
        else
        {
            typeProperties["connectionString"] = text;
            if (password is not null)
            {
                typeProperties["password"] = new JsonObject { ["type"] = "SecureString", ["value"] = password };
            }
        }

        var properties = new JsonObject { ["type"] = azure ? LinkedServiceTypes.AzureSqlDatabase : LinkedServiceTypes.SqlServer };
        if (integrationRuntime is not null && !azure)
        {
            properties["connectVia"] = new AdfReference(integrationRuntime, ReferenceTypes.IntegrationRuntime, null).ToJson();
        }

        if (parameterizeDatabase)
        {
            properties["parameters"] = DatabaseParameterSpec(endpoint.Database);
        }

        properties["typeProperties"] = typeProperties;
        return Resource(properties);
    }

    /// <summary>
    /// A table dataset over a linked service: SqlServerTable (AzureSqlTable for Azure SQL), its table the TableName
    /// parameter (default ''), on SQL Server its schema the SchemaName parameter (default dbo); with <paramref name="databaseParameter"/> it also takes DatabaseName and passes it to the
    /// linked service. SQLite has no schemas, so a SQLite dataset names none.
    /// </summary>
    public static JsonObject TableDataset(string linkedService, EndpointKind kind, bool databaseParameter)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(linkedService);
        var reference = new JsonObject { ["referenceName"] = linkedService, ["type"] = ReferenceTypes.LinkedService };
        var parameters = new JsonObject { [TableParameter] = new JsonObject { ["type"] = "String", ["defaultValue"] = string.Empty } };
        if (databaseParameter)
        {
            parameters[DatabaseParameter] = new JsonObject { ["type"] = "String" };
            reference["parameters"] = new JsonObject { [DatabaseParameter] = Expression($"@dataset().{DatabaseParameter}") };
        }

        var typeProperties = new JsonObject();
        if (kind != EndpointKind.Sqlite)
        {
            parameters[SchemaParameter] = new JsonObject { ["type"] = "String", ["defaultValue"] = "dbo" };
            typeProperties["schema"] = Expression($"@dataset().{SchemaParameter}");
        }

        typeProperties["table"] = Expression($"@dataset().{TableParameter}");
        return Resource(new JsonObject
        {
            ["type"] = kind == EndpointKind.AzureSql ? DatasetTypes.AzureSqlTable : DatasetTypes.SqlServerTable,
            ["linkedServiceName"] = reference,
            ["parameters"] = parameters,
            ["typeProperties"] = typeProperties,
        });
    }

    /// <summary>{"value": text, "type": "Expression"}.</summary>
    public static JsonObject Expression(string text) => new() { ["value"] = text, ["type"] = "Expression" };

    internal static JsonObject Resource(JsonObject properties) => new() { ["properties"] = properties };

    private static JsonObject DatabaseParameterSpec(string defaultDatabase) =>
        new() { [DatabaseParameter] = new JsonObject { ["type"] = "String", ["defaultValue"] = defaultDatabase } };
}
