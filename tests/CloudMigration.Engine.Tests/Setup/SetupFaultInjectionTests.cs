using CloudMigration.Engine.Factories;
using CloudMigration.Engine.Setup;
using CloudMigration.Engine.Tests.Sample;

namespace CloudMigration.Engine.Tests.Setup;

/// <summary>
/// A failure at every step, before and after its work, then setup again: the end state equals a clean run's — the
/// same factory entities, the same control rows, no duplicates.
/// </summary>
public sealed class SetupFaultInjectionTests(SampleFixture fixture) : IClassFixture<SampleFixture>
{
    // One clean run per sample, shared by the cases (its end state is what every resumed setup must reach).
    private static readonly Dictionary<string, Task<IReadOnlyList<string>>> CleanStates = [];

    public static TheoryData<SetupStepName, SetupFaultPoint> Faults()
    {
        var data = new TheoryData<SetupStepName, SetupFaultPoint>();
        foreach (var step in Enum.GetValues<SetupStepName>())
        {
            data.Add(step, SetupFaultPoint.BeforeWork);
            data.Add(step, SetupFaultPoint.AfterWork);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_failure_at_any_step_resumes_to_the_state_of_a_clean_run(SetupStepName step, SetupFaultPoint point)
    {
        var expected = await CleanStateAsync(fixture.Folder);

        using var harness = await SetupHarness.CreateAsync(fixture.Folder);
        var fault = new FaultAt(step, point);
        var error = await Assert.ThrowsAsync<Errors.CmException>(() => harness.StartAsync(faults: fault));
        Assert.True(fault.Fired);
        Assert.Equal(Errors.ErrorIds.SetupStepFailed, error.ErrorId);
        Assert.Contains($"The setup step {step} failed: Injected fault", error.Message, StringComparison.Ordinal);
        var failed = await harness.Service().GetAsync(harness.Sample.Destination, CancellationToken.None);
        Assert.Equal(SetupStatus.Failed, failed.Status);
        Assert.Equal(SetupStepStatus.Failed, failed.Steps.Single(s => s.Name == step).Status);
        Assert.All(failed.Steps.Where(s => s.Name < step), s => Assert.Equal(SetupStepStatus.Completed, s.Status));

        var resumed = await harness.StartAsync();

        Assert.Equal(SetupStatus.Ready, resumed.Status);
        Assert.Equal(failed.SetupId, resumed.SetupId);
        Assert.Equal(2, resumed.Steps.Single(s => s.Name == step).Attempts);
        Assert.All(resumed.Steps.Where(s => s.Name < step), s => Assert.Equal(1, s.Attempts));
        Assert.Equal(expected, await EndStateAsync(harness, resumed));
    }

    private static Task<IReadOnlyList<string>> CleanStateAsync(string folder)
    {
        lock (CleanStates)
        {
            if (!CleanStates.TryGetValue(folder, out var state))
            {
                CleanStates[folder] = state = Task.Run(async () =>
                {
                    using var clean = await SetupHarness.CreateAsync(folder);
                    return await EndStateAsync(clean, await clean.StartAsync());
                });
            }

            return state;
        }
    }

    // What must match: factory entities (names and JSON), control rows, runtimes and nodes — with the setup's own suffix and folder neutralized.
    private static async Task<IReadOnlyList<string>> EndStateAsync(SetupHarness harness, MigrationSetup setup)
    {
        var factory = await harness.FactoryAsync();
        var runtimes = await factory.ListIntegrationRuntimesAsync(CancellationToken.None);
        var lines = new List<string>();
        lines.AddRange(await harness.ResourcesAsync(SetupState.SuffixFor(setup.SetupId)));
        lines.AddRange(runtimes.Select(r => $"runtime {r.Name} {r.State} nodes={r.Nodes.Count}"));
        lines.AddRange(harness.Rows("SELECT TableId, Company, SourceDatabase, SourceTable, SourceQuery, DestinationTable, WriteBehavior, KeyColumns, PreCopyScript, Enabled FROM cm_ReplicationTable"));
        lines.AddRange(harness.Rows("SELECT * FROM cm_TablePlan"));
        lines.AddRange(harness.Rows("SELECT \"Check\", Target, TargetType, Company, Status, Code FROM cm_CompatibilityResult"));
        lines.AddRange(harness.Rows("SELECT * FROM cm_SourceCompany"));
        lines.AddRange(harness.Rows("SELECT * FROM cm_DestinationExtension"));
        lines.AddRange(harness.Rows("SELECT Status, Product, SourceKind, Companies, Factory, IntegrationRuntime, IntegrationRuntimeCreated, BatchCount, TotalCompanies FROM cm_Setup"));
        lines.AddRange(harness.Rows("SELECT Ordinal, Name, Status FROM cm_SetupStep"));
        lines.AddRange(harness.Rows("SELECT * FROM cm_Metadata"));
        lines.AddRange(harness.Rows("SELECT * FROM cm_Metadata", Engine.Sample.SampleEnvironmentBuilder.SystemDatabase));
        return lines.Select(l => l.Replace(harness.Sample.Folder, "<folder>", StringComparison.Ordinal)).ToList();
    }
}
