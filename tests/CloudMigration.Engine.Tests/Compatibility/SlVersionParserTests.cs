using CloudMigration.Engine.Facts;

namespace CloudMigration.Engine.Tests.Compatibility;

public sealed class SlVersionParserTests
{
    [Fact]
    public void A_major_version_column_wins()
    {
        Assert.Equal(10, SlVersionParser.MajorVersion(Row(("MajorVersion", 10), ("Text", "9.00.2056"))));
    }

    [Fact]
    public void The_column_name_is_matched_without_case_and_its_value_may_be_text()
    {
        Assert.Equal(9, SlVersionParser.MajorVersion(Row(("major", "9"))));
        Assert.Equal(9, SlVersionParser.MajorVersion(Row(("VERSIONMAJOR", (short)9))));
    }

    [Fact]
    public void A_null_major_version_falls_back_to_a_version_number_in_text()
    {
        Assert.Equal(9, SlVersionParser.MajorVersion(Row(("MajorVersion", DBNull.Value), ("Version", "9.00.2056"))));
        Assert.Equal(9, SlVersionParser.MajorVersion(Row(("MajorVersion", null), ("Version", "9.00.2056"))));
    }

    [Theory]
    [InlineData("9.00.2056", 9)]
    [InlineData("Version 10.0.1234.0", 10)]
    [InlineData("8.0", 8)]
    public void A_version_number_in_any_text_column_gives_the_major(string text, int major)
    {
        Assert.Equal(major, SlVersionParser.MajorVersion(Row(("Name", "getVersion"), ("Text", text))));
    }

    [Theory]
    [InlineData("Microsoft Dynamics SL 2011", 8)]
    [InlineData("Microsoft Dynamics SL 2015", 9)]
    [InlineData("Microsoft Dynamics SL 2018 CU1", 10)]
    public void A_product_year_gives_the_major(string text, int major)
    {
        Assert.Equal(major, SlVersionParser.MajorVersion(Row(("Product", text))));
    }

    [Fact]
    public void A_version_number_is_preferred_to_a_year()
    {
        Assert.Equal(10, SlVersionParser.MajorVersion(Row(("Product", "Microsoft Dynamics SL 2015"), ("Build", "10.0.1"))));
    }

    [Fact]
    public void Nothing_recognisable_is_null()
    {
        Assert.Null(SlVersionParser.MajorVersion(Row()));
        Assert.Null(SlVersionParser.MajorVersion(Row(("Build", 1234), ("Text", "unknown"))));
        Assert.Null(SlVersionParser.MajorVersion(Row(("Text", "2.0"))));
        Assert.Null(SlVersionParser.MajorVersion(Row(("MajorVersion", "ten"))));
    }

    [Fact]
    public void Describe_lists_non_null_values_trimmed()
    {
        Assert.Equal("Product=SL, MajorVersion=9", SlVersionParser.Describe(Row(("Product", "SL   "), ("Empty", null), ("Gone", DBNull.Value), ("MajorVersion", 9))));
    }

    [Fact]
    public void A_null_row_is_refused()
    {
        Assert.Throws<ArgumentNullException>(() => SlVersionParser.MajorVersion(null!));
    }

    private static Dictionary<string, object?> Row(params (string Name, object? Value)[] columns) =>
        columns.ToDictionary(c => c.Name, c => c.Value, StringComparer.OrdinalIgnoreCase);
}
