namespace CloudMigration.Engine.Connections;

/// <summary>The kind of database an endpoint points at.</summary>
public enum EndpointKind
{
    /// <summary>SQL Server (on premises or in a VM), through Microsoft.Data.SqlClient.</summary>
    SqlServer,

    /// <summary>Azure SQL Database, through Microsoft.Data.SqlClient (no integration runtime needed).</summary>
    AzureSql,

    /// <summary>A SQLite database file, through Microsoft.Data.Sqlite (the embedded default).</summary>
    Sqlite,
}
