namespace CloudMigration.Engine.Pipelines.Execution.Sinks;

/// <summary>A column of the sink table: its name, declared type, position in the primary key (0: none), and whether values may be written to it.</summary>
internal sealed record SinkColumn(string Name, string Type, int KeyOrdinal, bool Writable);
