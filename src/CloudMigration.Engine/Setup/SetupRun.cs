using System.Security;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Factories;
using CloudMigration.Engine.Operations;
using CloudMigration.Engine.Telemetry;

namespace CloudMigration.Engine.Setup;

/// <summary>
/// One run of Start-CmSetup: decides from the control schema whether the setup is new, resumed, complete or made for
/// other input, then runs every step that is not done, recording each step's status and time before and after its work.
/// A failure records the step Failed (and the setup Failed) and stops; the next run starts again at that step.
/// </summary>
internal sealed partial class SetupRun
{
    private const string Activity = "Setting up cloud migration";
    private readonly DataFactoryService factories;
    private readonly SetupOptions options;
    private readonly SetupRequest request;
    private readonly IProgress<OperationProgress>? progress;
    private readonly SetupStateStore store;
    private readonly PipelinePublisher publisher = new();
    private SetupInput input = null!;
    private SetupState state = null!;
    private IDataFactory? factory;
    private SecureString? newRuntimeKey;
    private bool localNodeHosted;

    public SetupRun(DataFactoryService factories, SetupOptions options, SetupRequest request, IProgress<OperationProgress>? progress)
    {
        this.factories = factories;
        this.options = options;
        this.request = request;
        this.progress = progress;
        store = new SetupStateStore(request.Destination);
    }

    private CmEndpoint Source => request.Source;

    private CmEndpoint Destination => request.Destination;

    private MigrationResourceNames Names => MigrationResourceNames.WithSuffix(state.ResourceSuffix);

    private DateTimeOffset Now => options.TimeProvider.GetUtcNow();

    public async Task<MigrationSetup> RunAsync(CancellationToken cancellationToken)
    {
        request.Validate();
        Report("Checking the source and the destination", 0);
        input = await SetupInput.ResolveAsync(request, cancellationToken).ConfigureAwait(false);
        var snapshot = await store.ReadAsync(cancellationToken).ConfigureAwait(false);
        var decision = SetupDecision.Decide(snapshot?.State, input, request, Now);
        if (decision.Kind == SetupDecisionKind.Complete)
        {
            Report("Nothing to do", 100, completed: true);
            return SetupResults.From(snapshot!, Destination, null, changed: false, decision.Message);
        }

        if (decision.Kind == SetupDecisionKind.Replace && snapshot!.State.Factory is { } oldFactory)
        {
            // The old setup's factory resources go first, so replacing it leaves nothing behind.
            await RemoveFactoryResourcesAsync(oldFactory, MigrationResourceNames.WithSuffix(snapshot.State.ResourceSuffix), cancellationToken).ConfigureAwait(false);
        }

        state = decision.State;
        Telemetry.Telemetry.Emit(TelemetryEvents.SetupStarted, (TelemetryEvents.Product, state.Product), ("resumed", decision.Kind == SetupDecisionKind.Resume),
            ("selectedCompanies", state.Companies.Count), ("factoryKind", state.FactoryKind));

        foreach (var step in state.Steps.Where(s => s.Status is not (SetupStepStatus.Completed or SetupStepStatus.Skipped)).ToList())
        {
            if (!await RunStepAsync(step, cancellationToken).ConfigureAwait(false))
            {
                break;
            }
        }

        var done = await store.ReadAsync(cancellationToken).ConfigureAwait(false);
        Report(state.Status.ToString(), 100, completed: true);
        return SetupResults.From(done!, Destination, newRuntimeKey, changed: true, state.Message ?? string.Empty);
    }

    /// <summary>Runs one step; false when the setup must stop without an error (waiting for a node).</summary>
    private async Task<bool> RunStepAsync(SetupStepInfo step, CancellationToken cancellationToken)
    {
        Report($"Step {step.Ordinal} of {state.Steps.Count}: {SetupDescriptions.Title(step.Name)}", 100 * (step.Ordinal - 1) / state.Steps.Count);
        if (step.Name == SetupStepName.ControlSchema)
        {
            // The state lives in the control schema, so it must exist before the first step is recorded.
            await store.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        }

        step.Status = SetupStepStatus.InProgress;
        step.Attempts++;
        step.StartedAt = Now;
        step.CompletedAt = null;
        step.Message = string.Empty;
        state.Status = SetupStatus.InProgress;
        state.Message = null;
        await SaveAsync(cancellationToken).ConfigureAwait(false);

        StepOutcome outcome;
        try
        {
            options.FaultInjector?.Reached(step.Name, SetupFaultPoint.BeforeWork);
            outcome = await RunWorkAsync(step, cancellationToken).ConfigureAwait(false);
            options.FaultInjector?.Reached(step.Name, SetupFaultPoint.AfterWork);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var error = ex as CmException ?? (ex is OperationCanceledException
                ? new CmException(ErrorIds.SetupStepFailed, CmErrorCategory.OperationStopped, $"Setup was stopped during the step {step.Name}.", "Run Start-CmSetup again to resume at this step.", step.Name.ToString(), ex)
                : new CmException(ErrorIds.SetupStepFailed, CmErrorCategory.NotSpecified, $"The setup step {step.Name} failed: {ex.Message}", "Fix the cause, then run Start-CmSetup again: it resumes at this step.", step.Name.ToString(), ex));
            step.Status = SetupStepStatus.Failed;
            step.Message = error.Message;
            step.CompletedAt = Now;
            state.Status = SetupStatus.Failed;
            state.Message = error.Message;
            await TrySaveAsync().ConfigureAwait(false);
            if (ReferenceEquals(error, ex) || ex is OperationCanceledException)
            {
                throw;
            }

            throw error;
        }

        step.Status = outcome.Status;
        step.Message = outcome.Message;
        step.CompletedAt = outcome.Status == SetupStepStatus.Waiting ? null : Now;
        await SaveAsync(cancellationToken).ConfigureAwait(false);
        return outcome.Status != SetupStepStatus.Waiting;
    }

    private Task<StepOutcome> RunWorkAsync(SetupStepInfo step, CancellationToken cancellationToken) => step.Name switch
    {
        SetupStepName.ControlSchema => ControlSchemaAsync(cancellationToken),
        SetupStepName.Factory => FactoryAsync(cancellationToken),
        SetupStepName.IntegrationRuntime => IntegrationRuntimeAsync(cancellationToken),
        SetupStepName.LinkedServices => LinkedServicesAsync(cancellationToken),
        SetupStepName.PreparationPipeline => PreparationAsync(cancellationToken),
        SetupStepName.Compatibility => CompatibilityAsync(cancellationToken),
        SetupStepName.TablePlan => TablePlanAsync(cancellationToken),
        SetupStepName.ReplicationPipeline => ReplicationAsync(cancellationToken),
        SetupStepName.Ready => ReadyAsync(cancellationToken),
        _ => throw new InvalidOperationException($"No work for the step {step.Name}."),
    };

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        state.UpdatedAt = Now;
        await store.SaveAsync(state, cancellationToken).ConfigureAwait(false);
    }

    // Recording a failure must not hide it: when the destination cannot be written either, the original error stands.
    private async Task TrySaveAsync()
    {
        try
        {
            await SaveAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (CmException)
        {
        }
    }

    private async Task<IDataFactory> FactoryAsync(string name, CancellationToken cancellationToken) =>
        (await factories.ResolveAsync(name, cancellationToken).ConfigureAwait(false)).Factory;

    private async Task<IDataFactory> CurrentFactoryAsync(CancellationToken cancellationToken) =>
        factory ??= await FactoryAsync(state.Factory ?? throw new InvalidOperationException("No factory is recorded yet."), cancellationToken).ConfigureAwait(false);

    private async Task RemoveFactoryResourcesAsync(string factoryName, MigrationResourceNames names, CancellationToken cancellationToken)
    {
        var target = await FactoryAsync(factoryName, cancellationToken).ConfigureAwait(false);
        await publisher.RemoveAsync(target, names, cancellationToken).ConfigureAwait(false);
    }

    private void Report(string status, int percent, bool completed = false) =>
        progress?.Report(new OperationProgress(Activity, status, percent, Completed: completed));

    private readonly record struct StepOutcome(SetupStepStatus Status, string Message)
    {
        public static StepOutcome Done(string message) => new(SetupStepStatus.Completed, message);
    }
}
