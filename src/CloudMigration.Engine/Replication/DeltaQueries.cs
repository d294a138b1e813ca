namespace CloudMigration.Engine.Replication;

/// <summary>
/// The source queries a Copy activity runs for one table's delta: <see cref="Rows"/>, the current rows of the keys changed
/// since the version (the plan's columns, named as the destination names them; upsert them by the key columns), and
/// <see cref="DeletedKeys"/>, the changed keys whose rows are gone or left the company (key columns named as the
/// destination names them; delete them there). Each is one SELECT, usable as sqlReaderQuery.
/// </summary>
public sealed record DeltaQueries(string Rows, string DeletedKeys);
