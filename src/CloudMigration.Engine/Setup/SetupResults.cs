using System.Security;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Factories;

namespace CloudMigration.Engine.Setup;

/// <summary>Turns what the control schema holds into the setup object Start-CmSetup and Get-CmSetup write.</summary>
internal static class SetupResults
{
    public static MigrationSetup From(SetupSnapshot snapshot, CmEndpoint destination, SecureString? runtimeKey, bool changed, string message)
    {
        var state = snapshot.State;
        var names = MigrationResourceNames.WithSuffix(state.ResourceSuffix);
        bool Done(SetupStepName step) => state.Step(step).Status == SetupStepStatus.Completed;
        var pipelines = new List<string>();
        if (Done(SetupStepName.PreparationPipeline) && !Done(SetupStepName.Ready))
        {
            pipelines.Add(names.PreparationPipeline);
        }

        if (Done(SetupStepName.ReplicationPipeline))
        {
            pipelines.Add(names.ReplicationPipeline);
        }

        return new MigrationSetup
        {
            SetupId = state.SetupId,
            Status = state.Status,
            Destination = destination.DisplayString,
            Source = state.Source,
            Product = state.Product,
            Factory = state.Factory,
            FactoryKind = state.FactoryKind,
            FactoryReason = state.FactoryReason,
            IntegrationRuntime = state.IntegrationRuntime,
            IntegrationRuntimeKey = runtimeKey,
            Companies = state.Companies,
            SourceCompanies = state.TotalCompanies ?? (snapshot.SourceCompanies > 0 ? snapshot.SourceCompanies : null),
            TableCounts = snapshot.TableCounts,
            Pipelines = pipelines,
            FactoryResources = Done(SetupStepName.LinkedServices)
                ? [names.SourceLinkedService, names.DestinationLinkedService, names.SourceDataset, names.DestinationDataset, .. pipelines]
                : pipelines,
            BatchCount = state.BatchCount,
            StartedAt = state.StartedAt,
            CompletedAt = state.CompletedAt,
            Duration = TimeSpan.FromMilliseconds(state.Steps.Sum(s => s.Duration?.TotalMilliseconds ?? 0)),
            Steps = state.Steps,
            Compatibility = snapshot.Compatibility,
            Changed = changed,
            Message = message.Length > 0 ? message : state.Message ?? string.Empty,
        };
    }
}
