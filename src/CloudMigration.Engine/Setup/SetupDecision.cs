using CloudMigration.Engine.Errors;

namespace CloudMigration.Engine.Setup;

internal enum SetupDecisionKind
{
    /// <summary>No setup yet: every step runs.</summary>
    New,

    /// <summary>The same setup, not complete: the steps not done run.</summary>
    Resume,

    /// <summary>The same setup, complete, no -Force: nothing runs.</summary>
    Complete,

    /// <summary>The same setup, complete, -Force: every step runs again.</summary>
    Rerun,

    /// <summary>A setup made for other input, -Force: its factory resources go, and a new setup starts.</summary>
    Replace,
}

/// <summary>What a run does with the setup the destination already has (pure: tested without databases).</summary>
internal sealed record SetupDecision(SetupDecisionKind Kind, SetupState State, string Message)
{
    public static SetupDecision Decide(SetupState? existing, SetupInput input, SetupRequest request, DateTimeOffset now)
    {
        if (existing is null)
        {
            return new(SetupDecisionKind.New, NewState(input, request, now), string.Empty);
        }

        var differences = Differences(existing, input, request);
        if (differences.Count > 0)
        {
            if (!request.Force)
            {
                throw new CmException(ErrorIds.SetupExists, CmErrorCategory.ResourceExists,
                    $"The destination '{request.Destination.DisplayString}' already has a setup ({existing.SetupId}, {existing.Status}) made for other input: {string.Join("; ", differences)}.",
                    "Run Start-CmSetup with the input of that setup to resume it, remove it with Remove-CmSetup, or add -Force to replace it.", request.Destination.DisplayString);
            }

            return new(SetupDecisionKind.Replace, NewState(input, request, now), string.Empty);
        }

        existing.Source = request.Source.DisplayString;
        if (existing.Status == SetupStatus.Ready)
        {
            if (!request.Force)
            {
                return new(SetupDecisionKind.Complete, existing,
                    $"The setup {existing.SetupId} of '{request.Destination.DisplayString}' is already complete; nothing changed. Add -Force to run every step again.");
            }

            foreach (var step in existing.Steps)
            {
                step.Status = SetupStepStatus.NotStarted;
            }

            existing.CompletedAt = null;
            return new(SetupDecisionKind.Rerun, existing, string.Empty);
        }

        return new(SetupDecisionKind.Resume, existing, string.Empty);
    }

    private static List<string> Differences(SetupState existing, SetupInput input, SetupRequest request)
    {
        var differences = new List<string>();
        if (!string.Equals(existing.Fingerprint, input.Fingerprint, StringComparison.Ordinal))
        {
            differences.Add($"it is for '{existing.Source}' with the companies {string.Join(", ", existing.Companies)}" +
                            (request.TablePlan is null ? string.Empty : " (or another reviewed table plan)"));
        }

        if (request.Factory is { } factory && existing.Factory is { } recorded && !string.Equals(factory, recorded, StringComparison.OrdinalIgnoreCase))
        {
            differences.Add($"it uses the factory '{recorded}', not '{factory}'");
        }

        if (request.IntegrationRuntime is { } runtime && existing.IntegrationRuntime is { } recordedRuntime && !string.Equals(runtime, recordedRuntime, StringComparison.OrdinalIgnoreCase))
        {
            differences.Add($"it uses the integration runtime '{recordedRuntime}', not '{runtime}'");
        }

        return differences;
    }

    private static SetupState NewState(SetupInput input, SetupRequest request, DateTimeOffset now)
    {
        var id = Guid.NewGuid().ToString("D");
        return new SetupState
        {
            SetupId = id,
            Source = request.Source.DisplayString,
            SourceKind = request.Source.Kind.ToString(),
            Fingerprint = input.Fingerprint,
            Companies = input.CompanyIds.ToList(),
            ResourceSuffix = SetupState.SuffixFor(id),
            StartedAt = now,
            UpdatedAt = now,
            Steps = SetupState.NewSteps(),
        };
    }
}
