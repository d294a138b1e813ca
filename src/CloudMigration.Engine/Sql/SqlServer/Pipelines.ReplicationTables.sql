-- Replication pipeline: the tables to copy, from the control table: the rows of the run the engine prepared (RunId), or
-- every row when the engine never prepared one (StageTable NULL: the pipeline run on its own copies straight into the tables).
SELECT TableId, Company, SourceDatabase, SourceTable, SourceQuery, DestinationTable, WriteBehavior, KeyColumns, PreCopyScript, StageTable
FROM cm.ReplicationTable
WHERE Enabled = 1 AND (RunId IS NOT NULL OR StageTable IS NULL)
ORDER BY TableId;
