namespace CloudMigration.Engine.Pipelines;

/// <summary>
/// When an activity may run after another (ActivityDependency.dependencyConditions in entityTypes/Pipeline.json).
/// <see cref="Completed"/> means Succeeded or Failed; it does not cover Skipped.
/// </summary>
public enum DependencyCondition
{
    Succeeded,
    Failed,
    Skipped,
    Completed,
}
