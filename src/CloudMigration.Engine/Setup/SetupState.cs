namespace CloudMigration.Engine.Setup;

/// <summary>The setup row of the control schema and its steps: what a run reads to resume and writes after each step.</summary>
internal sealed class SetupState
{
    public required string SetupId { get; init; }

    public SetupStatus Status { get; set; } = SetupStatus.InProgress;

    public string Product { get; init; } = "DynamicsSL";

    /// <summary>The source's redacted display string.</summary>
    public required string Source { get; set; }

    public required string SourceKind { get; set; }

    /// <summary>What the run was asked for (source, companies, plan), hashed: a re-run with another fingerprint is another setup.</summary>
    public required string Fingerprint { get; set; }

    public required List<string> Companies { get; set; }

    /// <summary>Appended to the names of the setup's factory resources, so setups of several destinations share a factory.</summary>
    public required string ResourceSuffix { get; init; }

    public string? Factory { get; set; }

    public string? FactoryKind { get; set; }

    public string? FactoryReason { get; set; }

    public string? IntegrationRuntime { get; set; }

    /// <summary>Whether setup created the IR (Remove-CmSetup -IncludeIntegrationRuntime removes it either way).</summary>
    public bool IntegrationRuntimeCreated { get; set; }

    public int? BatchCount { get; set; }

    public int? TotalCompanies { get; set; }

    public double? TotalSizeMB { get; set; }

    public required DateTimeOffset StartedAt { get; set; }

    public required DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public string? Message { get; set; }

    public required List<SetupStepInfo> Steps { get; init; }

    public SetupStepInfo Step(SetupStepName name) => Steps.First(s => s.Name == name);

    /// <summary>The resource suffix of a setup: the first 8 hex digits of its id.</summary>
    public static string SuffixFor(string setupId) => setupId.Replace("-", string.Empty, StringComparison.Ordinal)[..8];

    public static List<SetupStepInfo> NewSteps() =>
        Enum.GetValues<SetupStepName>().Select(n => new SetupStepInfo { Name = n, Status = SetupStepStatus.NotStarted }).ToList();
}
