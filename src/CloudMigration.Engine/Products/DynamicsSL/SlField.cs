namespace CloudMigration.Engine.Products.DynamicsSL;

/// <summary>One field of an SL table as Microsoft's staging table declares it.</summary>
public sealed record SlField(string Name, AlType Type, int? Length)
{
    public string SlSqlType => AlTypeMapping.SlSqlType(Type, Length);

    public string BcSqlType => AlTypeMapping.BcSqlType(Type, Length);
}
