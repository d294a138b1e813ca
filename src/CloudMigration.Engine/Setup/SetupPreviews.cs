using CloudMigration.Engine.Factories;

namespace CloudMigration.Engine.Setup;

/// <summary>The steps a run would take, in words (-WhatIf): pure, from the decision and what was read.</summary>
internal static class SetupPreviews
{
    private static readonly MigrationResourceNames NewSetupNames = new(
        D.SourceLinkedService + "_<id>", D.DestinationLinkedService + "_<id>", D.SourceDataset + "_<id>", D.DestinationDataset + "_<id>",
        D.PreparationPipeline + "_<id>", D.ReplicationPipeline + "_<id>");

    private static MigrationResourceNames D => MigrationResourceNames.Default;

    public static IReadOnlyList<SetupStepPreview> Describe(SetupRequest request, SetupInput input, SetupDecision decision, string factory)
    {
        var state = decision.State;
        // A new setup's id (and so its resource suffix) is drawn when it starts; until then the names show where it goes.
        var fresh = decision.Kind is SetupDecisionKind.New or SetupDecisionKind.Replace;
        var names = fresh ? NewSetupNames : MigrationResourceNames.WithSuffix(state.ResourceSuffix);
        var destination = request.Destination.DisplayString;
        var companies = input.CompanyIds.Count == 1 ? $"the company {input.CompanyIds[0]}" : $"{input.CompanyIds.Count} companies ({string.Join(", ", input.CompanyIds.Take(5))}{(input.CompanyIds.Count > 5 ? ", ..." : string.Empty)})";
        var runtime = request.IntegrationRuntime ?? state.IntegrationRuntime;
        string Action(SetupStepName step) => step switch
        {
            SetupStepName.ControlSchema => $"Create the control schema (setup state, compatibility results, table plan, replication table) in '{request.Destination.Database}'",
            SetupStepName.Factory => $"Use {factory}",
            SetupStepName.IntegrationRuntime => request.Source.RequiresIntegrationRuntime || runtime is not null
                ? $"Use the integration runtime '{runtime ?? "cm-ir-<machine>"}' (created when missing), register this machine as its node on a local factory, and wait up to {request.Timeout.TotalMinutes:0.#} minutes for it to be Online"
                : "Use no integration runtime for this source, unless the local factory has no Online node; then create one and register this machine as its node",
            SetupStepName.LinkedServices => $"Create the linked services '{names.SourceLinkedService}', '{names.DestinationLinkedService}' and the datasets '{names.SourceDataset}', '{names.DestinationDataset}'",
            SetupStepName.PreparationPipeline => $"Create and run the preparation pipeline '{names.PreparationPipeline}': check both sides, create the cm objects in the source and the destination, collect the source companies and the destination extensions",
            SetupStepName.Compatibility => $"Check the compatibility of {companies} with the rules of Test-CmCompatibility, and stop if a check fails",
            SetupStepName.TablePlan => request.TablePlan is { } rows
                ? $"Validate the reviewed table plan ({rows.Count} rows) and write it into the control schema"
                : $"Build the table plan of {companies} and write it into the control schema",
            SetupStepName.ReplicationPipeline => $"Create the replication pipeline '{names.ReplicationPipeline}' (idle until replication starts), copying as many tables at once as the integration runtime can run",
            SetupStepName.Ready => $"Mark the setup Ready and delete the preparation pipeline '{names.PreparationPipeline}'",
            _ => step.ToString(),
        };

        return state.Steps.Select(step =>
        {
            var done = decision.Kind == SetupDecisionKind.Complete || step.Status is SetupStepStatus.Completed or SetupStepStatus.Skipped;
            return new SetupStepPreview
            {
                Name = step.Name,
                WouldRun = !done,
                Action = done ? $"Skip: {SetupDescriptions.Title(step.Name).ToLowerInvariant()} is done ({step.Status}{(step.CompletedAt is { } at ? $" at {at:u}" : string.Empty)})" : Action(step.Name),
                Target = destination,
            };
        }).ToList();
    }
}
