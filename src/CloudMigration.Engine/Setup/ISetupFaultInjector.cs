namespace CloudMigration.Engine.Setup;

/// <summary>Where in a step the fault hook is called.</summary>
public enum SetupFaultPoint
{
    /// <summary>The step is recorded InProgress and nothing of it is done yet.</summary>
    BeforeWork,

    /// <summary>The step's work is done and not yet recorded Completed (the worst time for a crash).</summary>
    AfterWork,
}

/// <summary>
/// An engine-level fault hook: the setup flow calls it at each step's fault points, so a test can fail any step at
/// any point the way a crash, a lost connection or a killed process would, then run setup again.
/// </summary>
public interface ISetupFaultInjector
{
    void Reached(SetupStepName step, SetupFaultPoint point);
}
