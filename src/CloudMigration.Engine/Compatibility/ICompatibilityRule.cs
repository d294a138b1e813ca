namespace CloudMigration.Engine.Compatibility;

/// <summary>
/// One readiness check. A rule only judges facts that were gathered before; it never touches a database,
/// so every rule is tested on fact objects, SQL-Server-only rules included.
/// </summary>
public interface ICompatibilityRule
{
    /// <summary>The check's stable name, the <see cref="CompatibilityResult.Check"/> of its results.</summary>
    string Check { get; }

    /// <summary>Microsoft's error code for a failure of this check, if it has one.</summary>
    int? Code { get; }

    /// <summary>One sentence: what the rule checks. Shown in the README and help.</summary>
    string Description { get; }

    IEnumerable<CompatibilityResult> Evaluate(CompatibilityContext context);
}
