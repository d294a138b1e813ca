using System.Diagnostics;
using CloudMigration.Engine.Connections;
using Microsoft.Data.Sqlite;

namespace CloudMigration.Benchmarks;

/// <summary>What the replication benchmarks share: SQLite files opened without pooling, endpoints, and the process's CPU time.</summary>
internal static class BenchSqlite
{
    public static CmEndpoint Endpoint(string path) => CmEndpoint.Parse(EndpointParser.SqlitePrefix + path);

    public static SqliteConnection Create(string path) => Connect(path, SqliteOpenMode.ReadWriteCreate);

    public static SqliteConnection Open(string path) => Connect(path, SqliteOpenMode.ReadWrite);

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 0;
        command.ExecuteNonQuery();
    }

    public static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>The runs measured are in this process, one after the other: its CPU time is theirs (and the runtime's, for both alike).</summary>
    public static double CpuSeconds()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    private static SqliteConnection Connect(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ConnectionString);
        connection.Open();
        return connection;
    }
}
