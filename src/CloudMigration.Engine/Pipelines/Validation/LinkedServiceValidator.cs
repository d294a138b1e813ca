using System.Text.Json.Nodes;

namespace CloudMigration.Engine.Pipelines.Validation;

/// <summary>Linked services: SqlServer, AzureSqlDatabase (entityTypes/LinkedService.json) and the local CloudMigrationSqlite.</summary>
internal static class LinkedServiceValidator
{
    public static void Validate(ValidationScope scope, JsonObject properties)
    {
        const string Path = "properties";
        var type = scope.RequireString(properties, "type", Path);
        if (!LinkedServiceTypes.All.Contains(type, StringComparer.Ordinal))
        {
            throw scope.Invalid("properties.type", $"the linked service type '{type}' is not supported; the engine takes {string.Join(", ", LinkedServiceTypes.All)}");
        }

        scope.OptionalString(properties, "description", Path);
        scope.OptionalArray(properties, "annotations", Path);
        scope.ParameterDeclarations(scope.OptionalObject(properties, "parameters", Path), "properties.parameters");
        scope.ReferenceAt(properties["connectVia"], "properties.connectVia", "connectVia", ReferenceTypes.IntegrationRuntime, required: false);

        var typeProperties = scope.RequireObject(properties, "typeProperties", Path);
        const string TypePath = "properties.typeProperties";
        if (type == LinkedServiceTypes.Sqlite)
        {
            scope.StringOrExpression(typeProperties, "path", TypePath, required: true);
        }
        else
        {
            Secret(scope, typeProperties, "connectionString", TypePath, allowPlainString: true);
            if (AdfJson.IsNull(typeProperties["connectionString"]))
            {
                // The "recommended version" of the SQL connectors names server and database instead.
                scope.StringOrExpression(typeProperties, "server", TypePath, required: true);
                scope.StringOrExpression(typeProperties, "database", TypePath, required: true);
            }

            scope.StringOrExpression(typeProperties, "userName", TypePath, required: false);
            Secret(scope, typeProperties, "password", TypePath, allowPlainString: false);
            scope.EnumOrExpression(typeProperties, "authenticationType", TypePath, ["SQL", "Windows"]);
        }

        ExpressionChecker.Check(scope, typeProperties, TypePath, ExpressionRules.ForLinkedService);
    }

    /// <summary>A secret: a SecureString {"type": "SecureString", "value": ...} or an AzureKeyVaultSecret reference (a plain string only where ADF takes one).</summary>
    private static void Secret(ValidationScope scope, JsonObject parent, string property, string path, bool allowPlainString)
    {
        var node = parent[property];
        if (AdfJson.IsNull(node))
        {
            return;
        }

        var at = AdfJson.Member(path, property);
        if (allowPlainString && (AdfJson.TryGetString(node, out _) || AdfJson.IsExpressionObject(node, out _)))
        {
            return;
        }

        if (node is JsonObject obj)
        {
            var type = scope.RequireString(obj, "type", at);
            switch (type)
            {
                case "SecureString":
                    if (!AdfJson.TryGetString(obj["value"], out _))
                    {
                        throw scope.Invalid(AdfJson.Member(at, "value"), "a SecureString needs a string 'value'");
                    }

                    return;
                case "AzureKeyVaultSecret":
                    scope.Reference(obj, "store", at, ReferenceTypes.LinkedService);
                    scope.StringOrExpression(obj, "secretName", at, required: true);
                    return;
                default:
                    throw scope.Invalid(AdfJson.Member(at, "type"), $"'{type}' is not a secret type; ADF takes SecureString or AzureKeyVaultSecret");
            }
        }

        throw scope.Invalid(at, $"'{property}' must be {(allowPlainString ? "a string, " : string.Empty)}a SecureString or an AzureKeyVaultSecret object, not {AdfJson.KindOf(node)}");
    }
}
