using CloudMigration.Engine.Planning;

namespace CloudMigration.Engine.Tests.TablePlanning;

public sealed class NameListTests
{
    [Fact]
    public void A_name_list_reads_as_comma_separated_text_and_back()
    {
        var list = new NameList(["Module", "BatNbr", "LineNbr"]);

        Assert.Equal("Module, BatNbr, LineNbr", list.ToString());
        Assert.Equal(list, NameList.Parse(list.ToString()));
        Assert.Equal(3, list.Count);
        Assert.Equal("BatNbr", list[1]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Nothing_parses_as_the_empty_list(string? text)
    {
        Assert.Same(NameList.Empty, NameList.Parse(text));
        Assert.Equal(string.Empty, NameList.Empty.ToString());
    }

    [Fact]
    public void Parse_trims_names_and_drops_empty_ones()
    {
        Assert.Equal(["A", "B c", "D"], NameList.Parse(" A ,B c,, D ,"));
    }

    [Fact]
    public void Key_columns_of_every_catalog_table_survive_the_round_trip()
    {
        foreach (var table in Products.DynamicsSL.SlCatalog.Default.Tables)
        {
            var keys = new NameList(table.PrimaryKey);
            Assert.Equal(table.PrimaryKey, NameList.Parse(keys.ToString()));
        }
    }
}
