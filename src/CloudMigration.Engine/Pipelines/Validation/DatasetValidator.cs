using System.Text.Json.Nodes;

namespace CloudMigration.Engine.Pipelines.Validation;

/// <summary>Datasets: SqlServerTable and AzureSqlTable (entityTypes/Dataset.json), over any SQL linked service of the engine.</summary>
internal static class DatasetValidator
{
    public static void Validate(ValidationScope scope, JsonObject properties)
    {
        const string Path = "properties";
        var type = scope.RequireString(properties, "type", Path);
        if (!DatasetTypes.All.Contains(type, StringComparer.Ordinal))
        {
            throw scope.Invalid("properties.type", $"the dataset type '{type}' is not supported; the engine takes {string.Join(", ", DatasetTypes.All)}");
        }

        scope.OptionalString(properties, "description", Path);
        scope.OptionalArray(properties, "annotations", Path);
        scope.ParameterDeclarations(scope.OptionalObject(properties, "parameters", Path), "properties.parameters");
        scope.Reference(properties, "linkedServiceName", Path, ReferenceTypes.LinkedService);
        ExpressionChecker.Check(scope, properties["linkedServiceName"], "properties.linkedServiceName", ExpressionRules.ForDataset);

        var typeProperties = scope.OptionalObject(properties, "typeProperties", Path);
        if (typeProperties is not null)
        {
            const string TypePath = "properties.typeProperties";
            scope.StringOrExpression(typeProperties, "schema", TypePath, required: false);
            scope.StringOrExpression(typeProperties, "table", TypePath, required: false);
            scope.StringOrExpression(typeProperties, "tableName", TypePath, required: false);
            ExpressionChecker.Check(scope, typeProperties, TypePath, ExpressionRules.ForDataset);
        }
    }
}
