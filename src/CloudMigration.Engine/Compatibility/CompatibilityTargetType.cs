namespace CloudMigration.Engine.Compatibility;

/// <summary>What a compatibility result is about.</summary>
public enum CompatibilityTargetType
{
    /// <summary>The source server or connection.</summary>
    Source,

    /// <summary>The destination server, database or environment.</summary>
    Destination,

    /// <summary>One source database (the SL system database or an application database).</summary>
    Database,

    /// <summary>The selection of companies as a whole (count, size).</summary>
    Selection,

    Company,

    /// <summary>One table of one company, or of one database.</summary>
    Table,

    /// <summary>One column of one table.</summary>
    Column,
}
