namespace CloudMigration.Engine.Replication;

/// <summary>A net change to one key, as SYS_CHANGE_OPERATION names it: 'I', 'U' or 'D'.</summary>
public enum ChangeOperation
{
    Insert,
    Update,
    Delete,
}

internal static class ChangeOperations
{
    public static ChangeOperation Parse(string code) => code switch
    {
        "I" => ChangeOperation.Insert,
        "U" => ChangeOperation.Update,
        "D" => ChangeOperation.Delete,
        _ => throw new FormatException($"'{code}' is not a change operation (I, U or D)."),
    };
}
