namespace CloudMigration.Engine.Sql;

/// <summary>Groups of SQL types whose values convert into each other without loss of meaning.</summary>
public enum SqlTypeFamily
{
    Unknown,
    Text,
    Integer,
    Number,
    DateTime,
    Guid,
    Binary,
    RowVersion,
}
