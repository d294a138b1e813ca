namespace CloudMigration.Engine.Setup;

/// <summary>What each step is, in words (progress) and what it would do (-WhatIf).</summary>
internal static class SetupDescriptions
{
    public static string Title(SetupStepName step) => step switch
    {
        SetupStepName.ControlSchema => "Create the control schema",
        SetupStepName.Factory => "Pick the data factory",
        SetupStepName.IntegrationRuntime => "Prepare the integration runtime",
        SetupStepName.LinkedServices => "Create the linked services and datasets",
        SetupStepName.PreparationPipeline => "Run the preparation pipeline",
        SetupStepName.Compatibility => "Check compatibility",
        SetupStepName.TablePlan => "Write the table plan",
        SetupStepName.ReplicationPipeline => "Create the replication pipeline",
        SetupStepName.Ready => "Mark the setup ready",
        _ => step.ToString(),
    };
}
