using System.Management.Automation;
using CloudMigration.Engine.Planning;
using CloudMigration.Engine.Setup;

namespace CloudMigration.PowerShell.Commands.Setup;

/// <summary>
/// Sets up cloud migration from a Dynamics SL source into a Business Central destination, the way Cloud Migration
/// Setup does: picks a data factory, prepares the integration runtime, creates the linked services and datasets, runs
/// the preparation pipeline, checks compatibility, writes the table plan, creates the (idle) replication pipeline and
/// marks the setup Ready. Every step's state lives in the destination's control schema: running it again resumes
/// after a failure, and changes nothing after success.
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "CmSetup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(MigrationSetup))]
public sealed class StartCmSetupCommand : CmFactoryCmdlet
{
    private readonly EndpointSelections selections = new();

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNull]
    public CmEndpointParameter Source { get; set; } = null!;

    [Parameter]
    [Credential]
    public PSCredential? SourceCredential { get; set; }

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNull]
    public CmEndpointParameter Destination { get; set; } = null!;

    [Parameter]
    [Credential]
    public PSCredential? DestinationCredential { get; set; }

    /// <summary>The self-hosted integration runtime (name or object); created when missing. Default: the recorded one, else cm-ir-&lt;machine&gt; when one is needed.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [NameTransformation]
    public string? IntegrationRuntime { get; set; }

    /// <summary>The data factory (name or object). Default: the recorded one, else the load balancer's pick.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [NameTransformation]
    public string? Factory { get; set; }

    /// <summary>Company ids or names (wildcards allowed); default: every active company.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [Alias("CpnyID")]
    public string[] Company { get; set; } = [];

    /// <summary>A reviewed table plan (New-CmTablePlan's entries, or Import-Csv of an exported plan) to write instead of a new one.</summary>
    [Parameter]
    [ValidateNotNull]
    public PSObject[]? TablePlan { get; set; }

    /// <summary>How long to wait for the integration runtime to be Online (default 10 minutes).</summary>
    [Parameter]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The tenant's storage capacity in GB (the DataSize check; default 80).</summary>
    [Parameter]
    public double StorageCapacityGB { get; set; } = Engine.Compatibility.CompatibilityOptions.DefaultStorageCapacityGB;

    /// <summary>Replace a setup of the destination made for other input, or run every step of a complete one again.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessCore()
    {
        var source = ResolveEndpoint(Source, SourceCredential, nameof(Source));
        var destination = ResolveEndpoint(Destination, DestinationCredential, nameof(Destination));
        selections.Add(source, destination, Company);
    }

    protected override void EndCore()
    {
        var plan = TablePlan?.Select((r, i) => TablePlanRows.ToRow(r, i + 1)).ToArray();
        foreach (var selection in selections)
        {
            var request = new SetupRequest
            {
                Source = selection.Source,
                Destination = selection.Destination,
                Companies = selection.Companies,
                Factory = Factory,
                IntegrationRuntime = IntegrationRuntime,
                TablePlan = plan,
                Timeout = Timeout,
                StorageCapacityGB = StorageCapacityGB,
                Force = Force,
            };

            if (WhatIfRequested)
            {
                // List every step; nothing is written (not even a factory store that does not exist yet).
                var steps = Run((_, ct) => new SetupService(ExistingFactories()).PreviewAsync(request, ct));
                foreach (var step in steps)
                {
                    ShouldProcess(step.Target, $"Step {(int)step.Name} ({step.Name}): {step.Action}");
                }

                continue;
            }

            if (!ShouldProcess(selection.Destination.DisplayString, $"Set up cloud migration from '{selection.Source.DisplayString}'"))
            {
                continue;
            }

            var service = new SetupService(Factories());
            var setup = Run((progress, ct) => service.StartAsync(request, progress, ct));
            foreach (var step in setup.Steps.Where(s => s.Message.Length > 0))
            {
                Verbose($"{(int)step.Name}. {step.Name}: {step.Status}. {step.Message}");
            }

            WriteObject(setup);
        }
    }
}
