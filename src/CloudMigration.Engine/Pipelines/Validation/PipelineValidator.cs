using System.Text.Json.Nodes;
using CloudMigration.Engine.Pipelines.Expressions;

namespace CloudMigration.Engine.Pipelines.Validation;

/// <summary>
/// Pipelines (entityTypes/Pipeline.json) with the activities the engine runs: Lookup, ForEach, Copy,
/// SqlServerStoredProcedure and Script. Checks shapes, references, names, dependencies (unknown, self, cycles),
/// ADF's limits and every expression (syntax, and the scope functions available where it stands).
/// </summary>
internal static class PipelineValidator
{
    private static readonly string[] StoredProcedureParameterTypes = ["String", "Int", "Int64", "Decimal", "Guid", "Boolean", "Date"];
    private static readonly string[] ScriptParameterTypes =
        ["Boolean", "DateTime", "DateTimeOffset", "Decimal", "Double", "Guid", "Int16", "Int32", "Int64", "Single", "String", "Timespan"];

    public static void Validate(ValidationScope scope, JsonObject properties)
    {
        const string Path = "properties";
        scope.OptionalString(properties, "description", Path);
        scope.OptionalArray(properties, "annotations", Path);
        scope.OptionalObject(properties, "variables", Path);
        scope.ParameterDeclarations(scope.OptionalObject(properties, "parameters", Path), "properties.parameters", PipelineLimits.MaxParameters);

        var activities = scope.RequireArray(properties, "activities", Path);
        if (activities.Count == 0)
        {
            throw scope.Invalid("properties.activities", "a pipeline needs at least one activity");
        }

        var total = CountActivities(activities);
        if (total > PipelineLimits.MaxActivities)
        {
            throw scope.Invalid("properties.activities",
                $"the pipeline has {total} activities (inner activities included); Azure Data Factory's limit is {PipelineLimits.MaxActivities}",
                "Use one metadata-driven activity (Lookup of a control table, then ForEach over it) instead of one activity per table.");
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        ValidateContainer(scope, activities, "properties.activities", names, inForEach: false, outerVisible: null);
    }

    private static int CountActivities(JsonArray activities) =>
        activities.Sum(a => 1 + (a is JsonObject obj && AdfJson.GetString(obj, "type") == ActivityTypes.ForEach
            && AdfJson.GetArray(AdfJson.GetObject(obj, "typeProperties"), "activities") is { } inner ? inner.Count : 0));

    private static void ValidateContainer(ValidationScope scope, JsonArray activities, string path, HashSet<string> names, bool inForEach, Func<string, bool>? outerVisible)
    {
        var entries = new List<(JsonObject Json, string Name, string Type, string Path)>();
        for (var i = 0; i < activities.Count; i++)
        {
            var at = AdfJson.Index(path, i);
            if (activities[i] is not JsonObject activity)
            {
                throw scope.Invalid(at, $"an activity must be an object, not {AdfJson.KindOf(activities[i])}");
            }

            var name = scope.RequireString(activity, "name", at);
            if (!ActivityNames.IsValid(name))
            {
                throw scope.Invalid(AdfJson.Member(at, "name"),
                    $"'{name}' is not a valid activity name: ADF takes 1 to {PipelineLimits.MaxActivityNameLength} characters, a letter, digit or '_' first, and none of . + ? / < > * % & : \\");
            }

            if (!names.Add(name))
            {
                throw scope.Invalid(AdfJson.Member(at, "name"), $"the activity name '{name}' is used more than once; activity names must be unique in a pipeline");
            }

            var type = scope.RequireString(activity, "type", at);
            if (!ActivityTypes.All.Contains(type, StringComparer.Ordinal))
            {
                throw scope.Invalid(AdfJson.Member(at, "type"), $"the activity type '{type}' is not supported; the engine runs {string.Join(", ", ActivityTypes.All)}");
            }

            scope.OptionalString(activity, "description", at);
            scope.OptionalObject(activity, "policy", at);
            scope.OptionalArray(activity, "userProperties", at);
            entries.Add((activity, name, type, at));
        }

        var ancestors = Dependencies(scope, entries, inForEach ? "ForEach" : "pipeline's top level");
        foreach (var (activity, name, type, at) in entries)
        {
            var mine = ancestors[name];
            bool Visible(string other) => mine.Contains(other) || (outerVisible?.Invoke(other) ?? false);
            var rules = new ExpressionRules { AllowPipeline = true, AllowItem = inForEach, ActivityVisible = Visible };
            switch (type)
            {
                case ActivityTypes.ForEach:
                    if (inForEach)
                    {
                        throw scope.Invalid(AdfJson.Member(at, "type"), $"the ForEach '{name}' is inside another ForEach; ForEach activities cannot be nested",
                            "Move the inner loop into a pipeline of its own, or flatten the items into one list.");
                    }

                    ForEach(scope, activity, at, names, rules, Visible);
                    break;
                case ActivityTypes.Lookup:
                    Lookup(scope, activity, at);
                    break;
                case ActivityTypes.Copy:
                    Copy(scope, activity, at);
                    break;
                case ActivityTypes.SqlServerStoredProcedure:
                    StoredProcedure(scope, activity, at);
                    break;
                case ActivityTypes.Script:
                    Script(scope, activity, at);
                    break;
            }

            if (type != ActivityTypes.ForEach)
            {
                foreach (var property in new[] { "typeProperties", "inputs", "outputs", "linkedServiceName" })
                {
                    ExpressionChecker.Check(scope, activity[property], AdfJson.Member(at, property), rules);
                }
            }
        }
    }

    /// <summary>Checks dependsOn (shape, known activities of the same container, no cycles) and returns each activity's ancestors.</summary>
    private static Dictionary<string, HashSet<string>> Dependencies(ValidationScope scope, List<(JsonObject Json, string Name, string Type, string Path)> entries, string container)
    {
        var byName = entries.ToDictionary(e => e.Name, StringComparer.OrdinalIgnoreCase);
        var edges = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (activity, name, _, at) in entries)
        {
            var list = new List<string>();
            edges[name] = list;
            var dependsOn = scope.OptionalArray(activity, "dependsOn", at);
            if (dependsOn is null)
            {
                continue;
            }

            var dependsPath = AdfJson.Member(at, "dependsOn");
            for (var i = 0; i < dependsOn.Count; i++)
            {
                var entryPath = AdfJson.Index(dependsPath, i);
                if (dependsOn[i] is not JsonObject dependency)
                {
                    throw scope.Invalid(entryPath, $"a dependency must be an object {{\"activity\": ..., \"dependencyConditions\": [...]}}, not {AdfJson.KindOf(dependsOn[i])}");
                }

                var upstream = scope.RequireString(dependency, "activity", entryPath);
                if (string.Equals(upstream, name, StringComparison.OrdinalIgnoreCase))
                {
                    throw scope.Invalid(AdfJson.Member(entryPath, "activity"), $"the activity '{name}' depends on itself");
                }

                if (!byName.ContainsKey(upstream))
                {
                    throw scope.Invalid(AdfJson.Member(entryPath, "activity"),
                        $"the activity '{name}' depends on '{upstream}', which is not an activity of the same {container}");
                }

                var conditions = scope.RequireArray(dependency, "dependencyConditions", entryPath);
                if (conditions.Count == 0)
                {
                    throw scope.Invalid(AdfJson.Member(entryPath, "dependencyConditions"), "a dependency needs at least one condition (Succeeded, Failed, Skipped or Completed)");
                }

                for (var c = 0; c < conditions.Count; c++)
                {
                    if (!AdfJson.TryGetString(conditions[c], out var condition) || !Enum.TryParse<DependencyCondition>(condition, ignoreCase: true, out _)
                        || int.TryParse(condition, out _))
                    {
                        throw scope.Invalid(AdfJson.Index(AdfJson.Member(entryPath, "dependencyConditions"), c),
                            $"'{conditions[c]?.ToJsonString()}' is not a dependency condition; ADF takes Succeeded, Failed, Skipped or Completed");
                    }
                }

                list.Add(byName[upstream].Name);
            }
        }

        // Depth-first search: a grey node met again closes a cycle.
        var state = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var stack = new List<string>();
        void Visit(string node)
        {
            state[node] = 1;
            stack.Add(node);
            foreach (var next in edges[node])
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    var cycle = stack.Skip(stack.FindIndex(s => string.Equals(s, next, StringComparison.OrdinalIgnoreCase))).Append(next);
                    throw scope.Invalid(AdfJson.Member(byName[node].Path, "dependsOn"), $"the dependencies {string.Join(" -> ", cycle)} form a cycle");
                }

                if (state.GetValueOrDefault(next) == 0)
                {
                    Visit(next);
                }
            }

            stack.RemoveAt(stack.Count - 1);
            state[node] = 2;
        }

        foreach (var entry in entries)
        {
            if (state.GetValueOrDefault(entry.Name) == 0)
            {
                Visit(entry.Name);
            }
        }

        var ancestors = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);
        HashSet<string> AncestorsOf(string node)
        {
            if (ancestors.TryGetValue(node, out var known))
            {
                return known;
            }

            var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var parent in edges[node])
            {
                set.Add(parent);
                set.UnionWith(AncestorsOf(parent));
            }

            ancestors[node] = set;
            return set;
        }

        foreach (var entry in entries)
        {
            AncestorsOf(entry.Name);
        }

        return ancestors;
    }

    private static void ForEach(ValidationScope scope, JsonObject activity, string at, HashSet<string> names, ExpressionRules rules, Func<string, bool> visible)
    {
        var typeProperties = scope.RequireObject(activity, "typeProperties", at);
        var path = AdfJson.Member(at, "typeProperties");
        var items = typeProperties["items"];
        if (items is null)
        {
            throw scope.Invalid(AdfJson.Member(path, "items"), "the required property 'items' is missing");
        }

        if (!AdfJson.IsExpressionObject(items, out _))
        {
            throw scope.Invalid(AdfJson.Member(path, "items"), "'items' must be an expression object {\"value\": \"@...\", \"type\": \"Expression\"}");
        }

        ExpressionChecker.Check(scope, items, AdfJson.Member(path, "items"), rules with { AllowItem = false });

        var sequential = typeProperties["isSequential"];
        if (!AdfJson.IsNull(sequential) && !AdfJson.TryGetBoolean(sequential, out _))
        {
            throw scope.Invalid(AdfJson.Member(path, "isSequential"), $"'isSequential' must be true or false, not {AdfJson.KindOf(sequential)}");
        }

        var batchCount = typeProperties["batchCount"];
        if (!AdfJson.IsNull(batchCount))
        {
            if (!AdfJson.TryGetInt64(batchCount, out var count))
            {
                throw scope.Invalid(AdfJson.Member(path, "batchCount"), $"'batchCount' must be an integer, not {AdfJson.KindOf(batchCount)}");
            }

            if (count is < 1 or > PipelineLimits.MaxBatchCount)
            {
                throw scope.Invalid(AdfJson.Member(path, "batchCount"),
                    $"'batchCount' is {count}; a ForEach runs 1 to {PipelineLimits.MaxBatchCount} items at a time");
            }
        }

        var inner = scope.RequireArray(typeProperties, "activities", path);
        if (inner.Count == 0)
        {
            throw scope.Invalid(AdfJson.Member(path, "activities"), "a ForEach needs at least one activity");
        }

        ValidateContainer(scope, inner, AdfJson.Member(path, "activities"), names, inForEach: true, outerVisible: visible);
    }

    private static void Lookup(ValidationScope scope, JsonObject activity, string at)
    {
        var typeProperties = scope.RequireObject(activity, "typeProperties", at);
        var path = AdfJson.Member(at, "typeProperties");
        Source(scope, scope.RequireObject(typeProperties, "source", path), AdfJson.Member(path, "source"));
        scope.Reference(typeProperties, "dataset", path, ReferenceTypes.Dataset);
        scope.BooleanOrExpression(typeProperties, "firstRowOnly", path);
    }

    private static void Copy(ValidationScope scope, JsonObject activity, string at)
    {
        var typeProperties = scope.RequireObject(activity, "typeProperties", at);
        var path = AdfJson.Member(at, "typeProperties");
        Source(scope, scope.RequireObject(typeProperties, "source", path), AdfJson.Member(path, "source"));
        Sink(scope, scope.RequireObject(typeProperties, "sink", path), AdfJson.Member(path, "sink"));
        foreach (var property in new[] { "inputs", "outputs" })
        {
            var references = scope.RequireArray(activity, property, at);
            if (references.Count != 1)
            {
                throw scope.Invalid(AdfJson.Member(at, property), $"a Copy activity takes exactly one dataset in '{property}', not {references.Count}");
            }

            scope.ReferenceAt(references[0], AdfJson.Index(AdfJson.Member(at, property), 0), property, ReferenceTypes.Dataset, required: true);
        }

        var translator = scope.OptionalObject(typeProperties, "translator", path);
        if (translator is not null && translator["mappings"] is JsonArray mappings)
        {
            var mappingsPath = AdfJson.Member(AdfJson.Member(path, "translator"), "mappings");
            for (var i = 0; i < mappings.Count; i++)
            {
                var mappingPath = AdfJson.Index(mappingsPath, i);
                var mapping = mappings[i] as JsonObject ?? throw scope.Invalid(mappingPath, "a mapping must be an object {\"source\": {\"name\": ...}, \"sink\": {\"name\": ...}}");
                scope.RequireString(scope.RequireObject(mapping, "source", mappingPath), "name", AdfJson.Member(mappingPath, "source"));
                scope.RequireString(scope.RequireObject(mapping, "sink", mappingPath), "name", AdfJson.Member(mappingPath, "sink"));
            }
        }
    }

    private static void Source(ValidationScope scope, JsonObject source, string path)
    {
        var type = scope.RequireString(source, "type", path);
        if (!CopyTypes.Sources.Contains(type, StringComparer.Ordinal))
        {
            throw scope.Invalid(AdfJson.Member(path, "type"), $"the source type '{type}' is not supported; the engine reads {string.Join(", ", CopyTypes.Sources)}");
        }

        scope.StringOrExpression(source, "sqlReaderQuery", path, required: false);
        scope.StringOrExpression(source, "sqlReaderStoredProcedureName", path, required: false);
        if (!AdfJson.IsNull(source["sqlReaderQuery"]) && !AdfJson.IsNull(source["sqlReaderStoredProcedureName"]))
        {
            throw scope.Invalid(AdfJson.Member(path, "sqlReaderStoredProcedureName"), "'sqlReaderStoredProcedureName' cannot be used at the same time as 'sqlReaderQuery'");
        }

        StoredProcedureParameters(scope, scope.OptionalObject(source, "storedProcedureParameters", path), AdfJson.Member(path, "storedProcedureParameters"));
    }

    private static void Sink(ValidationScope scope, JsonObject sink, string path)
    {
        var type = scope.RequireString(sink, "type", path);
        if (!CopyTypes.Sinks.Contains(type, StringComparer.Ordinal))
        {
            throw scope.Invalid(AdfJson.Member(path, "type"), $"the sink type '{type}' is not supported; the engine writes {string.Join(", ", CopyTypes.Sinks)}");
        }

        scope.StringOrExpression(sink, "preCopyScript", path, required: false);
        scope.EnumOrExpression(sink, "writeBehavior", path, ["Insert", "Upsert"]);
        scope.EnumOrExpression(sink, "tableOption", path, ["autoCreate"]);
        var batchSize = sink["writeBatchSize"];
        if (!AdfJson.IsNull(batchSize) && !AdfJson.IsExpressionObject(batchSize, out _)
            && !(AdfJson.TryGetInt64(batchSize, out var size) && size >= 1)
            && !(AdfJson.TryGetString(batchSize, out var text) && AdfExpression.IsExpression(text)))
        {
            throw scope.Invalid(AdfJson.Member(path, "writeBatchSize"), "'writeBatchSize' must be a positive integer or an expression");
        }

        var upsert = scope.OptionalObject(sink, "upsertSettings", path);
        if (upsert is not null)
        {
            var keys = upsert["keys"];
            var keysPath = AdfJson.Member(AdfJson.Member(path, "upsertSettings"), "keys");
            if (keys is JsonArray array)
            {
                if (array.Any(k => !AdfJson.TryGetString(k, out var key) || string.IsNullOrWhiteSpace(key)))
                {
                    throw scope.Invalid(keysPath, "the upsert keys must be column names (non-empty strings)");
                }
            }
            else if (!AdfJson.IsNull(keys) && !AdfJson.IsExpressionObject(keys, out _) && !(AdfJson.TryGetString(keys, out var text2) && AdfExpression.IsExpression(text2)))
            {
                throw scope.Invalid(keysPath, $"'keys' must be an array of column names or an expression, not {AdfJson.KindOf(keys)}");
            }
        }
    }

    private static void StoredProcedure(ValidationScope scope, JsonObject activity, string at)
    {
        scope.Reference(activity, "linkedServiceName", at, ReferenceTypes.LinkedService);
        var typeProperties = scope.RequireObject(activity, "typeProperties", at);
        var path = AdfJson.Member(at, "typeProperties");
        scope.StringOrExpression(typeProperties, "storedProcedureName", path, required: true);
        StoredProcedureParameters(scope, scope.OptionalObject(typeProperties, "storedProcedureParameters", path), AdfJson.Member(path, "storedProcedureParameters"));
    }

    private static void StoredProcedureParameters(ValidationScope scope, JsonObject? parameters, string path)
    {
        if (parameters is null)
        {
            return;
        }

        foreach (var (name, parameter) in parameters)
        {
            var at = AdfJson.Member(path, name);
            if (parameter is not JsonObject obj)
            {
                throw scope.Invalid(at, $"the stored procedure parameter '{name}' must be an object {{\"value\": ..., \"type\": ...}}, not {AdfJson.KindOf(parameter)}");
            }

            var type = scope.OptionalString(obj, "type", at);
            if (type is not null && !StoredProcedureParameterTypes.Contains(type, StringComparer.OrdinalIgnoreCase))
            {
                throw scope.Invalid(AdfJson.Member(at, "type"), $"'{type}' is not a stored procedure parameter type; ADF takes {string.Join(", ", StoredProcedureParameterTypes)}");
            }
        }
    }

    private static void Script(ValidationScope scope, JsonObject activity, string at)
    {
        scope.Reference(activity, "linkedServiceName", at, ReferenceTypes.LinkedService);
        var typeProperties = scope.RequireObject(activity, "typeProperties", at);
        var path = AdfJson.Member(at, "typeProperties");
        var scripts = scope.RequireArray(typeProperties, "scripts", path);
        if (scripts.Count == 0)
        {
            throw scope.Invalid(AdfJson.Member(path, "scripts"), "a Script activity needs at least one script block");
        }

        for (var i = 0; i < scripts.Count; i++)
        {
            var blockPath = AdfJson.Index(AdfJson.Member(path, "scripts"), i);
            var block = scripts[i] as JsonObject ?? throw scope.Invalid(blockPath, $"a script block must be an object {{\"type\": ..., \"text\": ...}}, not {AdfJson.KindOf(scripts[i])}");
            var type = scope.RequireString(block, "type", blockPath);
            if (type is not ("Query" or "NonQuery"))
            {
                throw scope.Invalid(AdfJson.Member(blockPath, "type"), $"'{type}' is not a script type; ADF takes Query or NonQuery");
            }

            scope.StringOrExpression(block, "text", blockPath, required: true);
            var parameters = scope.OptionalArray(block, "parameters", blockPath);
            for (var p = 0; p < (parameters?.Count ?? 0); p++)
            {
                var parameterPath = AdfJson.Index(AdfJson.Member(blockPath, "parameters"), p);
                var parameter = parameters![p] as JsonObject ?? throw scope.Invalid(parameterPath, "a script parameter must be an object {\"name\": ..., \"type\": ..., \"value\": ...}");
                scope.StringOrExpression(parameter, "name", parameterPath, required: true);
                var parameterType = scope.OptionalString(parameter, "type", parameterPath);
                if (parameterType is not null && !ScriptParameterTypes.Contains(parameterType, StringComparer.OrdinalIgnoreCase))
                {
                    throw scope.Invalid(AdfJson.Member(parameterPath, "type"), $"'{parameterType}' is not a script parameter type; ADF takes {string.Join(", ", ScriptParameterTypes)}");
                }

                var direction = scope.OptionalString(parameter, "direction", parameterPath);
                if (direction is not null && !string.Equals(direction, "Input", StringComparison.OrdinalIgnoreCase))
                {
                    throw scope.Invalid(AdfJson.Member(parameterPath, "direction"), $"the engine passes Input script parameters only, not '{direction}'");
                }
            }
        }
    }
}
