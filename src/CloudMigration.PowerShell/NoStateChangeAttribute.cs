namespace CloudMigration.PowerShell;

/// <summary>
/// Marks a cmdlet whose verb usually changes state (New, Set, ...) but which only builds an object in
/// memory. The lint test requires SupportsShouldProcess on every state-changing cmdlet without this mark.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class NoStateChangeAttribute(string reason) : Attribute
{
    public string Reason { get; } = reason;
}
