using System.Security.Cryptography;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Sample;
using Microsoft.Data.Sqlite;

namespace CloudMigration.Engine.Tests.Discovery;

/// <summary>
/// A private copy of the shared sample, for tests that break something (delete a database, drop a table,
/// add a company). The shared fixture's files are never touched.
/// </summary>
internal sealed class PrivateSample : IDisposable
{
    private PrivateSample(string folder)
    {
        Folder = folder;
    }

    public string Folder { get; }

    public CmEndpoint Source => Endpoint(SampleEnvironmentBuilder.SystemDatabase);

    public CmEndpoint Destination => Endpoint(SampleEnvironmentBuilder.DestinationDatabase);

    public static PrivateSample CopyOf(string sampleFolder)
    {
        var folder = NewTempFolder();
        foreach (var name in SampleEnvironmentBuilder.DatabaseNames)
        {
            var file = name + SampleEnvironmentBuilder.FileExtension;
            File.Copy(Path.Combine(sampleFolder, file), Path.Combine(folder, file));
        }

        return new PrivateSample(folder);
    }

    public static PrivateSample Empty() => new(NewTempFolder());

    public string PathOf(string database) => Path.Combine(Folder, database + SampleEnvironmentBuilder.FileExtension);

    public CmEndpoint Endpoint(string database) => CmEndpoint.Parse(EndpointParser.SqlitePrefix + PathOf(database));

    /// <summary>Runs SQL against a database of the copy with a connection of the test's own (read-write).</summary>
    public void Execute(string database, string sql)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = PathOf(database), Mode = SqliteOpenMode.ReadWrite, Pooling = false };
        using var connection = new SqliteConnection(builder.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    private static string NewTempFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "cm-discovery-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }
}

/// <summary>The names and SHA-256 of every file in a folder: discovery must leave databases byte-identical.</summary>
internal sealed record FolderSnapshot(IReadOnlyDictionary<string, string> Files)
{
    public static FolderSnapshot Take(string folder) =>
        new(Directory.GetFiles(folder).Order(StringComparer.Ordinal).ToDictionary(
            f => Path.GetFileName(f),
            f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))),
            StringComparer.Ordinal));

    /// <summary>Fails when a file appeared, vanished or changed (a journal or WAL file counts as appeared).</summary>
    public void AssertUnchanged(string folder)
    {
        var now = Take(folder);
        Assert.Equal(Files.Keys.Order(StringComparer.Ordinal), now.Files.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, hash) in Files)
        {
            Assert.True(hash == now.Files[name], $"The file '{name}' changed although discovery only reads.");
        }
    }
}

internal static class CmAssert
{
    /// <summary>The error shape every engine error must have: stable id, category, message and a recommended action.</summary>
    public static CmException Error(CmException ex, string errorId, CmErrorCategory category)
    {
        Assert.True(errorId == ex.ErrorId, $"Expected error id {errorId} but got {ex.ErrorId}: {ex.Message}");
        Assert.Equal(category, ex.Category);
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
        Assert.False(string.IsNullOrWhiteSpace(ex.RecommendedAction));
        return ex;
    }

    /// <summary>Every text a user or a log could see of the exception, inner exceptions included.</summary>
    public static string AllText(CmException ex)
    {
        var parts = new List<string> { ex.ToString(), ex.Message, ex.RecommendedAction, Convert.ToString(ex.TargetObject, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty };
        for (var inner = ex.InnerException; inner is not null; inner = inner.InnerException)
        {
            parts.Add(inner.ToString());
            parts.Add(inner.Message);
        }

        foreach (System.Collections.DictionaryEntry entry in ex.Data)
        {
            parts.Add(Convert.ToString(entry.Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
        }

        return string.Join("\n", parts);
    }

    /// <summary>No provider exception type may escape, not even as an inner exception.</summary>
    public static void NoRawProviderException(CmException ex)
    {
        for (Exception? inner = ex.InnerException; inner is not null; inner = inner.InnerException)
        {
            Assert.IsNotType<SqliteException>(inner);
            Assert.IsNotType<Microsoft.Data.SqlClient.SqlException>(inner);
        }
    }
}
