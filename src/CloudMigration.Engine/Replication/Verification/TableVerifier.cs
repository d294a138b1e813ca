using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;
using CloudMigration.Engine.Connections;
using CloudMigration.Engine.Errors;
using CloudMigration.Engine.Planning;
using CloudMigration.Engine.Sql;

namespace CloudMigration.Engine.Replication.Verification;

/// <summary>
/// Verifies one plan entry: the source table (its company's rows) against the destination table, by a keyed merge of two
/// streams ordered by key (<see cref="VerificationQueries"/>), so neither table is held in memory. Each row's mapped
/// columns are converted as the copy converts them (<see cref="ColumnConversion"/>) and checksummed; equal keys with
/// different checksums are Different, keys on one side only are Missing or Extra. Should a side not come in the order the
/// merge expects (a collation the queries did not foresee), the verification fails rather than report false differences.
/// The two sides are read in parallel, on two connections.
/// </summary>
public sealed class TableVerifier(VerificationOptions? options = null)
{
    private readonly VerificationOptions options = options ?? new VerificationOptions();

    /// <param name="source">The SL source: its system database or any database on the server; the entry names the application database.</param>
    /// <param name="destination">The Business Central database.</param>
    /// <param name="entry">The plan entry to verify.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public async Task<TableVerification> VerifyAsync(CmEndpoint source, CmEndpoint destination, TablePlanEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(entry);
        var sourceDatabase = source.WithDatabase(entry.SourceDatabase);
        var sourceProvider = SqlProviders.For(sourceDatabase);
        var destinationProvider = SqlProviders.For(destination);
        await using var sourceConnection = await sourceProvider.OpenAsync(sourceDatabase, write: false, cancellationToken).ConfigureAwait(false);
        await using var destinationConnection = await destinationProvider.OpenAsync(destination, write: false, cancellationToken).ConfigureAwait(false);
        return await VerifyAsync(sourceConnection, sourceProvider.Dialect, destinationConnection, destinationProvider.Dialect, entry,
            ex => sourceProvider.Translate(ex, sourceDatabase), ex => destinationProvider.Translate(ex, destination), cancellationToken).ConfigureAwait(false);
    }

    public Task<TableVerification> VerifyAsync(DbConnection source, ISqlDialect sourceDialect, DbConnection destination, ISqlDialect destinationDialect,
        TablePlanEntry entry, CancellationToken cancellationToken) =>
        VerifyAsync(source, sourceDialect, destination, destinationDialect, entry, null, null, cancellationToken);

    private async Task<TableVerification> VerifyAsync(DbConnection source, ISqlDialect sourceDialect, DbConnection destination, ISqlDialect destinationDialect,
        TablePlanEntry entry, Func<Exception, CmException>? sourceErrors, Func<Exception, CmException>? destinationErrors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(entry);
        if (ReferenceEquals(source, destination))
        {
            throw new ArgumentException("The two sides are read at the same time: give each its own connection.", nameof(destination));
        }

        var watch = Stopwatch.StartNew();
        var table = ReplicatedTable.From(entry);
        var conversions = entry.Columns.Select(ColumnConversion.For).ToArray();
        var keyOrdinals = table.KeyOrdinals().ToArray();
        if (keyOrdinals.Any(o => o < 0))
        {
            throw new CmException(ErrorIds.ReplicationKeyNotMapped, CmErrorCategory.InvalidData,
                $"A key column of {entry.SourceTable} is not among its copied columns; rows cannot be matched.", "Copy the key columns.", entry.ToString());
        }

        await using var sourceSide = await Side.OpenAsync("source", source, VerificationQueries.Source(entry, sourceDialect), conversions, keyOrdinals, entry, sourceErrors, cancellationToken).ConfigureAwait(false);
        await using var destinationSide = await Side.OpenAsync("destination", destination, VerificationQueries.Destination(entry, destinationDialect), conversions, keyOrdinals, entry, destinationErrors, cancellationToken).ConfigureAwait(false);
        var keyNames = entry.KeyColumns.ToArray();
        long missing = 0, extra = 0, different = 0;
        var samples = new List<KeyDifference>();
        void Sample(DifferenceKind kind, object?[] key)
        {
            if (samples.Count < options.SampleKeys)
            {
                samples.Add(new KeyDifference(kind, CanonicalValues.Describe(keyNames, key)));
            }
        }

        var hasSource = await sourceSide.NextAsync(cancellationToken).ConfigureAwait(false);
        var hasDestination = await destinationSide.NextAsync(cancellationToken).ConfigureAwait(false);
        while (hasSource || hasDestination)
        {
            var order = !hasSource ? 1 : !hasDestination ? -1 : CanonicalValues.CompareKeys(sourceSide.Key, destinationSide.Key);
            if (order < 0)
            {
                missing++;
                Sample(DifferenceKind.MissingInDestination, sourceSide.Key);
                hasSource = await sourceSide.NextAsync(cancellationToken).ConfigureAwait(false);
            }
            else if (order > 0)
            {
                extra++;
                Sample(DifferenceKind.ExtraInDestination, destinationSide.Key);
                hasDestination = await destinationSide.NextAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                if (sourceSide.Checksum != destinationSide.Checksum)
                {
                    different++;
                    Sample(DifferenceKind.Different, sourceSide.Key);
                }

                hasSource = await sourceSide.NextAsync(cancellationToken).ConfigureAwait(false);
                hasDestination = await destinationSide.NextAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return new TableVerification
        {
            Company = entry.Company,
            SourceTable = entry.SourceTable,
            DestinationTable = entry.DestinationTable,
            SourceRows = sourceSide.Rows,
            DestinationRows = destinationSide.Rows,
            MissingInDestination = missing,
            ExtraInDestination = extra,
            Different = different,
            SampleKeys = samples,
            Duration = watch.Elapsed,
        };
    }

    /// <summary>
    /// One side's ordered stream: a producer task reads the rows, converts them, checks their order and checksums them
    /// into chunks; the merge takes them from a small bounded channel. The two sides read in parallel (each on its own
    /// connection) and at most a few chunks of keys are held in memory.
    /// </summary>
    private sealed class Side : IAsyncDisposable
    {
        private const int ChunkRows = 512;
        private readonly string name;
        private readonly DbCommand command;
        private readonly DbDataReader reader;
        private readonly ColumnConversion[] conversions;
        private readonly int[] keyOrdinals;
        private readonly TablePlanEntry entry;
        private readonly Func<Exception, CmException>? errors;
        private readonly Channel<Chunk> channel = Channel.CreateBounded<Chunk>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
        private readonly CancellationTokenSource stop = new();
        private Task? producer;
        private Chunk? current;
        private int index;

        private Side(string name, DbCommand command, DbDataReader reader, ColumnConversion[] conversions, int[] keyOrdinals, TablePlanEntry entry, Func<Exception, CmException>? errors)
        {
            this.name = name;
            this.command = command;
            this.reader = reader;
            this.conversions = conversions;
            this.keyOrdinals = keyOrdinals;
            this.entry = entry;
            this.errors = errors;
        }

        public object?[] Key { get; private set; } = [];

        public (ulong, ulong) Checksum { get; private set; }

        public long Rows { get; private set; }

        public static async Task<Side> OpenAsync(string name, DbConnection connection, string sql, ColumnConversion[] conversions, int[] keyOrdinals, TablePlanEntry entry,
            Func<Exception, CmException>? errors, CancellationToken cancellationToken)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            command.CommandTimeout = 0;
            try
            {
                var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false);
                var side = new Side(name, command, reader, conversions, keyOrdinals, entry, errors);
                var token = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, side.stop.Token).Token;
                side.producer = Task.Run(() => side.ProduceAsync(token), CancellationToken.None);
                return side;
            }
            catch (Exception ex) when (errors is not null && ex is DbException)
            {
                await command.DisposeAsync().ConfigureAwait(false);
                throw errors(ex);
            }
            catch
            {
                await command.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        public async Task<bool> NextAsync(CancellationToken cancellationToken)
        {
            while (current is null || index >= current.Count)
            {
                if (!await channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    await producer!.ConfigureAwait(false); // the producer's failure, if it failed
                    return false;
                }

                channel.Reader.TryRead(out current);
                index = 0;
            }

            Key = current.Keys[index];
            Checksum = current.Checksums[index];
            index++;
            Rows++;
            return true;
        }

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await (producer ?? Task.CompletedTask).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or CmException or DbException)
            {
                // ended early: the merge failed or was cancelled, and reports that
            }

            stop.Dispose();
            await reader.DisposeAsync().ConfigureAwait(false);
            await command.DisposeAsync().ConfigureAwait(false);
        }

        private async Task ProduceAsync(CancellationToken cancellationToken)
        {
            try
            {
                var values = new object?[conversions.Length];
                var checksum = new RowChecksum();
                object?[]? previous = null;
                var chunk = new Chunk(ChunkRows);
                while (await ReadAsync(values, cancellationToken).ConfigureAwait(false))
                {
                    var key = new object?[keyOrdinals.Length];
                    for (var i = 0; i < key.Length; i++)
                    {
                        key[i] = values[keyOrdinals[i]];
                    }

                    if (previous is not null && CanonicalValues.CompareKeys(previous, key) > 0)
                    {
                        var names = entry.KeyColumns.ToArray();
                        throw new CmException(ErrorIds.VerificationOrderMismatch, CmErrorCategory.InvalidData,
                            $"{entry}: the {name} returned the key ({CanonicalValues.Describe(names, key)}) after ({CanonicalValues.Describe(names, previous)}); " +
                            "the keys do not sort as the verification compares them, so the tables cannot be merged.",
                            "Report the key columns' types and collation; compare this table another way.", entry.ToString());
                    }

                    previous = key;
                    chunk.Add(key, checksum.Of(values));
                    if (chunk.Count == ChunkRows)
                    {
                        await channel.Writer.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
                        chunk = new Chunk(ChunkRows);
                    }
                }

                if (chunk.Count > 0)
                {
                    await channel.Writer.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                channel.Writer.TryComplete();
            }
        }

        private async Task<bool> ReadAsync(object?[] values, CancellationToken cancellationToken)
        {
            try
            {
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    return false;
                }

                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = conversions[i].Canonical(reader.GetValue(i));
                }

                return true;
            }
            catch (DbException ex) when (errors is not null)
            {
                throw errors(ex);
            }
        }
    }

    private sealed class Chunk(int capacity)
    {
        public object?[][] Keys { get; } = new object?[capacity][];

        public (ulong, ulong)[] Checksums { get; } = new (ulong, ulong)[capacity];

        public int Count { get; private set; }

        public void Add(object?[] key, (ulong, ulong) checksum)
        {
            Keys[Count] = key;
            Checksums[Count] = checksum;
            Count++;
        }
    }
}
