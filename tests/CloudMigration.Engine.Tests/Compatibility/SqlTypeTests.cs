using CloudMigration.Engine.Sql;

namespace CloudMigration.Engine.Tests.Compatibility;

public sealed class SqlTypeTests
{
    [Theory]
    [InlineData("char(10)", "char", 10, null, null, "char(10)")]
    [InlineData("NVARCHAR (MAX)", "nvarchar", SqlType.Max, null, null, "nvarchar(max)")]
    [InlineData("decimal(38, 20)", "decimal", null, 38, 20, "decimal(38,20)")]
    [InlineData("numeric(18)", "numeric", null, 18, null, "numeric(18)")]
    [InlineData("  float ", "float", null, null, null, "float")]
    [InlineData("varbinary(max)", "varbinary", SqlType.Max, null, null, "varbinary(max)")]
    [InlineData("Timestamp", "timestamp", null, null, null, "timestamp")]
    [InlineData("varchar(", "varchar", null, null, null, "varchar")]
    [InlineData("nchar(abc)", "nchar", null, null, null, "nchar")]
    public void Parse_reads_name_length_precision_and_scale(string declared, string name, int? length, int? precision, int? scale, string text)
    {
        var type = SqlType.Parse(declared);
        Assert.Equal(new SqlType(name, length, precision, scale), type);
        Assert.Equal(text, type.ToString());
        Assert.Equal(type, SqlType.Parse(type.ToString()));
    }

    [Theory]
    [InlineData("nvarchar", 60, 0, 0, "nvarchar(30)")]
    [InlineData("NCHAR", 20, 0, 0, "nchar(10)")]
    [InlineData("nvarchar", -1, 0, 0, "nvarchar(max)")]
    [InlineData("varchar", -1, 0, 0, "varchar(max)")]
    [InlineData("char", 10, 0, 0, "char(10)")]
    [InlineData("varbinary", 16, 0, 0, "varbinary(16)")]
    [InlineData("decimal", 17, 38, 20, "decimal(38,20)")]
    [InlineData("int", 4, 10, 0, "int")]
    [InlineData("smalldatetime", 4, 16, 0, "smalldatetime")]
    [InlineData("ntext", 16, 0, 0, "ntext")]
    public void From_catalog_halves_n_type_byte_lengths_and_keeps_max(string typeName, int maxLength, int precision, int scale, string expected)
    {
        Assert.Equal(expected, SqlType.FromCatalog(typeName, maxLength, precision, scale).ToString());
    }

    [Fact]
    public void From_catalog_keeps_an_unknown_length_unknown()
    {
        Assert.Null(SqlType.FromCatalog("nvarchar", null, null, null).Length);
    }

    [Theory]
    [InlineData("char(10)", SqlTypeFamily.Text)]
    [InlineData("sysname", SqlTypeFamily.Text)]
    [InlineData("tinyint", SqlTypeFamily.Integer)]
    [InlineData("integer", SqlTypeFamily.Integer)]
    [InlineData("money", SqlTypeFamily.Number)]
    [InlineData("datetime2(7)", SqlTypeFamily.DateTime)]
    [InlineData("uniqueidentifier", SqlTypeFamily.Guid)]
    [InlineData("blob", SqlTypeFamily.Binary)]
    [InlineData("rowversion", SqlTypeFamily.RowVersion)]
    [InlineData("geography", SqlTypeFamily.Unknown)]
    public void Family_groups_types(string declared, SqlTypeFamily family)
    {
        Assert.Equal(family, SqlType.Parse(declared).Family);
    }

    [Theory]
    [InlineData("text", true)]
    [InlineData("ntext", true)]
    [InlineData("image", true)]
    [InlineData("xml", true)]
    [InlineData("varchar(max)", true)]
    [InlineData("nvarchar(4000)", false)]
    [InlineData("char(10)", false)]
    [InlineData("int", false)]
    public void Large_values_are_the_lob_and_max_types(string declared, bool expected)
    {
        Assert.Equal(expected, SqlType.Parse(declared).IsLargeValue);
    }

    [Fact]
    public void Character_length_is_for_text_types_only()
    {
        Assert.Equal(30, SqlType.Parse("nvarchar(30)").CharacterLength);
        Assert.Null(SqlType.Parse("varbinary(30)").CharacterLength);
    }
}
