using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Factories;
using CloudMigration.Engine.Pipelines.Builders;
using CloudMigration.Engine.Setup;
using CloudMigration.Engine.Tests.Sample;

namespace CloudMigration.Engine.Tests.Setup;

/// <summary>Export-CmPipeline's engine: a setup's entities as ADF's Git layout and one ARM template, never a secret.</summary>
public sealed class SetupExportTests(SampleFixture fixture) : IClassFixture<SampleFixture>
{
    private const string TemplatePrefix = "[concat(parameters('factoryName'), '/";

    [Fact]
    public async Task Export_writes_each_entity_as_the_factory_returns_it_and_a_template_of_exactly_the_setups_entities()
    {
        using var harness = await SetupHarness.CreateAsync(fixture.Folder);
        var setup = await harness.StartAsync();
        var factory = await harness.FactoryAsync();
        var folder = Path.Combine(harness.Sample.Folder, "adf");

        var written = await new SetupExport(harness.Factories).ExportAsync(harness.Sample.Destination, folder, CancellationToken.None);

        // The entities of the setup, as the factory lists them (this factory holds this one setup only).
        var expected = new HashSet<(ExportedFileKind, string)> { (ExportedFileKind.IntegrationRuntime, setup.IntegrationRuntime!) };
        foreach (var kind in Enum.GetValues<FactoryResourceKind>())
        {
            foreach (var name in await factory.ListResourcesAsync(kind, CancellationToken.None))
            {
                expected.Add((ToExportKind(kind), name));
            }
        }

        Assert.Equal(6, expected.Count); // the IR, two linked services, two datasets, the replication pipeline
        Assert.Equal(expected, written.Where(f => f.Kind < ExportedFileKind.ArmTemplate).Select(f => (f.Kind, f.Name)).ToHashSet());
        Assert.Equal(expected.Count + 2, written.Count);
        Assert.All(written, f => Assert.True(File.Exists(f.Path), f.Path));
        Assert.All(written, f => Assert.Equal(Path.Combine(folder, f.RelativePath.Replace('/', Path.DirectorySeparatorChar)), f.Path));
        Assert.Contains(written, f => f.RelativePath == "arm-template.json" && f.Kind == ExportedFileKind.ArmTemplate);
        Assert.Contains(written, f => f.RelativePath == "arm-template.parameters.json" && f.Kind == ExportedFileKind.ArmTemplateParameters);

        // Each entity file is the factory's JSON (ADF's Git layout: <kind folder>/<name>.json).
        foreach (var file in written.Where(f => f.Kind is ExportedFileKind.LinkedService or ExportedFileKind.Dataset or ExportedFileKind.Pipeline))
        {
            var folderName = file.Kind switch { ExportedFileKind.LinkedService => "linkedService", ExportedFileKind.Dataset => "dataset", _ => "pipeline" };
            Assert.Equal($"{folderName}/{file.Name}.json", file.RelativePath);
            var actual = JsonNode.Parse(await File.ReadAllTextAsync(file.Path));
            var fromFactory = await factory.GetResourceAsync(ToFactoryKind(file.Kind), file.Name, CancellationToken.None);
            Assert.True(JsonNode.DeepEquals(fromFactory, actual), $"{file.RelativePath} differs from the factory's JSON.");
        }

        var runtime = await factory.GetIntegrationRuntimeAsync(setup.IntegrationRuntime!, CancellationToken.None);
        var runtimeFile = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "integrationRuntime", setup.IntegrationRuntime + ".json")))!;
        Assert.True(JsonNode.DeepEquals(
            new JsonObject { ["name"] = runtime!.Name, ["properties"] = new JsonObject { ["type"] = "SelfHosted", ["description"] = runtime.Description } }, runtimeFile),
            runtimeFile.ToJsonString());

        // The template: schema, factoryName, one resource per entity and nothing else.
        var template = await ReadJsonAsync(folder, "arm-template.json");
        Assert.Equal("https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", (string?)template["$schema"]);
        Assert.Equal("1.0.0.0", (string?)template["contentVersion"]);
        Assert.Equal("string", (string?)template["parameters"]!["factoryName"]!["type"]);
        var resources = Resources(template);
        Assert.Equal(expected, resources.Keys.ToHashSet());
        Assert.Equal(expected.Count, resources.Count);
        foreach (var ((kind, name), resource) in resources)
        {
            Assert.Equal("2018-06-01", (string?)resource["apiVersion"]);
            var properties = kind == ExportedFileKind.IntegrationRuntime ? runtimeFile["properties"]
                : (await factory.GetResourceAsync(ToFactoryKind(kind), name, CancellationToken.None))!["properties"];
            Assert.True(JsonNode.DeepEquals(properties, resource["properties"]), $"The template's properties of {kind} {name} differ from the factory's.");
        }

        // dependsOn: exactly the references of each entity's JSON to entities of the template.
        foreach (var ((kind, name), resource) in resources)
        {
            var references = ReferencesOf(resource["properties"]).Where(r => expected.Contains(r) && r != (kind, name));
            var expectedIds = references.Select(r => $"[resourceId('{TypeOf(r.Kind)}', parameters('factoryName'), '{r.Name}')]").ToHashSet();
            var dependsOn = resource["dependsOn"]!.AsArray().Select(d => (string)d!).ToList();
            Assert.Equal(expectedIds, dependsOn.ToHashSet());
            Assert.Equal(dependsOn.Count, dependsOn.Distinct().Count());
        }

        var names = MigrationResourceNames.WithSuffix(SetupState.SuffixFor(setup.SetupId));
        Assert.Equal(
            new[] { Id(ExportedFileKind.LinkedService, names.DestinationLinkedService), Id(ExportedFileKind.Dataset, names.DestinationDataset), Id(ExportedFileKind.Dataset, names.SourceDataset) }.Order(StringComparer.Ordinal),
            DependsOn(resources[(ExportedFileKind.Pipeline, names.ReplicationPipeline)]).Order(StringComparer.Ordinal));
        Assert.Equal([Id(ExportedFileKind.LinkedService, names.SourceLinkedService)], DependsOn(resources[(ExportedFileKind.Dataset, names.SourceDataset)]));

        var parameters = await ReadJsonAsync(folder, "arm-template.parameters.json");
        Assert.Equal("https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", (string?)parameters["$schema"]);
        Assert.Equal(SetupHarness.FactoryName, (string?)parameters["parameters"]!["factoryName"]!["value"]);

        // Stable formatting: UTF-8 without BOM, LF only, one LF at the end, indented.
        foreach (var file in written)
        {
            var bytes = await File.ReadAllBytesAsync(file.Path);
            Assert.False(bytes.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }), file.RelativePath);
            Assert.DoesNotContain((byte)'\r', bytes);
            Assert.Equal((byte)'\n', bytes[^1]);
            Assert.NotEqual((byte)'\n', bytes[^2]);
            Assert.StartsWith("{\n  \"", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_secret_of_a_linked_service_becomes_a_securestring_parameter_and_is_in_no_file()
    {
        using var harness = await SetupHarness.CreateAsync(fixture.Folder);
        var setup = await harness.StartAsync();
        var factory = await harness.FactoryAsync();
        var names = MigrationResourceNames.WithSuffix(SetupState.SuffixFor(setup.SetupId));
        const string sentinel = "Sentinel-Pa55w0rd-7c41e9";
        const string azureSentinel = "Azure-Sentinel-Pa55-3d8f";

        // A SQL Server source through the setup's IR (password as a SecureString), and an Azure SQL destination (the
        // whole connection string a SecureString), put straight into the factory.
        await factory.PutResourceAsync(FactoryResourceKind.LinkedService, names.SourceLinkedService,
            AdfResources.LinkedServiceFor(CmEndpoint.Parse($"Server=sl01;Database=SLSystem;User ID=migrator;Password={sentinel};Encrypt=false"), setup.IntegrationRuntime), CancellationToken.None);
        await factory.PutResourceAsync(FactoryResourceKind.LinkedService, names.DestinationLinkedService,
            AdfResources.LinkedServiceFor(CmEndpoint.Parse($"Server=tcp:bc.database.windows.net;Database=tenant;User ID=cm;Password={azureSentinel}"), parameterizeDatabase: false), CancellationToken.None);
        var folder = Path.Combine(harness.Sample.Folder, "adf");

        var written = await new SetupExport(harness.Factories).ExportAsync(harness.Sample.Destination, folder, CancellationToken.None);

        foreach (var secret in new[] { sentinel, azureSentinel })
        {
            Assert.Empty(FilesContaining(folder, secret));
        }

        Assert.DoesNotContain(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories), f => Path.GetFileName(f).EndsWith(".tmp", StringComparison.Ordinal));

        // The linked service files hold what the factory returns: the secret masked.
        var sourceFile = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "linkedService", names.SourceLinkedService + ".json")))!;
        Assert.Equal("**********", (string?)sourceFile["properties"]!["typeProperties"]!["password"]!["value"]);

        var template = await ReadJsonAsync(folder, "arm-template.json");
        var parameters = await ReadJsonAsync(folder, "arm-template.parameters.json");
        var resources = Resources(template);
        var passwordParameter = $"{names.SourceLinkedService}_typeProperties_password";
        var connectionParameter = $"{names.DestinationLinkedService}_typeProperties_connectionString";
        foreach (var (parameter, linkedService, property) in new[] { (passwordParameter, names.SourceLinkedService, "password"), (connectionParameter, names.DestinationLinkedService, "connectionString") })
        {
            Assert.Equal("securestring", (string?)template["parameters"]![parameter]!["type"]);
            Assert.Null(template["parameters"]![parameter]!["defaultValue"]);
            var secure = resources[(ExportedFileKind.LinkedService, linkedService)]["properties"]!["typeProperties"]![property]!;
            Assert.Equal("SecureString", (string?)secure["type"]);
            Assert.Equal($"[parameters('{parameter}')]", (string?)secure["value"]);
            Assert.Equal(string.Empty, (string?)parameters["parameters"]![parameter]!["value"]);
        }

        Assert.Equal(["factoryName", connectionParameter, passwordParameter], template["parameters"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["factoryName", connectionParameter, passwordParameter], parameters["parameters"]!.AsObject().Select(p => p.Key));
        Assert.DoesNotContain("**********", await File.ReadAllTextAsync(Path.Combine(folder, "arm-template.json")), StringComparison.Ordinal);

        // The source linked service connects via the IR, so it depends on it.
        Assert.Equal([Id(ExportedFileKind.IntegrationRuntime, setup.IntegrationRuntime!)], DependsOn(resources[(ExportedFileKind.LinkedService, names.SourceLinkedService)]));
        Assert.Empty(DependsOn(resources[(ExportedFileKind.IntegrationRuntime, setup.IntegrationRuntime!)]));
        Assert.Equal(8, written.Count);
    }

    [Fact]
    public async Task Exporting_again_gives_byte_identical_files_replaces_changed_ones_and_leaves_other_files_alone()
    {
        using var harness = await SetupHarness.CreateAsync(fixture.Folder);
        await harness.StartAsync();
        var folder = Path.Combine(harness.Sample.Folder, "adf");
        var export = new SetupExport(harness.Factories);
        var first = await export.ExportAsync(harness.Sample.Destination, folder, CancellationToken.None);
        var hashes = Hashes(folder);

        var notes = Path.Combine(folder, "README.md");
        var otherPipeline = Path.Combine(folder, "pipeline", "Hand_made.json");
        await File.WriteAllTextAsync(notes, "kept as it is\r\n");
        await File.WriteAllTextAsync(otherPipeline, "{}");
        var pipelineFile = first.Single(f => f.Kind == ExportedFileKind.Pipeline).Path;
        await File.WriteAllTextAsync(pipelineFile, "{ \"edited\": true }");
        await File.WriteAllTextAsync(Path.Combine(folder, "arm-template.json"), "[]");

        var second = await export.ExportAsync(harness.Sample.Destination, folder, CancellationToken.None);

        Assert.Equal(first.Select(f => f.Path), second.Select(f => f.Path));
        var after = Hashes(folder);
        Assert.Equal("kept as it is\r\n", await File.ReadAllTextAsync(notes));
        Assert.Equal("{}", await File.ReadAllTextAsync(otherPipeline));
        after.Remove(Path.GetRelativePath(folder, notes));
        after.Remove(Path.GetRelativePath(folder, otherPipeline));
        Assert.Equal(hashes, after);

        // A fresh read of the same factory gives the same bytes (nothing depends on time or order of listing).
        var again = Path.Combine(harness.Sample.Folder, "adf-again");
        await export.ExportAsync(harness.Sample.Destination, again, CancellationToken.None);
        Assert.Equal(hashes, Hashes(again));
    }

    [Fact]
    public async Task Strings_that_ARM_would_read_as_expressions_are_escaped_in_the_template_only()
    {
        using var harness = await SetupHarness.CreateAsync(fixture.Folder);
        var setup = await harness.StartAsync();
        var factory = await harness.FactoryAsync();
        var names = MigrationResourceNames.WithSuffix(SetupState.SuffixFor(setup.SetupId));
        var pipeline = (await factory.GetResourceAsync(FactoryResourceKind.Pipeline, names.ReplicationPipeline, CancellationToken.None))!;
        pipeline["properties"]!["description"] = "[concat('not', 'an ARM expression')]";
        pipeline["properties"]!["annotations"] = new JsonArray("[draft] kept as it is", "[[already doubled]", "plain", "[x]");
        await factory.PutResourceAsync(FactoryResourceKind.Pipeline, names.ReplicationPipeline, pipeline, CancellationToken.None);
        var folder = Path.Combine(harness.Sample.Folder, "adf");

        await new SetupExport(harness.Factories).ExportAsync(harness.Sample.Destination, folder, CancellationToken.None);

        var resource = Resources(await ReadJsonAsync(folder, "arm-template.json"))[(ExportedFileKind.Pipeline, names.ReplicationPipeline)];
        Assert.Equal("[[concat('not', 'an ARM expression')]", (string?)resource["properties"]!["description"]);
        Assert.Equal(["[draft] kept as it is", "[[[already doubled]", "plain", "[[x]"], resource["properties"]!["annotations"]!.AsArray().Select(a => (string)a!));

        // ARM's rule undone gives the factory's JSON back; the pipeline file itself is not escaped.
        Assert.True(JsonNode.DeepEquals(Unescape(resource["properties"]!.DeepClone()), (await factory.GetResourceAsync(FactoryResourceKind.Pipeline, names.ReplicationPipeline, CancellationToken.None))!["properties"]));
        var file = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "pipeline", names.ReplicationPipeline + ".json")))!;
        Assert.Equal("[concat('not', 'an ARM expression')]", (string?)file["properties"]!["description"]);
    }

    [Fact]
    public async Task An_export_from_an_Azure_factory_equals_the_export_of_the_same_setup_from_the_local_factory()
    {
        const string runtime = "cm-ir-azure"; // the IR SetupOnAzureTests.NodeAsync creates, described "emulated"
        await using var emulator = await ArmEmulator.ArmEmulatorHost.StartAsync();
        using var azure = await SetupHarness.CreateAsync(fixture.Folder, registerFactory: false);
        await SetupOnAzureTests.RegisterAsync(emulator, azure);
        await SetupOnAzureTests.NodeAsync(emulator, azure);
        var inAzure = await azure.StartAsync(azure.Request(r => new SetupRequest { Source = r.Source, Destination = r.Destination, Companies = r.Companies, IntegrationRuntime = runtime }));
        using var local = await SetupHarness.CreateAsync(fixture.Folder);
        var onLocal = await local.StartAsync(local.Request(r => new SetupRequest { Source = r.Source, Destination = r.Destination, Companies = r.Companies, IntegrationRuntime = runtime }));
        await (await local.FactoryAsync()).CreateIntegrationRuntimeAsync(runtime, "emulated", CancellationToken.None); // the same description
        Assert.Equal(SetupStatus.Ready, inAzure.Status);
        Assert.Equal("Azure", inAzure.FactoryKind);

        var azureFolder = Path.Combine(azure.Sample.Folder, "adf");
        var localFolder = Path.Combine(local.Sample.Folder, "adf");
        var fromAzure = await new SetupExport(azure.Factories).ExportAsync(azure.Sample.Destination, azureFolder, CancellationToken.None);
        var fromLocal = await new SetupExport(local.Factories).ExportAsync(local.Sample.Destination, localFolder, CancellationToken.None);

        // The same files with the same bytes, once the setup's suffix, sample folder and factory name are set aside.
        string Neutral(string text, SetupHarness harness, MigrationSetup setup) => text
            .Replace(SetupState.SuffixFor(setup.SetupId), "<suffix>", StringComparison.Ordinal)
            .Replace(harness.Sample.Folder.Replace("\\", "\\\\", StringComparison.Ordinal), "<folder>", StringComparison.Ordinal)
            .Replace(setup.Factory!, "<factory>", StringComparison.Ordinal);
        Assert.Equal(
            fromLocal.Select(f => Neutral(f.RelativePath, local, onLocal)),
            fromAzure.Select(f => Neutral(f.RelativePath, azure, inAzure)));
        foreach (var (l, a) in fromLocal.Zip(fromAzure))
        {
            Assert.Equal(Neutral(await File.ReadAllTextAsync(l.Path), local, onLocal), Neutral(await File.ReadAllTextAsync(a.Path), azure, inAzure));
        }

        Assert.Equal("cm-azure-setup", (string?)(await ReadJsonAsync(azureFolder, "arm-template.parameters.json"))["parameters"]!["factoryName"]!["value"]);
    }

    [Theory]
    [InlineData("[x]", "[[x]")]
    [InlineData("[]", "[[]")]
    [InlineData("[[x]", "[[[x]")]
    [InlineData("[x] y", "[x] y")]
    [InlineData("[", "[")]
    [InlineData("x]", "x]")]
    [InlineData("@concat('[', ']')", "@concat('[', ']')")]
    [InlineData("", "")]
    public void EscapeLiteral_follows_ARMs_rule(string value, string escaped) => Assert.Equal(escaped, ArmTemplateBuilder.EscapeLiteral(value));

    [Fact]
    public async Task Reading_writes_nothing_and_plans_the_same_files()
    {
        using var harness = await SetupHarness.CreateAsync(fixture.Folder);
        await harness.StartAsync();
        // The node setup registered heartbeats into the factory store while it runs: stop it, so only the export could write.
        await LocalNodeHosts.StopAllAsync(harness.Store);
        var folder = Path.Combine(harness.Sample.Folder, "adf");
        var before = harness.FileHashes();

        var export = await new SetupExport(harness.Factories).ReadAsync(harness.Sample.Destination, CancellationToken.None);
        var plan = export.Plan(folder);

        Assert.False(Directory.Exists(folder));
        Assert.Equal(before, harness.FileHashes());
        Assert.Equal(SetupHarness.FactoryName, export.Factory);
        var written = await export.WriteAsync(folder, null, CancellationToken.None);
        Assert.Equal(plan.Select(f => (f.Kind, f.Name, f.Path)), written.Select(f => (f.Kind, f.Name, f.Path)));

        // Only the files asked for.
        var only = Path.Combine(harness.Sample.Folder, "only-template");
        var chosen = export.Plan(only).Where(f => f.Kind == ExportedFileKind.ArmTemplate).ToList();
        Assert.Single(await export.WriteAsync(only, chosen, CancellationToken.None));
        Assert.Equal(["arm-template.json"], Directory.EnumerateFileSystemEntries(only).Select(Path.GetFileName));
    }

    [Fact]
    public async Task No_setup_no_store_and_a_file_in_the_way_are_errors_with_their_ids()
    {
        using var harness = await SetupHarness.CreateAsync(fixture.Folder);
        var folder = Path.Combine(harness.Sample.Folder, "adf");

        var none = await Assert.ThrowsAsync<CmException>(() => new SetupExport(harness.Factories).ExportAsync(harness.Sample.Destination, folder, CancellationToken.None));
        Assert.Equal(ErrorIds.SetupNotFound, none.ErrorId);
        Assert.False(Directory.Exists(folder));

        await harness.StartAsync();
        var noStore = await Assert.ThrowsAsync<CmException>(() => new SetupExport(null).ReadAsync(harness.Sample.Destination, CancellationToken.None));
        Assert.Equal(ErrorIds.FactoryStoreUnavailable, noStore.ErrorId);

        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "pipeline"), "a file where the pipeline folder goes");
        var blocked = await Assert.ThrowsAsync<CmException>(() => new SetupExport(harness.Factories).ExportAsync(harness.Sample.Destination, folder, CancellationToken.None));
        Assert.Equal(ErrorIds.ExportPathInvalid, blocked.ErrorId);
        Assert.Equal(CmErrorCategory.WriteError, blocked.Category);
    }

    private static ExportedFileKind ToExportKind(FactoryResourceKind kind) => kind switch
    {
        FactoryResourceKind.LinkedService => ExportedFileKind.LinkedService,
        FactoryResourceKind.Dataset => ExportedFileKind.Dataset,
        _ => ExportedFileKind.Pipeline,
    };

    private static FactoryResourceKind ToFactoryKind(ExportedFileKind kind) => kind switch
    {
        ExportedFileKind.LinkedService => FactoryResourceKind.LinkedService,
        ExportedFileKind.Dataset => FactoryResourceKind.Dataset,
        _ => FactoryResourceKind.Pipeline,
    };

    private static string TypeOf(ExportedFileKind kind) => kind switch
    {
        ExportedFileKind.IntegrationRuntime => "Microsoft.DataFactory/factories/integrationRuntimes",
        ExportedFileKind.LinkedService => "Microsoft.DataFactory/factories/linkedServices",
        ExportedFileKind.Dataset => "Microsoft.DataFactory/factories/datasets",
        _ => "Microsoft.DataFactory/factories/pipelines",
    };

    private static string Id(ExportedFileKind kind, string name) => $"[resourceId('{TypeOf(kind)}', parameters('factoryName'), '{name}')]";

    private static IReadOnlyList<string> DependsOn(JsonObject resource) => resource["dependsOn"]!.AsArray().Select(d => (string)d!).ToList();

    private static async Task<JsonObject> ReadJsonAsync(string folder, string file) => JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, file)))!.AsObject();

    /// <summary>The template's resources by (kind, name), read back from their type and name expression.</summary>
    private static Dictionary<(ExportedFileKind, string), JsonObject> Resources(JsonObject template)
    {
        var byType = Enum.GetValues<ExportedFileKind>().Where(k => k < ExportedFileKind.ArmTemplate).ToDictionary(TypeOf);
        var resources = new Dictionary<(ExportedFileKind, string), JsonObject>();
        foreach (var resource in template["resources"]!.AsArray().Select(r => r!.AsObject()))
        {
            var name = (string)resource["name"]!;
            Assert.StartsWith(TemplatePrefix, name, StringComparison.Ordinal);
            Assert.EndsWith("')]", name, StringComparison.Ordinal);
            resources.Add((byType[(string)resource["type"]!], name[TemplatePrefix.Length..^3]), resource);
        }

        return resources;
    }

    /// <summary>Every {"referenceName", "type": "...Reference"} below <paramref name="node"/>, found independently of the engine.</summary>
    private static IEnumerable<(ExportedFileKind Kind, string Name)> ReferencesOf(JsonNode? node)
    {
        if (node is JsonArray array)
        {
            foreach (var item in array.SelectMany(ReferencesOf))
            {
                yield return item;
            }
        }
        else if (node is JsonObject obj)
        {
            if (obj["referenceName"] is JsonValue name && obj["type"] is JsonValue type)
            {
                ExportedFileKind? kind = (string)type! switch
                {
                    "LinkedServiceReference" => ExportedFileKind.LinkedService,
                    "DatasetReference" => ExportedFileKind.Dataset,
                    "IntegrationRuntimeReference" => ExportedFileKind.IntegrationRuntime,
                    "PipelineReference" => ExportedFileKind.Pipeline,
                    _ => null,
                };
                if (kind is { } k)
                {
                    yield return (k, (string)name!);
                }
            }

            foreach (var item in obj.Select(p => p.Value).SelectMany(ReferencesOf))
            {
                yield return item;
            }
        }
    }

    private static JsonNode? Unescape(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    obj[key] = Unescape(child?.DeepClone());
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    array[i] = Unescape(array[i]?.DeepClone());
                }

                return array;
            case JsonValue value when value.TryGetValue<string>(out var text) && text.StartsWith("[[", StringComparison.Ordinal) && text.EndsWith(']'):
                return JsonValue.Create(text[1..]);
            default:
                return node;
        }
    }

    private static Dictionary<string, string> Hashes(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    /// <summary>Files under <paramref name="folder"/> whose bytes hold <paramref name="text"/> as UTF-8 or UTF-16.</summary>
    private static IReadOnlyList<string> FilesContaining(string folder, string text)
    {
        var found = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var bytes = File.ReadAllBytes(file);
            foreach (var encoding in new Encoding[] { Encoding.UTF8, Encoding.Unicode })
            {
                if (bytes.AsSpan().IndexOf(encoding.GetBytes(text)) >= 0)
                {
                    found.Add($"{file} ({encoding.WebName})");
                }
            }
        }

        return found;
    }
}
