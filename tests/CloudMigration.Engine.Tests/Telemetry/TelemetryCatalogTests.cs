using System.Text.RegularExpressions;
using CloudMigration.Engine.Telemetry;

namespace CloudMigration.Engine.Tests.Telemetry;

public sealed class TelemetryCatalogTests
{
    /// <summary>The published ids. Never edit an existing row: a published id is a contract with whoever reads the data.</summary>
    public static TheoryData<string, string, string?> Published => new()
    {
        { nameof(TelemetryEvents.CompatibilityTested), "CM0001", null },
        { nameof(TelemetryEvents.TablePlanBuilt), "CM0002", null },
        { nameof(TelemetryEvents.IntegrationRuntimeCreating), "CM0003", "0000EV4" },
        { nameof(TelemetryEvents.IntegrationRuntimeCreated), "CM0004", "0000EV5" },
        { nameof(TelemetryEvents.NodeRegistered), "CM0005", null },
        { nameof(TelemetryEvents.PipelineRunStarted), "CM0006", "AL0000K0J" },
        { nameof(TelemetryEvents.PipelineRunCompleted), "CM0007", "AL0000K0H" },
        { nameof(TelemetryEvents.PipelineRunFailed), "CM0008", "AL0000K0I" },
        { nameof(TelemetryEvents.SetupStarted), "CM0009", null },
        { nameof(TelemetryEvents.SetupCompleted), "CM0010", "0000EUR" },
        { nameof(TelemetryEvents.CompatibilityFailed), "CM0011", null },
        { nameof(TelemetryEvents.ReplicationPipelineCreated), "CM0012", "0000MRI" },
        { nameof(TelemetryEvents.IntegrationRuntimeOnline), "CM0013", null },
        { nameof(TelemetryEvents.PreparationStarted), "CM0014", null },
        { nameof(TelemetryEvents.PreparationCompleted), "CM0015", null },
        { nameof(TelemetryEvents.ReplicationRunStarted), "CM0016", "AL0000K0J" },
        { nameof(TelemetryEvents.ReplicationRunCompleted), "CM0017", "AL0000K0H" },
        { nameof(TelemetryEvents.ReplicationRunCompletedWithFailures), "CM0018", "AL0000K0I" },
    };

    [Theory]
    [MemberData(nameof(Published))]
    public void Telemetry_catalog_ids_are_the_published_ones(string field, string id, string? microsoftId)
    {
        var definition = (TelemetryEventDefinition)typeof(TelemetryEvents).GetField(field)!.GetValue(null)!;
        Assert.Equal(id, definition.Id);
        Assert.Equal(microsoftId, definition.MicrosoftEventId);
        Assert.Same(definition, TelemetryEvents.Find(id));
    }

    [Fact]
    public void Telemetry_catalog_ids_are_unique_well_formed_and_all_listed()
    {
        var ids = TelemetryEvents.All.Select(e => e.Id).ToArray();
        Assert.Equal(ids.Length, ids.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(ids, id => Assert.Matches(new Regex(@"^CM\d{4}$"), id));
        var fields = typeof(TelemetryEvents).GetFields().Where(f => f.FieldType == typeof(TelemetryEventDefinition)).Select(f => f.GetValue(null)).ToArray();
        Assert.Equal(fields.Length, TelemetryEvents.All.Count);
        Assert.Equal(Published.Count(), TelemetryEvents.All.Count);
        Assert.All(fields, f => Assert.Contains(f, TelemetryEvents.All));
    }

    [Fact]
    public void Telemetry_setup_completed_carries_what_microsoft_sends()
    {
        Assert.Superset(new HashSet<string> { "totalCompanies", "selectedCompanies", "totalSizeMB", "product", "durationMs" },
            new HashSet<string>(TelemetryEvents.SetupCompleted.AllowedKeys));
    }
}
