namespace CloudMigration.Engine.Products.DynamicsSL;

/// <summary>The AL field types of the SL staging tables, and how each is stored on either side.</summary>
public enum AlType
{
    Text,
    Decimal,
    Integer,
    Date,
    DateTime,
    Boolean,
}

public static class AlTypeMapping
{
    /// <summary>The SQL type of the field in a Dynamics SL database (fixed-width char, float amounts, smalldatetime).</summary>
    public static string SlSqlType(AlType type, int? length) => type switch
    {
        AlType.Text => $"char({length ?? 1})",
        AlType.Decimal => "float",
        AlType.Integer => "int",
        AlType.Date or AlType.DateTime => "smalldatetime",
        AlType.Boolean => "smallint",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>The SQL type of the field in the Business Central staging table.</summary>
    public static string BcSqlType(AlType type, int? length) => type switch
    {
        AlType.Text => $"nvarchar({length ?? 1})",
        AlType.Decimal => "decimal(38,20)",
        AlType.Integer => "int",
        AlType.Date or AlType.DateTime => "datetime",
        AlType.Boolean => "tinyint",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
