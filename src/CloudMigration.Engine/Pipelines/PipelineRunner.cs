using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Factories;
using CloudMigration.Engine.Pipelines.Execution;
using CloudMigration.Engine.Pipelines.Expressions;

namespace CloudMigration.Engine.Pipelines;

/// <summary>
/// The embedded engine: runs a pipeline's ADF JSON in-process, the same JSON a data factory in Azure runs.
/// <para>
/// Usage: <c>var result = await new PipelineRunner().ExecuteAsync(runId, pipelineJson, parameters, resources, recorder, token);</c>
/// The pipeline is validated first (a pipeline ADF would refuse ends Failed with the validator's message); parameters
/// are bound to the declared ones (given values, else defaults; a missing one fails the run); then the activities run
/// by their dependencies (see the scheduling and outcome rules on ActivityScheduler: ADF's documented semantics,
/// including "a skipped leaf is judged by its parent"). Every activity run is recorded through the recorder when it
/// starts and when it ends, with its input, output, and error code and message; secrets never appear in them.
/// Cancelling the token ends the run promptly as Cancelled, its running activities recorded Cancelled.
/// </para>
/// <para>
/// Activities: Lookup, ForEach (no nesting; batchCount parallel, or sequential), Copy, SqlServerStoredProcedure and
/// Script, over SqlServer, AzureSqlDatabase and CloudMigrationSqlite linked services. Not supported: activity policy
/// (timeout, retry), variables, and the other ADF activity types (refused by the validator).
/// </para>
/// </summary>
public sealed class PipelineRunner : IPipelineExecutor
{
    private readonly PipelineRunnerOptions options;

    public PipelineRunner()
        : this(new PipelineRunnerOptions())
    {
    }

    public PipelineRunner(PipelineRunnerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
    }

    public async Task<PipelineRunResult> ExecuteAsync(string runId, JsonObject pipeline, JsonObject parameters, IPipelineResources resources,
        IActivityRunRecorder recorder, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentNullException.ThrowIfNull(recorder);

        var definition = PipelineDefinition.From(pipeline);
        var name = definition.Name is { } n && Factories.AdfNames.IsValidResourceName(n) ? n : "pipeline";
        JsonObject bound;
        try
        {
            ResourceValidator.Validate(FactoryResourceKind.Pipeline, name, pipeline, (kind, resource) => resources.Get(kind, resource) is not null);
            bound = BindParameters(definition, parameters);
        }
        catch (CmException ex)
        {
            return new PipelineRunResult(PipelineRunStatus.Failed, ex.Message);
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return new PipelineRunResult(PipelineRunStatus.Cancelled, "The run was cancelled before it started.");
        }

        var run = new PipelineRun(runId, definition.Name, bound, resources, recorder, options, cancellationToken);
        var outcome = await ActivityScheduler.RunAsync(definition.Activities, ActivityScope.Root(run)).ConfigureAwait(false);
        return new PipelineRunResult(outcome.Status, outcome.Message);
    }

    /// <summary>The declared parameters with the run's values (names case-insensitive) or their defaults, converted to the declared types.</summary>
    private static JsonObject BindParameters(PipelineDefinition definition, JsonObject given)
    {
        var bound = new JsonObject();
        foreach (var parameter in definition.Parameters)
        {
            JsonNode? value;
            if (!ExpressionValues.TryGetProperty(given, parameter.Name, out value))
            {
                if (!parameter.HasDefault)
                {
                    throw new CmException(ErrorIds.PipelineRunFailed, CmErrorCategory.InvalidArgument,
                        $"BadRequest: The pipeline parameter '{parameter.Name}' has no value and no default value.",
                        $"Pass a value for '{parameter.Name}' when creating the run.", parameter.Name);
                }

                value = parameter.DefaultValue;
            }

            bound[parameter.Name] = Convert(parameter, value?.DeepClone());
        }

        return bound;
    }

    private static JsonNode? Convert(PipelineParameter parameter, JsonNode? value)
    {
        if (!ExpressionValues.IsString(value, out var text))
        {
            return value;
        }

        var converted = parameter.Type.ToUpperInvariant() switch
        {
            "INT" when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer) => JsonValue.Create(integer),
            "FLOAT" when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
            "BOOL" when bool.TryParse(text, out var flag) => JsonValue.Create(flag),
            "ARRAY" or "OBJECT" => TryParse(text),
            "INT" or "FLOAT" or "BOOL" => null,
            _ => value,
        };
        return converted ?? throw new CmException(ErrorIds.PipelineRunFailed, CmErrorCategory.InvalidArgument,
            $"BadRequest: The value '{text}' of the pipeline parameter '{parameter.Name}' is not of its type {parameter.Type}.",
            $"Pass a value of type {parameter.Type} for '{parameter.Name}'.", parameter.Name);
    }

    private static JsonNode? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
