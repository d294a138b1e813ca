using CloudMigration.Engine.Factories;

namespace CloudMigration.Engine.Pipelines.Execution;

/// <summary>
/// Runs the activities of one container (the pipeline's top level, or one ForEach iteration) by their dependencies,
/// the way Azure Data Factory does:
/// <list type="bullet">
/// <item>An activity starts when every activity it depends on has ended. Independent activities run at the same time.</item>
/// <item>Each dependency lists conditions; it is met when the upstream activity ended in any of them (Succeeded,
///   Failed, Skipped; Completed is Succeeded or Failed). An activity runs only when all its dependencies are met;
///   otherwise it is Skipped (recorded, with no input), and that Skipped can in turn meet or fail its dependents' conditions.</item>
/// <item>The container's outcome follows ADF's documented rule ("Pipeline failure and error handling"): look at the
///   leaves (activities nothing depends on); a Skipped leaf is judged by its parents instead, recursively; the
///   container succeeds only if every leaf so judged succeeded. So a failure handled by an Upon Failure path that
///   succeeds is a success (try-catch), but an activity with both an Upon Success and an Upon Failure path fails the
///   run when it fails (do-if-else), because its skipped success path is judged by the failed activity.</item>
/// <item>On cancellation no further activity starts; running ones end as Cancelled, and so does the container.</item>
/// </list>
/// </summary>
internal static class ActivityScheduler
{
    public static async Task<ScopeOutcome> RunAsync(IReadOnlyList<ActivityDefinition> activities, ActivityScope scope)
    {
        var run = scope.Run;
        var token = run.CancellationToken;
        var pending = activities.ToList();
        var running = new List<Task<ActivityResult>>();
        var notStarted = false;
        while (pending.Count > 0 || running.Count > 0)
        {
            bool progressed;
            do
            {
                progressed = false;
                foreach (var activity in pending.ToArray())
                {
                    if (!activity.DependsOn.All(d => scope.TryGetResult(d.Activity, out _)))
                    {
                        continue;
                    }

                    pending.Remove(activity);
                    progressed = true;
                    if (token.IsCancellationRequested)
                    {
                        notStarted = true;
                        continue;
                    }

                    var met = activity.DependsOn.All(d => scope.TryGetResult(d.Activity, out var upstream) && d.IsSatisfiedBy(upstream.Status));
                    if (met)
                    {
                        running.Add(ActivityInvoker.RunAsync(scope, activity));
                    }
                    else
                    {
                        await SkipAsync(scope, activity).ConfigureAwait(false);
                    }
                }
            }
            while (progressed);

            if (running.Count == 0)
            {
                // Only activities whose upstream never ended remain: the run was cancelled before they could start.
                notStarted |= pending.Count > 0;
                break;
            }

            var done = await Task.WhenAny(running).ConfigureAwait(false);
            running.Remove(done);
            scope.SetResult(await done.ConfigureAwait(false));
        }

        return Judge(activities, scope, cancelled: token.IsCancellationRequested || notStarted);
    }

    private static async Task SkipAsync(ActivityScope scope, ActivityDefinition activity)
    {
        var now = scope.Run.Now;
        var result = new ActivityResult(activity.Name, activity.Type, ActivityRunStatus.Skipped, null, null, null);
        await scope.Run.RecordAsync(new ActivityRunInfo
        {
            RunId = scope.Run.RunId,
            ActivityName = activity.Name,
            ActivityType = activity.Type,
            Status = ActivityRunStatus.Skipped,
            Start = now,
            End = now,
            Iteration = scope.Iteration,
        }).ConfigureAwait(false);
        scope.SetResult(result);
    }

    private static ScopeOutcome Judge(IReadOnlyList<ActivityDefinition> activities, ActivityScope scope, bool cancelled)
    {
        var byName = activities.ToDictionary(a => a.Name, StringComparer.OrdinalIgnoreCase);
        if (cancelled || activities.Any(a => scope.TryGetResult(a.Name, out var r) && r.Status == ActivityRunStatus.Cancelled))
        {
            return new ScopeOutcome(PipelineRunStatus.Cancelled, "The run was cancelled.", null);
        }

        var upstreamOfSomething = new HashSet<string>(activities.SelectMany(a => a.DependsOn.Select(d => d.Activity)), StringComparer.OrdinalIgnoreCase);
        var leaves = activities.Where(a => !upstreamOfSomething.Contains(a.Name));
        var failed = new List<ActivityResult>();
        foreach (var leaf in leaves)
        {
            CollectFailures(leaf.Name);
        }

        if (failed.Count == 0)
        {
            return new ScopeOutcome(PipelineRunStatus.Succeeded, string.Empty, null);
        }

        var first = failed.DistinctBy(f => f.Name, StringComparer.OrdinalIgnoreCase).First();
        return new ScopeOutcome(PipelineRunStatus.Failed, $"Operation on target {first.Name} failed: {first.ErrorMessage}", first);

        void CollectFailures(string name)
        {
            if (!scope.TryGetResult(name, out var result))
            {
                return;
            }

            switch (result.Status)
            {
                case ActivityRunStatus.Failed:
                    failed.Add(result);
                    break;
                case ActivityRunStatus.Skipped:
                    foreach (var parent in byName[name].DependsOn)
                    {
                        CollectFailures(parent.Activity);
                    }

                    break;
            }
        }
    }
}
