using CloudMigration.Engine.Discovery;

namespace CloudMigration.Engine.Tests.Compatibility;

/// <summary>One-column changes to a table schema, for the schema alignment tests.</summary>
internal static class SchemaChanges
{
    public static TableSchema WithColumnType(this TableSchema schema, string column, string sqlType)
    {
        Assert.Contains(schema.Columns, c => c.Name == column);
        return schema with { Columns = schema.Columns.Select(c => c.Name == column ? c with { SqlType = sqlType } : c).ToArray() };
    }

    public static TableSchema WithoutColumn(this TableSchema schema, string column)
    {
        Assert.Contains(schema.Columns, c => c.Name == column);
        return schema with { Columns = schema.Columns.Where(c => c.Name != column).ToArray() };
    }

    public static TableSchema WithColumn(this TableSchema schema, string column, string sqlType) =>
        schema with { Columns = schema.Columns.Append(new ColumnSchema(column, sqlType)).ToArray() };

    public static TableSchema WithPrimaryKey(this TableSchema schema, params string[] columns) => schema with { PrimaryKey = columns };

    public static string TypeOf(this TableSchema schema, string column) => schema.Columns.Single(c => c.Name == column).SqlType;
}
