namespace CloudMigration.Engine.Pipelines;

/// <summary>One entry of an activity's dependsOn: the activity it waits for and the outcomes that let it run.</summary>
public sealed record ActivityDependency(string Activity, IReadOnlyList<DependencyCondition> Conditions)
{
    /// <summary>Whether an upstream activity that ended with <paramref name="status"/> satisfies this dependency (any listed condition).</summary>
    public bool IsSatisfiedBy(Factories.ActivityRunStatus status) => Conditions.Any(c => c switch
    {
        DependencyCondition.Succeeded => status == Factories.ActivityRunStatus.Succeeded,
        DependencyCondition.Failed => status == Factories.ActivityRunStatus.Failed,
        DependencyCondition.Skipped => status == Factories.ActivityRunStatus.Skipped,
        DependencyCondition.Completed => status is Factories.ActivityRunStatus.Succeeded or Factories.ActivityRunStatus.Failed,
        _ => false,
    });
}
