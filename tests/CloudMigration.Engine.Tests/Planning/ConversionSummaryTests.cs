using CloudMigration.Engine.Planning;
using CloudMigration.Engine.Products.DynamicsSL;
using CloudMigration.Engine.Tests.Compatibility;

namespace CloudMigration.Engine.Tests.TablePlanning;

public sealed class ConversionSummaryTests
{
    [Fact]
    public void Same_conversions_are_counted_together_in_order_of_appearance()
    {
        var summary = ConversionSummary.Of(
        [
            new("Acct", "Acct", "char(10)", "nvarchar(10)"),
            new("Amt", "Amt", "float", "decimal(38,20)"),
            new("Descr", "Descr", "char(30)", "nvarchar(30)"),
            new("NoteID", "NoteID", "int", "int"),
            new("Qty", "Qty", "float", "decimal(38,20)"),
            new("Flag", "Flag", "char(1)", "nvarchar(1)"),
        ]);

        Assert.Equal(["char->nvarchar x3", "float->decimal(38,20) x2"], summary);
        Assert.Equal("char->nvarchar x3, float->decimal(38,20) x2", summary.ToString());
    }

    [Fact]
    public void A_length_change_is_listed_per_column()
    {
        var summary = ConversionSummary.Of(
        [
            new("Acct", "Acct", "char(10)", "nvarchar(10)"),
            new("Descr", "Descr", "char(30)", "nvarchar(20)"),
            new("Memo", "Memo", "char(30)", "nvarchar(max)"),
            new("User1", "User1", "char(30)", "nvarchar(30)"),
        ]);

        Assert.Equal(["char->nvarchar x2", "Descr char(30)->nvarchar(20)", "Memo char(30)->nvarchar(max)"], summary);
    }

    [Fact]
    public void Columns_without_a_conversion_or_without_a_destination_type_give_nothing()
    {
        Assert.Empty(ConversionSummary.Of([]));
        Assert.Empty(ConversionSummary.Of([new("NoteID", "NoteID", "int", "INT"), new("Acct", "Acct", "char(10)", string.Empty)]));
        Assert.Throws<ArgumentNullException>(() => ConversionSummary.Of(null!));
    }

    [Fact]
    public void A_planned_entry_sums_up_the_conversions_of_its_catalog_fields()
    {
        var entry = PlanFacts.Plan(FactBuilder.SqlServer()).Entry("0010", "GLTran");
        var fields = FactBuilder.SlTable("GLTran").Fields;

        var expected = new[]
        {
            $"char->nvarchar x{fields.Count(f => f.Type == AlType.Text)}",
            $"smalldatetime->datetime x{fields.Count(f => f.Type is AlType.Date or AlType.DateTime)}",
            $"float->decimal(38,20) x{fields.Count(f => f.Type == AlType.Decimal)}",
        };
        Assert.Equal(expected, entry.Conversions);
        Assert.DoesNotContain(entry.Conversions, c => c.StartsWith("int", StringComparison.Ordinal));
        Assert.Equal(fields.Count(f => f.Type != AlType.Integer), entry.Columns.Count(c => c.IsConversion));
    }

    [Fact]
    public void A_column_mapping_reads_as_its_name_or_its_conversion()
    {
        Assert.Equal("Acct", new ColumnMapping("Acct", "Acct", "int", "int").ToString());
        Assert.Equal("Acct char(10)->nvarchar(10)", new ColumnMapping("Acct", "Acct", "char(10)", "nvarchar(10)").ToString());
        Assert.False(new ColumnMapping("a", "a", "NVARCHAR(10)", "nvarchar(10)").IsConversion);
    }
}
