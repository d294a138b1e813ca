namespace CloudMigration.Engine.Setup;

/// <summary>The steps of cloud migration setup, in the order they run (the values are the order).</summary>
public enum SetupStepName
{
    /// <summary>Create the control schema in the destination, where the setup's state lives.</summary>
    ControlSchema = 1,

    /// <summary>Pick the data factory: the one named, the one recorded, or the load balancer's.</summary>
    Factory = 2,

    /// <summary>Use or create the self-hosted integration runtime, and wait until it is Online.</summary>
    IntegrationRuntime = 3,

    /// <summary>Create the linked services and datasets.</summary>
    LinkedServices = 4,

    /// <summary>Create and run the preparation pipeline.</summary>
    PreparationPipeline = 5,

    /// <summary>Check compatibility with the same rules as Test-CmCompatibility.</summary>
    Compatibility = 6,

    /// <summary>Write the table plan into the control schema.</summary>
    TablePlan = 7,

    /// <summary>Create the replication pipeline (idle).</summary>
    ReplicationPipeline = 8,

    /// <summary>Mark the environment Ready and delete the preparation pipeline.</summary>
    Ready = 9,
}
