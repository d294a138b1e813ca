using CloudMigration.Engine.Products.BusinessCentral;

namespace CloudMigration.Engine.Planning;

/// <summary>Reads a Business Central table's SQL name back into table name, app id and whether it is per company.</summary>
public static class DestinationTableName
{
    /// <summary>
    /// Splits <c>&lt;Company&gt;$&lt;Table&gt;$&lt;app id&gt;</c> (or <c>&lt;Table&gt;$&lt;app id&gt;</c>) for the given company;
    /// null when the name does not end in an app id.
    /// </summary>
    public static TableMapping? Parse(string sqlName, string company, string sourceTable)
    {
        ArgumentNullException.ThrowIfNull(sqlName);
        ArgumentNullException.ThrowIfNull(company);
        var last = sqlName.LastIndexOf('$');
        if (last <= 0 || !Guid.TryParse(sqlName[(last + 1)..], out var appId))
        {
            return null;
        }

        var rest = sqlName[..last];
        var prefix = BcNaming.SqlSafe(company) + "$";
        return rest.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && rest.Length > prefix.Length
            ? new TableMapping(sourceTable, rest[prefix.Length..], PerCompany: true, appId, IsCustom: true)
            : new TableMapping(sourceTable, rest, PerCompany: false, appId, IsCustom: true);
    }
}
