using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Sql;

namespace CloudMigration.Engine.Replication;

/// <summary>
/// SQLite keeps any text in any column; SQL Server, and so Business Central online, refuses a value longer than its
/// column's declared length (error 2628, "String or binary data would be truncated"), ignoring trailing spaces. Before a
/// staged table is applied to a SQLite destination, its text values are checked against the lengths the destination table
/// declares (char, varchar, nchar, nvarchar with a length), in one scan of the stage, so a local run fails the same
/// table, with a message naming the column, the length and the row's key, as the real destination would.
/// </summary>
internal static partial class DeclaredLengthCheck
{
    /// <summary>Throws <see cref="ErrorIds.ReplicationValueTooLong"/> for the first staged value longer than its destination column allows (one scan of the stage).</summary>
    public static async Task CheckAsync(DbConnection connection, DbTransaction? transaction, string destinationTable, string stageTable, IReadOnlyList<string> stagedColumns,
        IReadOnlyList<string> keyColumns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(stagedColumns);
        ArgumentNullException.ThrowIfNull(keyColumns);
        var q = SqliteDialect.Instance.QuoteIdentifier;
        var staged = new HashSet<string>(stagedColumns, StringComparer.OrdinalIgnoreCase);
        var checkedColumns = (await DeclaredAsync(connection, transaction, destinationTable, cancellationToken).ConfigureAwait(false)).Where(c => staged.Contains(c.Column)).ToList();
        if (checkedColumns.Count == 0)
        {
            return;
        }

        var keys = keyColumns.Where(staged.Contains).ToList();
        static string Length(Func<string, string> q, string column) => "length(rtrim(" + q(column) + ", ' '))";
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT " + string.Join(", ", checkedColumns.Select(c => Length(q, c.Column)).Concat(keys.Select(q))) + " FROM " + q(stageTable) +
                              " WHERE " + string.Join(" OR ", checkedColumns.Select(c => Length(q, c.Column) + " > " + c.Length.ToString(CultureInfo.InvariantCulture))) + " LIMIT 1;";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var index = Enumerable.Range(0, checkedColumns.Count).First(i => !reader.IsDBNull(i) && reader.GetInt64(i) > checkedColumns[i].Length);
        var (column, type, _) = checkedColumns[index];
        var key = string.Join(", ", keys.Select((k, i) => k + " = " + Convert.ToString(reader.GetValue(checkedColumns.Count + i), CultureInfo.InvariantCulture)?.TrimEnd()));
        throw new CmException(ErrorIds.ReplicationValueTooLong, CmErrorCategory.InvalidData,
            $"String or binary data would be truncated in table '{destinationTable}', column '{column}': a value of {reader.GetInt64(index)} characters does not fit {type}" +
            (key.Length > 0 ? $" (row {key})." : "."),
            "Shorten the value in the source, or map the column to a wider destination field; then run the replication again.", destinationTable);
    }

    private static async Task<List<(string Column, string Type, int Length)>> DeclaredAsync(DbConnection connection, DbTransaction? transaction, string table,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT name, type FROM pragma_table_info(@table);";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@table";
        parameter.Value = table;
        command.Parameters.Add(parameter);
        var columns = new List<(string, string, int)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var type = reader.IsDBNull(1) ? string.Empty : reader.GetString(1);
            var match = LengthType().Match(type);
            if (match.Success && int.TryParse(match.Groups["length"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
            {
                columns.Add((reader.GetString(0), type, length));
            }
        }

        return columns;
    }

    [GeneratedRegex(@"^\s*n?(var)?char\s*\(\s*(?<length>\d+)\s*\)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LengthType();
}
