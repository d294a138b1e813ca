namespace CloudMigration.Engine.Setup;

/// <summary>A step as -WhatIf lists it: what it would do (or why it would not run), and on what.</summary>
public sealed class SetupStepPreview
{
    public required SetupStepName Name { get; init; }

    /// <summary>Whether the step would run (false: done already, or not needed).</summary>
    public required bool WouldRun { get; init; }

    public required string Action { get; init; }

    public required string Target { get; init; }

    public override string ToString() => $"{(int)Name}. {Name}: {Action}";
}
