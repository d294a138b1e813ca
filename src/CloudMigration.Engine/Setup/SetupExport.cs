using System.Text.Json.Nodes;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Factories;

namespace CloudMigration.Engine.Setup;

/// <summary>
/// Export-CmPipeline: the factory entities of a destination's cloud migration setup as files to keep in source control.
/// Reads the setup from the destination's control schema and each of its entities from its factory (the IR, the linked
/// services, datasets and pipelines named with the setup's suffix that exist), and makes, in memory, ADF's Git layout
/// (integrationRuntime/, linkedService/, dataset/, pipeline/: one {"name", "properties"} file per entity, as the factory
/// returns it, secrets masked) and one ARM deployment template with its parameters file (<see cref="ArmTemplateBuilder"/>).
/// Reading writes nothing; <see cref="PipelineExport.WriteAsync"/> writes the files.
/// </summary>
public sealed class SetupExport
{
    private readonly DataFactoryService? factories;

    /// <param name="factories">The factories; null when there is no factory store (the export then says so).</param>
    public SetupExport(DataFactoryService? factories) => this.factories = factories;

    /// <summary>The files of the setup of <paramref name="destination"/>: SetupNotFound when it has none.</summary>
    public async Task<PipelineExport> ReadAsync(CmEndpoint destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var setup = await new SetupService(factories).GetAsync(destination, cancellationToken).ConfigureAwait(false);
        if (setup.Factory is not { } factoryName)
        {
            throw NothingToExport(setup, "it has not chosen a data factory yet");
        }

        var available = factories ?? throw new CmException(ErrorIds.FactoryStoreUnavailable, CmErrorCategory.ResourceUnavailable,
            $"The setup {setup.SetupId} is in the data factory '{factoryName}', but there is no factory store here to read it from.",
            "Give -StorePath (or set CM_FACTORY_STORE) to the factory store the setup was made with.", factoryName);
        var factory = (await available.ResolveAsync(factoryName, cancellationToken).ConfigureAwait(false)).Factory;
        var entities = await ReadEntitiesAsync(factory, setup, cancellationToken).ConfigureAwait(false);
        if (!entities.Any(e => e.Kind != ExportedFileKind.IntegrationRuntime))
        {
            throw NothingToExport(setup, $"none of its linked services, datasets or pipelines is in the factory '{factory.Name}'");
        }

        return PipelineExport.Create(setup.SetupId, factory.Name, entities);
    }

    /// <summary>Reads and writes in one call: the files written under <paramref name="folder"/>.</summary>
    public async Task<IReadOnlyList<ExportedFile>> ExportAsync(CmEndpoint destination, string folder, CancellationToken cancellationToken)
    {
        var export = await ReadAsync(destination, cancellationToken).ConfigureAwait(false);
        return await export.WriteAsync(folder, null, cancellationToken).ConfigureAwait(false);
    }

    // The IR first, then linked services, datasets and pipelines (the order they are created in), each kind by name.
    private static async Task<IReadOnlyList<ExportEntity>> ReadEntitiesAsync(IDataFactory factory, MigrationSetup setup, CancellationToken cancellationToken)
    {
        var names = MigrationResourceNames.WithSuffix(SetupState.SuffixFor(setup.SetupId));
        var resources = new List<ExportEntity>();
        foreach (var (kind, name) in names.InDeleteOrder)
        {
            if (await factory.GetResourceAsync(kind, name, cancellationToken).ConfigureAwait(false) is { } definition)
            {
                resources.Add(new ExportEntity(KindOf(kind), AdfNameOf(definition, name), Normalize(definition, name)));
            }
        }

        // The setup's IR, and any IR its linked services connect via (so that the template holds what they depend on).
        var runtimeNames = new List<string>();
        if (setup.IntegrationRuntime is { } recorded)
        {
            runtimeNames.Add(recorded);
        }

        runtimeNames.AddRange(resources.Where(r => r.Kind == ExportedFileKind.LinkedService)
            .SelectMany(r => ResourceReferences.Find(r.Definition["properties"]))
            .Where(r => string.Equals(r.Type, ResourceReferences.IntegrationRuntimeReference, StringComparison.OrdinalIgnoreCase))
            .Select(r => r.Name));

        var runtimes = new List<ExportEntity>();
        foreach (var name in runtimeNames.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (await factory.GetIntegrationRuntimeAsync(name, cancellationToken).ConfigureAwait(false) is { } runtime)
            {
                runtimes.Add(new ExportEntity(ExportedFileKind.IntegrationRuntime, runtime.Name, RuntimeDefinition(runtime)));
            }
        }

        return [.. runtimes.Concat(resources).OrderBy(e => e.Kind).ThenBy(e => e.Name, StringComparer.Ordinal)];
    }

    /// <summary>A self-hosted IR as ADF's Git integration stores it: {"name", "properties": {"type": "SelfHosted", "description"}}.</summary>
    private static JsonObject RuntimeDefinition(IntegrationRuntimeInfo runtime)
    {
        var properties = new JsonObject { ["type"] = runtime.Type };
        if (!string.IsNullOrEmpty(runtime.Description))
        {
            properties["description"] = runtime.Description;
        }

        return new JsonObject { ["name"] = runtime.Name, ["properties"] = properties };
    }

    // The factory's JSON with "name" first and "properties" second (ADF's file layout); anything else after them, as given.
    private static JsonObject Normalize(JsonObject definition, string name)
    {
        var normalized = new JsonObject { ["name"] = AdfNameOf(definition, name), ["properties"] = definition["properties"]?.DeepClone() };
        foreach (var (key, value) in definition)
        {
            if (key is not ("name" or "properties"))
            {
                normalized[key] = value?.DeepClone();
            }
        }

        return normalized;
    }

    private static string AdfNameOf(JsonObject definition, string fallback) =>
        definition["name"] is JsonValue value && value.TryGetValue<string>(out var name) && AdfNames.IsValidResourceName(name) ? name : fallback;

    private static ExportedFileKind KindOf(FactoryResourceKind kind) => kind switch
    {
        FactoryResourceKind.LinkedService => ExportedFileKind.LinkedService,
        FactoryResourceKind.Dataset => ExportedFileKind.Dataset,
        _ => ExportedFileKind.Pipeline,
    };

    private static CmException NothingToExport(MigrationSetup setup, string why) => new(ErrorIds.ResourceNotFound, CmErrorCategory.ObjectNotFound,
        $"The setup {setup.SetupId} of '{setup.Destination}' ({setup.Status}) has nothing to export: {why}.",
        "Run Start-CmSetup until the setup has made its linked services, datasets and pipelines (Get-CmSetup shows its steps), then export it.",
        setup.SetupId);
}
