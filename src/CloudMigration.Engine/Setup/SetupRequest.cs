using CloudMigration.Engine.Compatibility;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Planning;

namespace CloudMigration.Engine.Setup;

/// <summary>What Start-CmSetup is asked to set up.</summary>
public sealed class SetupRequest
{
    /// <summary>The Dynamics SL system database.</summary>
    public required CmEndpoint Source { get; init; }

    /// <summary>The Business Central tenant database; the setup's state lives in its control schema.</summary>
    public required CmEndpoint Destination { get; init; }

    /// <summary>The factory by name; default: the one an earlier run recorded, else the load balancer's pick.</summary>
    public string? Factory { get; init; }

    /// <summary>The self-hosted integration runtime by name (created when missing); default: the recorded one, else cm-ir-&lt;machine&gt;.</summary>
    public string? IntegrationRuntime { get; init; }

    /// <summary>Company ids or names (wildcards); default: every active company.</summary>
    public IReadOnlyList<string> Companies { get; init; } = [];

    /// <summary>A reviewed plan (New-CmTablePlan's entries or Import-Csv of them) to write instead of a new one.</summary>
    public IReadOnlyList<TablePlanRow>? TablePlan { get; init; }

    /// <summary>The tenant's storage in GB (the DataSize check).</summary>
    public double StorageCapacityGB { get; init; } = CompatibilityOptions.DefaultStorageCapacityGB;

    /// <summary>How long to wait for the integration runtime to come Online.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Replace a setup of the destination that was made for other input, or run every step of a complete one again.</summary>
    public bool Force { get; init; }

    internal void Validate()
    {
        if (Timeout <= TimeSpan.Zero)
        {
            throw new CmException(ErrorIds.SetupInvalidArgument, CmErrorCategory.InvalidArgument,
                $"The timeout {Timeout} is not positive.", "Give -Timeout a positive time span, for example (New-TimeSpan -Minutes 10).", Timeout);
        }

        if (TablePlan is { Count: 0 })
        {
            throw new CmException(ErrorIds.SetupInvalidArgument, CmErrorCategory.InvalidArgument,
                "The reviewed table plan is empty.", "Pass the entries of New-CmTablePlan (or Import-Csv of an exported plan) to -TablePlan, or leave it out.", null);
        }

        if (!string.IsNullOrEmpty(IntegrationRuntime))
        {
            Factories.AdfNames.RequireRuntimeName(IntegrationRuntime);
        }
    }
}
