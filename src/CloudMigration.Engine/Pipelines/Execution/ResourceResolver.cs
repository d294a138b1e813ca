using System.Net;
using System.Text.Json.Nodes;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Factories;
using CloudMigration.Engine.Pipelines.Expressions;
using Microsoft.Data.SqlClient;

namespace CloudMigration.Engine.Pipelines.Execution;

/// <summary>
/// Turns dataset and linked service references into tables and endpoints: binds parameters (reference values,
/// else declared defaults), evaluates dataset() and linkedService() expressions, and builds a CmEndpoint:
/// CloudMigrationSqlite's path becomes 'sqlite:&lt;path&gt;'; SqlServer and AzureSqlDatabase take the connection
/// string (plain or SecureString, or server/database/userName) and the SecureString password as a credential.
/// Passwords are registered with the redactor, so they are masked wherever they might appear.
/// </summary>
internal static class ResourceResolver
{
    /// <param name="run">The run (resources, clock).</param>
    /// <param name="reference">A dataset reference whose parameter values are already evaluated in the activity's scope.</param>
    public static ResolvedDataset Dataset(PipelineRun run, JsonNode? reference)
    {
        var dataset = AdfReference.From(reference) ?? throw new ActivityFailure("BadRequest", "The activity has no dataset reference.");
        var json = run.Resources.Get(FactoryResourceKind.Dataset, dataset.ReferenceName)
            ?? throw new ActivityFailure("DatasetNotFound", $"The dataset '{dataset.ReferenceName}' does not exist in the factory.");
        var definition = DatasetDefinition.From(json);
        var parameters = Bind(definition.Parameters, dataset.Parameters, $"dataset '{dataset.ReferenceName}'");
        var context = new ExpressionContext(run.Options.Clock).WithDataset(parameters);
        var typeProperties = AdfExpression.Resolve(definition.TypeProperties, context) as JsonObject ?? [];
        var linkedServiceReference = AdfExpression.Resolve(definition.Properties["linkedServiceName"], context);
        var linkedService = LinkedService(run, linkedServiceReference);
        return new ResolvedDataset(dataset.ReferenceName, definition.Type,
            Text(typeProperties["schema"]), Text(typeProperties["table"]), Text(typeProperties["tableName"]), linkedService);
    }

    /// <param name="run">The run.</param>
    /// <param name="reference">A linked service reference whose parameter values are already evaluated.</param>
    public static ResolvedLinkedService LinkedService(PipelineRun run, JsonNode? reference)
    {
        var linked = AdfReference.From(reference) ?? throw new ActivityFailure("BadRequest", "The activity has no linked service reference.");
        var json = run.Resources.Get(FactoryResourceKind.LinkedService, linked.ReferenceName)
            ?? throw new ActivityFailure("LinkedServiceNotFound", $"The linked service '{linked.ReferenceName}' does not exist in the factory.");
        var definition = LinkedServiceDefinition.From(json);
        var parameters = Bind(definition.Parameters, linked.Parameters, $"linked service '{linked.ReferenceName}'");
        var context = new ExpressionContext(run.Options.Clock).WithLinkedService(parameters);
        var typeProperties = AdfExpression.Resolve(definition.TypeProperties, context) as JsonObject ?? [];
        var endpoint = definition.Type switch
        {
            LinkedServiceTypes.Sqlite => SqliteEndpoint(linked.ReferenceName, typeProperties),
            LinkedServiceTypes.SqlServer or LinkedServiceTypes.AzureSqlDatabase => SqlServerEndpoint(linked.ReferenceName, typeProperties, context),
            _ => throw new ActivityFailure("LinkedServiceTypeNotSupported", $"The linked service '{linked.ReferenceName}' has the type '{definition.Type}', which the engine cannot connect to."),
        };
        return new ResolvedLinkedService(linked.ReferenceName, definition.Type, endpoint);
    }

    /// <summary>Declared parameters with the given values (case-insensitive names), else their defaults.</summary>
    public static JsonObject Bind(IReadOnlyList<PipelineParameter> declared, JsonObject? given, string owner)
    {
        var bound = new JsonObject();
        foreach (var parameter in declared)
        {
            JsonNode? value = null;
            var found = given is not null && ExpressionValues.TryGetProperty(given, parameter.Name, out value);
            if (!found)
            {
                if (!parameter.HasDefault)
                {
                    throw new ActivityFailure("BadRequest", $"The parameter '{parameter.Name}' of the {owner} has no value and no default value.");
                }

                value = parameter.DefaultValue;
            }

            bound[parameter.Name] = value?.DeepClone();
        }

        return bound;
    }

    private static CmEndpoint SqliteEndpoint(string name, JsonObject typeProperties)
    {
        var path = Text(typeProperties["path"]);
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ActivityFailure("BadRequest", $"The linked service '{name}' has no path.");
        }

        return CmEndpoint.Parse(EndpointParser.SqlitePrefix + path);
    }

    private static CmEndpoint SqlServerEndpoint(string name, JsonObject typeProperties, ExpressionContext context)
    {
        var connectionNode = typeProperties["connectionString"];
        string connectionString;
        if (AdfJson.IsSecureString(connectionNode, out var secure))
        {
            // A secure connection string may still name linkedService() parameters (the database of a parameterised linked service).
            connectionString = AdfExpression.IsExpression(secure) ? ExpressionValues.ToText(AdfExpression.Evaluate(secure, context)) : secure;
        }
        else if (Text(connectionNode) is { } plain)
        {
            connectionString = plain;
        }
        else if (connectionNode is JsonObject)
        {
            throw new ActivityFailure("SecretNotSupported",
                $"The linked service '{name}' keeps its connection string in Azure Key Vault; the local engine cannot read Key Vault secrets. Give it as a SecureString.");
        }
        else
        {
            var builder = new SqlConnectionStringBuilder
            {
                DataSource = Text(typeProperties["server"]) ?? string.Empty,
                InitialCatalog = Text(typeProperties["database"]) ?? string.Empty,
            };
            if (string.Equals(Text(typeProperties["authenticationType"]), "Windows", StringComparison.OrdinalIgnoreCase))
            {
                builder.IntegratedSecurity = true;
            }

            if (Text(typeProperties["encrypt"]) is { } encrypt)
            {
                builder["Encrypt"] = encrypt;
            }

            if (Text(typeProperties["trustServerCertificate"]) is { } trust)
            {
                builder["Trust Server Certificate"] = trust;
            }

            connectionString = builder.ConnectionString;
        }

        string? password = null;
        var passwordNode = typeProperties["password"];
        if (AdfJson.IsSecureString(passwordNode, out var secret))
        {
            password = secret;
            SecretRedactor.Register(password);
        }
        else if (passwordNode is JsonObject)
        {
            throw new ActivityFailure("SecretNotSupported",
                $"The linked service '{name}' keeps its password in Azure Key Vault; the local engine cannot read Key Vault secrets. Give it as a SecureString.");
        }

        EndpointParseOptions options = new();
        if (password is not null)
        {
            var user = Text(typeProperties["userName"]);
            if (user is null)
            {
                try
                {
                    user = new SqlConnectionStringBuilder(connectionString).UserID;
                }
                catch (ArgumentException)
                {
                    user = null; // the parser below reports a malformed connection string properly
                }
            }

            options = new EndpointParseOptions { Credential = new NetworkCredential(user ?? string.Empty, password) };
        }

        return CmEndpoint.Parse(EndpointParser.SqlServerPrefix + connectionString, options);
    }

    private static string? Text(JsonNode? node) =>
        ExpressionValues.IsNull(node) ? null : node is JsonObject or JsonArray ? null : ExpressionValues.ToText(node);
}
