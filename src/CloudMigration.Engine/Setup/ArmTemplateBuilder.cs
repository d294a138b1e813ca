using System.Text;
using System.Text.Json.Nodes;
using CloudMigration.Engine.Factories;
using CloudMigration.Engine.Pipelines;

namespace CloudMigration.Engine.Setup;

/// <summary>One factory entity as exported: its kind, name and ADF JSON ({"name", "properties"}).</summary>
internal sealed record ExportEntity(ExportedFileKind Kind, string Name, JsonObject Definition);

/// <summary>An ARM deployment template and its parameters file.</summary>
internal sealed record ArmTemplate(JsonObject Template, JsonObject Parameters);

/// <summary>
/// Builds the ARM deployment template of a factory's entities, the way ADF's own "Export ARM template" shapes it: a
/// factoryName parameter, one resource per entity named [concat(parameters('factoryName'), '/&lt;name&gt;')], its ADF
/// properties, and dependsOn with the resourceId()s of the entities it refers to that are in the template.
/// <list type="bullet">
/// <item>Every <c>{"type": "SecureString", "value": ..}</c> (ADF returns them masked) becomes a <c>securestring</c>
/// parameter, <c>&lt;entity&gt;_&lt;property path&gt;</c>, and its value <c>[parameters('..')]</c>; the parameters file
/// lists it with an empty value. No value of a secret is ever copied.</item>
/// <item>ARM reads a string that starts with '[' and ends with ']' as a template expression; such strings of the ADF
/// JSON are escaped as ARM documents it, with a second '[' in front. Other strings are left alone: ARM would keep a
/// doubled bracket of a string that does not end with ']'.</item>
/// </list>
/// </summary>
internal static class ArmTemplateBuilder
{
    public const string TemplateSchema = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";
    public const string ParametersSchema = "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#";
    public const string ContentVersion = "1.0.0.0";
    public const string ApiVersion = "2018-06-01";
    public const string FactoryNameParameter = "factoryName";

    /// <summary>The ARM resource type of an entity kind.</summary>
    public static string ResourceType(ExportedFileKind kind) => kind switch
    {
        ExportedFileKind.IntegrationRuntime => "Microsoft.DataFactory/factories/integrationRuntimes",
        ExportedFileKind.LinkedService => "Microsoft.DataFactory/factories/linkedServices",
        ExportedFileKind.Dataset => "Microsoft.DataFactory/factories/datasets",
        ExportedFileKind.Pipeline => "Microsoft.DataFactory/factories/pipelines",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a factory entity."),
    };

    /// <summary>The resourceId() expression of an entity of the template's factory.</summary>
    public static string ResourceIdOf(ExportedFileKind kind, string name) =>
        $"[resourceId('{ResourceType(kind)}', parameters('{FactoryNameParameter}'), '{Literal(name)}')]";

    /// <summary>The entity kind an ADF reference type points at (LinkedServiceReference, ...), or null for others.</summary>
    public static ExportedFileKind? KindOfReference(string referenceType) => referenceType.ToUpperInvariant() switch
    {
        "LINKEDSERVICEREFERENCE" => ExportedFileKind.LinkedService,
        "DATASETREFERENCE" => ExportedFileKind.Dataset,
        "INTEGRATIONRUNTIMEREFERENCE" => ExportedFileKind.IntegrationRuntime,
        "PIPELINEREFERENCE" => ExportedFileKind.Pipeline,
        _ => null,
    };

    /// <summary>
    /// A string as ARM must see it to keep it literal: one that starts with '[' and ends with ']' gets a second '['
    /// (ARM's escape, removed again at deployment); any other string is unchanged.
    /// </summary>
    public static string EscapeLiteral(string value) =>
        value.Length >= 2 && value[0] == '[' && value[^1] == ']' ? "[" + value : value;

    /// <summary>The template and parameters file for <paramref name="entities"/> (in the order given) of <paramref name="factoryName"/>.</summary>
    public static ArmTemplate Build(string factoryName, IReadOnlyList<ExportEntity> entities)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(factoryName);
        ArgumentNullException.ThrowIfNull(entities);

        var templateParameters = new JsonObject
        {
            [FactoryNameParameter] = new JsonObject
            {
                ["type"] = "string",
                ["metadata"] = new JsonObject { ["description"] = "The name of the data factory to deploy into." },
            },
        };
        var parameterValues = new JsonObject { [FactoryNameParameter] = new JsonObject { ["value"] = factoryName } };
        var usedNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { FactoryNameParameter }; // ARM's names ignore case

        var inTemplate = entities.ToDictionary(e => (e.Kind, e.Name.ToUpperInvariant()), e => e.Name);
        var resources = new JsonArray();
        foreach (var entity in entities)
        {
            var properties = entity.Definition["properties"] is JsonObject given ? (JsonObject)given.DeepClone() : new JsonObject();
            var secrets = new List<(string Parameter, string Path)>();
            Rewrite(properties, [], path =>
            {
                var parameter = UniqueName(Sanitize($"{entity.Name}_{string.Join("_", path)}"), usedNames);
                secrets.Add((parameter, string.Join(".", path)));
                return $"[parameters('{parameter}')]";
            });

            foreach (var (parameter, path) in secrets)
            {
                templateParameters[parameter] = new JsonObject
                {
                    ["type"] = "securestring",
                    ["metadata"] = new JsonObject { ["description"] = $"The secret '{path}' of the {Describe(entity.Kind)} '{entity.Name}'." },
                };
                parameterValues[parameter] = new JsonObject { ["value"] = string.Empty };
            }

            var dependsOn = new JsonArray();
            foreach (var (kind, name) in DependenciesOf(entity, inTemplate))
            {
                dependsOn.Add(ResourceIdOf(kind, name));
            }

            resources.Add(new JsonObject
            {
                ["name"] = $"[concat(parameters('{FactoryNameParameter}'), '/{Literal(entity.Name)}')]",
                ["type"] = ResourceType(entity.Kind),
                ["apiVersion"] = ApiVersion,
                ["properties"] = properties,
                ["dependsOn"] = dependsOn,
            });
        }

        var template = new JsonObject
        {
            ["$schema"] = TemplateSchema,
            ["contentVersion"] = ContentVersion,
            ["parameters"] = templateParameters,
            ["resources"] = resources,
        };
        var parametersFile = new JsonObject
        {
            ["$schema"] = ParametersSchema,
            ["contentVersion"] = ContentVersion,
            ["parameters"] = parameterValues,
        };
        return new ArmTemplate(template, parametersFile);
    }

    /// <summary>
    /// The entities of the template that <paramref name="entity"/> refers to (referenceName + a reference type), once
    /// each, ordered by kind then name; references to itself or to what the template does not hold are left out (ARM
    /// refuses a dependsOn on a resource the template does not define).
    /// </summary>
    /// <param name="entity">The entity whose references are wanted.</param>
    /// <param name="inTemplate">The template's entities: (kind, name in upper case) to the name as the template spells it.</param>
    public static IReadOnlyList<(ExportedFileKind Kind, string Name)> DependenciesOf(ExportEntity entity, IReadOnlyDictionary<(ExportedFileKind, string), string> inTemplate)
    {
        var self = (entity.Kind, entity.Name.ToUpperInvariant());
        var found = new HashSet<(ExportedFileKind Kind, string Name)>();
        foreach (var reference in ResourceReferences.Find(entity.Definition["properties"]))
        {
            if (KindOfReference(reference.Type) is { } kind
                && (kind, reference.Name.ToUpperInvariant()) is var key && key != self
                && inTemplate.TryGetValue(key, out var name))
            {
                found.Add((kind, name));
            }
        }

        return found.OrderBy(d => d.Kind).ThenBy(d => d.Name, StringComparer.Ordinal).ToList();
    }

    // Replaces every SecureString value by secret(path) and escapes every other string value; path is below "properties".
    private static void Rewrite(JsonNode? node, List<string> path, Func<IReadOnlyList<string>, string> secret)
    {
        switch (node)
        {
            case JsonObject obj:
                if (IsSecureString(obj))
                {
                    obj["value"] = secret(path);
                    return;
                }

                foreach (var (key, child) in obj.ToList())
                {
                    if (AdfJson.TryGetString(child, out var text))
                    {
                        obj[key] = EscapeLiteral(text);
                    }
                    else
                    {
                        path.Add(key);
                        Rewrite(child, path, secret);
                        path.RemoveAt(path.Count - 1);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (AdfJson.TryGetString(array[i], out var text))
                    {
                        array[i] = EscapeLiteral(text);
                    }
                    else
                    {
                        path.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                        Rewrite(array[i], path, secret);
                        path.RemoveAt(path.Count - 1);
                    }
                }

                break;
        }
    }

    // Type "SecureString" in any case, as the store treats it (ResourceSecrets); whatever its value holds, none of it is copied.
    private static bool IsSecureString(JsonObject obj) =>
        AdfJson.GetString(obj, "type") is { } type && string.Equals(type, "SecureString", StringComparison.OrdinalIgnoreCase) && obj.ContainsKey("value");

    // Letters, digits and '_' only (a parameter name that needs no quoting anywhere, -<name> in New-AzResourceGroupDeployment).
    private static string Sanitize(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            text.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        }

        if (text.Length == 0 || !char.IsAsciiLetter(text[0]))
        {
            text.Insert(0, 'p');
        }

        return text.ToString();
    }

    private static string UniqueName(string name, HashSet<string> used)
    {
        var candidate = name;
        for (var n = 2; !used.Add(candidate); n++)
        {
            candidate = $"{name}_{n}";
        }

        return candidate;
    }

    // A string literal inside an ARM expression: a single quote is doubled.
    private static string Literal(string text) => text.Replace("'", "''", StringComparison.Ordinal);

    private static string Describe(ExportedFileKind kind) => kind switch
    {
        ExportedFileKind.IntegrationRuntime => "integration runtime",
        ExportedFileKind.LinkedService => "linked service",
        ExportedFileKind.Dataset => "dataset",
        _ => "pipeline",
    };
}
