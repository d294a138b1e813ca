using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Factories;
using Microsoft.Data.Sqlite;

namespace CloudMigration.Engine.Tests.Factories;

public sealed class FactoryStoreTests
{
    [Fact]
    public void Open_creates_the_file_its_schema_in_WAL_mode_and_a_user_only_key_file()
    {
        using var temp = new TempStore();

        Assert.True(File.Exists(temp.StorePath));
        Assert.Equal(temp.StorePath + ".key", temp.Store.KeyFilePath);
        Assert.Equal(32, new FileInfo(temp.Store.KeyFilePath).Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(temp.Store.KeyFilePath));
        }

        using var connection = new SqliteConnection($"Data Source={temp.StorePath};Pooling=False");
        connection.Open();
        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode;"));
        Assert.Equal(3L, Scalar(connection, "PRAGMA user_version;"));
        var tables = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name;";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Equal(["activity_runs", "azure_factories", "factories", "integration_runtimes", "ir_keys", "ir_nodes", "meta", "pipeline_runs", "resources", "run_hosts"], tables);
    }

    [Fact]
    public async Task A_second_open_reads_what_the_first_wrote_with_the_same_key()
    {
        using var temp = new TempStore();
        var factory = await temp.NewFactoryAsync();
        await factory.CreateIntegrationRuntimeAsync("cm-ir-01", null, default);
        using var keys = await factory.GetIntegrationRuntimeKeysAsync("cm-ir-01", default);
        var keyBytes = File.ReadAllBytes(temp.Store.KeyFilePath);

        var again = temp.OpenAgain();
        using var keysAgain = await new LocalDataFactory(again, "cm-local-01").GetIntegrationRuntimeKeysAsync("cm-ir-01", default);

        Assert.Equal(Secure.Plain(keys.AuthKey1), Secure.Plain(keysAgain.AuthKey1));
        Assert.Equal(keyBytes, File.ReadAllBytes(temp.Store.KeyFilePath));
    }

    [Fact]
    public void ResolvePath_prefers_the_parameter_then_the_environment_variable_then_the_profile()
    {
        var previous = Environment.GetEnvironmentVariable(FactoryStore.EnvironmentVariable);
        try
        {
            var fromEnvironment = Path.Combine(Path.GetTempPath(), "from-env", "f.db");
            Environment.SetEnvironmentVariable(FactoryStore.EnvironmentVariable, fromEnvironment);
            var explicitPath = Path.Combine(Path.GetTempPath(), "explicit.db");
            Assert.Equal(explicitPath, FactoryStore.ResolvePath(explicitPath));
            Assert.Equal(fromEnvironment, FactoryStore.ResolvePath(null));

            Environment.SetEnvironmentVariable(FactoryStore.EnvironmentVariable, null);
            var profile = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
            Assert.Equal(Path.GetFullPath(Path.Combine(profile, "CloudMigration", "factories.db")), FactoryStore.ResolvePath(null));
        }
        finally
        {
            Environment.SetEnvironmentVariable(FactoryStore.EnvironmentVariable, previous);
        }
    }

    [Fact]
    public void A_missing_key_file_is_reported_and_not_silently_replaced()
    {
        using var temp = new TempStore();
        File.Delete(temp.Store.KeyFilePath);

        var ex = Expect.Error(ErrorIds.FactoryStoreUnavailable, () => temp.OpenAgain());

        Assert.Contains("missing", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.Store.KeyFilePath));
    }

    [Fact]
    public void A_key_file_of_another_store_is_refused()
    {
        using var temp = new TempStore();
        using var other = new TempStore();
        File.Copy(other.Store.KeyFilePath, temp.Store.KeyFilePath, overwrite: true);

        var ex = Expect.Error(ErrorIds.FactoryStoreUnavailable, () => temp.OpenAgain());

        Assert.Contains("does not belong", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_FactoryStoreUnavailable()
    {
        var folder = Path.Combine(Path.GetTempPath(), "cm-factory-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var path = Path.Combine(folder, "factories.db");
            File.WriteAllText(path, new string('x', 4096));

            var ex = Expect.Error(ErrorIds.FactoryStoreUnavailable, () => FactoryStore.Open(path));

            Assert.Equal(path, ex.TargetObject);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_store_of_a_newer_schema_version_is_refused()
    {
        using var temp = new TempStore();
        using (var connection = new SqliteConnection($"Data Source={temp.StorePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99;";
            command.ExecuteNonQuery();
        }

        var ex = Expect.Error(ErrorIds.FactoryStoreUnavailable, () => temp.OpenAgain());

        Assert.Contains("schema version 99", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_version_1_store_is_upgraded_in_place_and_keeps_its_factories()
    {
        using var temp = new TempStore();
        await temp.NewFactoryAsync("cm-v1");
        MakeVersion(temp, 1);

        var upgraded = temp.OpenAgain();

        Assert.Equal(["cm-v1"], (await new LocalFactoryRegistry(upgraded).ListAsync()).Select(f => f.Name));
        using var check = new SqliteConnection($"Data Source={temp.StorePath};Pooling=False;Mode=ReadOnly");
        check.Open();
        Assert.Equal(3L, Scalar(check, "PRAGMA user_version;"));
        Assert.Equal(1L, Scalar(check, "SELECT count(*) FROM sqlite_master WHERE name = 'azure_factories';"));
        Assert.Equal(1L, Scalar(check, "SELECT count(*) FROM sqlite_master WHERE name = 'run_hosts';"));
    }

    [Fact]
    public async Task A_version_2_store_is_upgraded_in_place_and_keeps_its_runs()
    {
        using var temp = new TempStore();
        var factory = await temp.NewFactoryAsync("cm-v2");
        await AdfJson.PutFinishAsync(factory);
        var runId = await factory.CreateRunAsync("Finish", [], default);
        MakeVersion(temp, 2);

        var upgraded = temp.OpenAgain();

        var run = await new LocalDataFactory(upgraded, "cm-v2").GetRunAsync(runId, default);
        Assert.Equal(PipelineRunStatus.Queued, run.Status);
        using var check = new SqliteConnection($"Data Source={temp.StorePath};Pooling=False;Mode=ReadOnly");
        check.Open();
        Assert.Equal(3L, Scalar(check, "PRAGMA user_version;"));
        Assert.Equal(1L, Scalar(check, "SELECT count(*) FROM sqlite_master WHERE name = 'run_hosts';"));
        Assert.Equal(DBNull.Value, Scalar(check, "SELECT host FROM pipeline_runs;"));
    }

    // Turns a current store back into the schema an older version wrote (what each upgrade added, removed).
    private static void MakeVersion(TempStore temp, int version)
    {
        using var connection = new SqliteConnection($"Data Source={temp.StorePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DROP TABLE run_hosts; ALTER TABLE pipeline_runs DROP COLUMN host; "
            + (version < 2 ? "DROP TABLE azure_factories; " : string.Empty)
            + $"PRAGMA user_version = {version};";
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
