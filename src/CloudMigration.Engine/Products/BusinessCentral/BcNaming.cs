namespace CloudMigration.Engine.Products.BusinessCentral;

/// <summary>How Business Central names per-company tables in its SQL database.</summary>
public static class BcNaming
{
    private static readonly char[] Replaced = ['.', '\\', '/', '"'];

    /// <summary>Replaces the characters BC does not keep in SQL names (. \ / ") with '_'.</summary>
    public static string SqlSafe(string name)
    {
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (Array.IndexOf(Replaced, chars[i]) >= 0)
            {
                chars[i] = '_';
            }
        }

        return new string(chars);
    }

    /// <summary><c>&lt;Company&gt;$&lt;Table&gt;$&lt;app id&gt;</c>, for example <c>CRONUS$SL Account$237981b4-...</c>.</summary>
    public static string CompanyTable(string company, string table, Guid appId) =>
        $"{SqlSafe(company)}${SqlSafe(table)}${appId.ToString("D")}";

    /// <summary>The system columns that follow the fields of every BC table.</summary>
    public static readonly IReadOnlyList<(string Name, string SqlType)> SystemColumns =
    [
        ("$systemId", "uniqueidentifier"),
        ("$systemCreatedAt", "datetime"),
        ("$systemCreatedBy", "uniqueidentifier"),
        ("$systemModifiedAt", "datetime"),
        ("$systemModifiedBy", "uniqueidentifier"),
    ];
}
