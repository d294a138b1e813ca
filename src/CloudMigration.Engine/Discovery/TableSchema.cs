namespace CloudMigration.Engine.Discovery;

/// <summary>The shape of one table: columns in order and the primary key. Shared by both providers.</summary>
public sealed record TableSchema(string Name, IReadOnlyList<ColumnSchema> Columns, IReadOnlyList<string> PrimaryKey);

/// <summary>One column: its name and declared SQL type (<c>char(10)</c>, <c>nvarchar(30)</c>, <c>float</c>, ...).</summary>
public sealed record ColumnSchema(string Name, string SqlType, bool Nullable = false);
