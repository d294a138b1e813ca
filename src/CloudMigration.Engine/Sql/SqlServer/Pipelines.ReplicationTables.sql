-- Replication pipeline: the tables to copy, from the control table.
SELECT TableId, Company, SourceDatabase, SourceTable, SourceQuery, DestinationTable, WriteBehavior, KeyColumns, PreCopyScript
FROM cm.ReplicationTable
WHERE Enabled = 1
ORDER BY TableId;
