using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Replication;
using Microsoft.Data.Sqlite;

namespace CloudMigration.Engine.Tests.Replication;

/// <summary>The SQLite destination refuses, as SQL Server does, a staged value longer than its column's declared length (trailing spaces aside).</summary>
public sealed class DeclaredLengthCheckTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), "cm-length-" + Guid.NewGuid().ToString("N") + ".db");
    private readonly SqliteConnection connection;

    public DeclaredLengthCheckTests()
    {
        connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ConnectionString);
        connection.Open();
        Execute("""
            CREATE TABLE "GL Entry" ("Entry No_" int NOT NULL PRIMARY KEY, "Description" nvarchar(10) NULL, "Code" NCHAR (3) NULL, "Note" nvarchar NULL, "Amount" decimal(38,20) NULL);
            CREATE TABLE cm_Stage_1 ("Entry No_" int NULL, "Description" nvarchar(10) NULL, "Code" nchar(3) NULL, "Note" nvarchar NULL, "Amount" decimal(38,20) NULL, cm_Op TEXT NOT NULL);
            """);
    }

    private static readonly string[] Columns = ["Entry No_", "Description", "Code", "Note", "Amount"];

    [Fact]
    public async Task Values_that_fit_and_trailing_spaces_pass()
    {
        Execute($"INSERT INTO cm_Stage_1 VALUES (1, '0123456789', 'ABC', '{new string('x', 500)}', 1.5, 'U'), (2, 'short     padded', 'AB ', NULL, NULL, 'U'), (3, NULL, NULL, NULL, NULL, 'D');");
        Execute("UPDATE cm_Stage_1 SET Description = 'ten chars!' || '      ' WHERE \"Entry No_\" = 2;");

        await DeclaredLengthCheck.CheckAsync(connection, null, "GL Entry", "cm_Stage_1", Columns, ["Entry No_"], CancellationToken.None);
    }

    [Fact]
    public async Task A_value_longer_than_its_column_fails_with_the_column_the_length_and_the_row_key()
    {
        Execute("INSERT INTO cm_Stage_1 VALUES (1, 'fits', 'ABC', NULL, NULL, 'U'), (7, 'eleven char', 'ABC', NULL, NULL, 'U');");

        var error = await Assert.ThrowsAsync<CmException>(() =>
            DeclaredLengthCheck.CheckAsync(connection, null, "GL Entry", "cm_Stage_1", Columns, ["Entry No_"], CancellationToken.None));

        Assert.Equal(ErrorIds.ReplicationValueTooLong, error.ErrorId);
        Assert.Equal(CmErrorCategory.InvalidData, error.Category);
        Assert.Equal("String or binary data would be truncated in table 'GL Entry', column 'Description': a value of 11 characters does not fit nvarchar(10) (row Entry No_ = 7).",
            error.Message);
        Assert.Equal("GL Entry", error.TargetObject);
        Assert.False(string.IsNullOrEmpty(error.RecommendedAction));
    }

    [Fact]
    public async Task A_column_that_is_not_staged_is_not_checked()
    {
        Execute("INSERT INTO cm_Stage_1 VALUES (1, 'eleven char', 'ABCD', NULL, NULL, 'U');");

        await DeclaredLengthCheck.CheckAsync(connection, null, "GL Entry", "cm_Stage_1", ["Entry No_", "Note"], ["Entry No_"], CancellationToken.None);
        var error = await Assert.ThrowsAsync<CmException>(() =>
            DeclaredLengthCheck.CheckAsync(connection, null, "GL Entry", "cm_Stage_1", ["Entry No_", "Code"], ["Entry No_"], CancellationToken.None));
        Assert.Contains("column 'Code': a value of 4 characters does not fit NCHAR (3)", error.Message, StringComparison.Ordinal);
    }

    private void Execute(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        connection.Dispose();
        File.Delete(path);
    }
}
