using CloudMigration.Engine.Compatibility;
using CloudMigration.Engine.Discovery;
using CloudMigration.Engine.Sql;

namespace CloudMigration.Engine.Tests.Compatibility;

public sealed class ColumnAlignmentTests
{
    private static readonly TableSchema Source = new("Batch",
        [new("Module", "char(2)"), new("BatNbr", "char(10)"), new("Descr", "char(30)"), new("CrTot", "float"), new("LineCntr", "smallint"), new("tstamp", "timestamp")],
        ["Module", "BatNbr"]);

    private static readonly TableSchema Destination = new("CRONUS$SL Batch",
        [new("timestamp", "rowversion"), new("Module", "nvarchar(2)"), new("BatNbr", "nvarchar(10)"), new("Descr", "nvarchar(30)"), new("CrTot", "decimal(38,20)"), new("LineCntr", "int"), new("$systemId", "uniqueidentifier")],
        ["Module", "BatNbr"]);

    [Fact]
    public void An_aligned_table_has_no_mismatch()
    {
        Assert.Empty(ColumnAlignment.Compare(Source, Destination));
    }

    [Fact]
    public void Columns_and_keys_match_without_regard_to_case()
    {
        var destination = Destination with
        {
            Columns = Destination.Columns.Select(c => c with { Name = c.Name.ToUpperInvariant() }).ToArray(),
            PrimaryKey = ["MODULE", "batnbr"],
        };
        Assert.Empty(ColumnAlignment.Compare(Source, destination));
    }

    [Fact]
    public void A_shorter_destination_is_L_with_both_types()
    {
        var mismatch = Assert.Single(ColumnAlignment.Compare(Source, Change(Destination, "Descr", "nvarchar(20)")));
        Assert.Equal("[Descr]L", mismatch.ToString());
        Assert.Equal(("Descr", "char(30)", "nvarchar(20)"), (mismatch.Column, mismatch.SourceType, mismatch.DestinationType));
    }

    [Fact]
    public void A_key_column_of_another_type_is_PK_and_T_in_microsofts_format()
    {
        var destination = Change(Destination, "BatNbr", "int") with { PrimaryKey = ["Module"] };
        var mismatch = Assert.Single(ColumnAlignment.Compare(Source, destination));
        Assert.Equal("[BatNbr]PK,T", mismatch.ToString());
        Assert.Equal(["PK", "T"], mismatch.Flags);
    }

    [Fact]
    public void A_missing_destination_column_is_T_with_no_destination_type()
    {
        var destination = Destination with { Columns = Destination.Columns.Where(c => c.Name != "Descr").ToArray() };
        var mismatch = Assert.Single(ColumnAlignment.Compare(Source, destination));
        Assert.Equal("[Descr]T", mismatch.ToString());
        Assert.Null(mismatch.DestinationType);
    }

    [Fact]
    public void A_destination_key_column_the_source_lacks_is_PK_with_no_source_type()
    {
        var destination = Destination with { PrimaryKey = ["Module", "BatNbr", "$systemId"] };
        var mismatch = Assert.Single(ColumnAlignment.Compare(Source, destination));
        Assert.Equal("[$systemId]PK", mismatch.ToString());
        Assert.Null(mismatch.SourceType);
        Assert.Equal("uniqueidentifier", mismatch.DestinationType);
    }

    [Fact]
    public void Tstamp_and_any_rowversion_column_are_ignored()
    {
        var source = Source with { Columns = [.. Source.Columns, new ColumnSchema("RowVer", "rowversion")] };
        var renamed = Source with { Columns = Source.Columns.Select(c => c.Name == "tstamp" ? c with { SqlType = "binary(8)" } : c).ToArray() };
        Assert.Empty(ColumnAlignment.Compare(source, Destination));
        Assert.Empty(ColumnAlignment.Compare(renamed, Destination));
        Assert.Equal("tstamp", ColumnAlignment.IgnoredColumn);
    }

    [Fact]
    public void Mismatches_follow_the_source_column_order()
    {
        var destination = Change(Change(Destination, "Descr", "nvarchar(5)"), "Module", "int");
        Assert.Equal(["[Module]T", "[Descr]L"], ColumnAlignment.Compare(Source, destination).Select(m => m.ToString()));
    }

    [Theory]
    [InlineData("int", "bigint", true)]
    [InlineData("smallint", "tinyint", true)]
    [InlineData("int", "decimal(38,20)", true)]
    [InlineData("float", "decimal(38,20)", true)]
    [InlineData("decimal(38,20)", "int", false)]
    [InlineData("smalldatetime", "datetime", true)]
    [InlineData("datetime", "nvarchar(30)", false)]
    [InlineData("char(10)", "nvarchar(10)", true)]
    [InlineData("char(10)", "int", false)]
    [InlineData("uniqueidentifier", "nvarchar(36)", true)]
    [InlineData("uniqueidentifier", "nvarchar(max)", true)]
    [InlineData("uniqueidentifier", "nvarchar(35)", false)]
    [InlineData("uniqueidentifier", "uniqueidentifier", true)]
    [InlineData("varbinary(16)", "image", true)]
    [InlineData("geography", "geography", true)]
    [InlineData("geography", "geometry", false)]
    [InlineData("geography", "nvarchar(max)", false)]
    public void Types_are_compatible_within_a_family_or_towards_a_wider_one(string source, string destination, bool expected)
    {
        Assert.Equal(expected, ColumnAlignment.TypesCompatible(SqlType.Parse(source), SqlType.Parse(destination)));
    }

    [Theory]
    [InlineData("char(10)", "nvarchar(10)", true)]
    [InlineData("char(10)", "nvarchar(9)", false)]
    [InlineData("char(10)", "nvarchar(max)", true)]
    [InlineData("nvarchar(max)", "nvarchar(4000)", false)]
    [InlineData("nvarchar(max)", "nvarchar(max)", true)]
    [InlineData("text", "nvarchar(250)", false)]
    [InlineData("text", "nvarchar(max)", true)]
    [InlineData("char(10)", "text", true)]
    [InlineData("varbinary(16)", "varbinary(8)", false)]
    [InlineData("binary(8)", "varbinary(8)", true)]
    [InlineData("int", "tinyint", true)]
    [InlineData("decimal(38,20)", "decimal(10,2)", true)]
    public void Length_fits_when_the_destination_holds_every_character(string source, string destination, bool expected)
    {
        Assert.Equal(expected, ColumnAlignment.LengthFits(SqlType.Parse(source), SqlType.Parse(destination)));
    }

    [Fact]
    public void Null_arguments_are_refused()
    {
        var type = SqlType.Parse("int");
        Assert.Throws<ArgumentNullException>(() => ColumnAlignment.Compare(null!, Destination));
        Assert.Throws<ArgumentNullException>(() => ColumnAlignment.Compare(Source, null!));
        Assert.Throws<ArgumentNullException>(() => ColumnAlignment.TypesCompatible(null!, type));
        Assert.Throws<ArgumentNullException>(() => ColumnAlignment.LengthFits(type, null!));
    }

    private static TableSchema Change(TableSchema schema, string column, string sqlType) =>
        schema with { Columns = schema.Columns.Select(c => c.Name == column ? c with { SqlType = sqlType } : c).ToArray() };
}
