using System.Diagnostics;
using System.Globalization;
using CloudMigration.Engine.Connections;

namespace CloudMigration.Benchmarks;

/// <summary>
/// The raw limit of a SQLite destination: a query read with a DbDataReader, each row inserted through one prepared INSERT
/// (a parameter per column, bound by position) in one transaction; connections opened as the runner opens them (SqliteProvider).
/// </summary>
internal static class RawInsertLoop
{
    /// <summary>Runs <paramref name="query"/> on the source and inserts its rows with <paramref name="insert"/> (parameters @p0.. in the query's column order); returns the seconds.</summary>
    public static async Task<double> RunAsync(CmEndpoint source, string query, CmEndpoint destination, string insert, int columns)
    {
        await using var read = await SqliteProvider.Instance.OpenAsync(source, write: false, CancellationToken.None);
        await using var write = await SqliteProvider.Instance.OpenAsync(destination, write: true, CancellationToken.None);
        var watch = Stopwatch.StartNew();
        using var transaction = write.BeginTransaction();
        using var command = write.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = insert;
        var parameters = Enumerable.Range(0, columns).Select(i =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@p" + i.ToString(CultureInfo.InvariantCulture);
            command.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        command.Prepare();
        using var select = read.CreateCommand();
        select.CommandText = query;
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = reader.GetValue(i);
            }

            command.ExecuteNonQuery();
        }

        transaction.Commit();
        return watch.Elapsed.TotalSeconds;
    }
}
