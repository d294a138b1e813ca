-- Preparation pipeline, SQL Server only (on SQLite the engine's C# procedure of the same name does this): applies one
-- table's staged rows (cm.Stage_<TableId>, filled by the replication pipeline's Copy) to its destination table in ONE
-- transaction, moves the table's synced version with them and records the table's result. The control row carries what
-- the engine decided when the run started: RunId, CopyType (Full or Delta), FromVersion and ToVersion, the stage table,
-- the mapped columns (JSON [{"Source","Destination"}]) and the key columns (JSON array of names).
--   Full:  the destination table's rows are replaced by the staged rows; the synced version is set to ToVersion.
--   Delta: the staged 'D' keys are deleted, the 'U' rows updated by key (inserted when missing); the synced version moves
--          from FromVersion to ToVersion by compare-and-set (another apply in between fails this one: SyncStateConflict).
-- A row the engine did not prepare (no RunId: the pipeline run on its own) only records its result, as before.
-- One statement, so a Script block can send it as its own batch.
CREATE OR ALTER PROCEDURE cm.ApplyTable
    @TableId int,
    @RequestId nvarchar(100) = NULL,
    @RowsCopied bigint = NULL
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;
    DECLARE @runId nvarchar(36), @copyType nvarchar(10), @from bigint, @to bigint, @stage nvarchar(128), @destination nvarchar(250),
            @columns nvarchar(max), @keys nvarchar(max), @company nvarchar(30), @database nvarchar(128), @source nvarchar(128);
    SELECT @runId = RunId, @copyType = CopyType, @from = FromVersion, @to = ToVersion, @stage = StageTable, @destination = DestinationTable,
           @columns = Columns, @keys = KeyColumns, @company = Company, @database = SourceDatabase, @source = SourceTable
    FROM cm.ReplicationTable
    WHERE TableId = @TableId;
    IF @@ROWCOUNT = 0
        THROW 50004, N'The control table has no row with this TableId.', 1;

    IF @runId IS NULL OR @stage IS NULL
    BEGIN
        EXEC cm.RecordTableResult @TableId = @TableId, @RequestId = @RequestId, @Status = N'Successful', @RowsCopied = @RowsCopied;
        RETURN;
    END;

    DECLARE @target nvarchar(300) = QUOTENAME(@destination);
    DECLARE @staged nvarchar(300) = N'cm.' + QUOTENAME(@stage);
    DECLARE @list nvarchar(max), @sourceList nvarchar(max), @set nvarchar(max), @on nvarchar(max);
    SELECT @list = COALESCE(@list + N', ', N'') + QUOTENAME(c.Destination),
           @sourceList = COALESCE(@sourceList + N', ', N'') + N's.' + QUOTENAME(c.Destination)
    FROM OPENJSON(@columns) WITH (Destination nvarchar(128) N'$.Destination') AS c;
    SELECT @on = COALESCE(@on + N' AND ', N'') + N'd.' + QUOTENAME(k.value) + N' = s.' + QUOTENAME(k.value)
    FROM OPENJSON(@keys) AS k;
    SELECT @set = COALESCE(@set + N', ', N'') + QUOTENAME(c.Destination) + N' = s.' + QUOTENAME(c.Destination)
    FROM OPENJSON(@columns) WITH (Destination nvarchar(128) N'$.Destination') AS c
    WHERE NOT EXISTS (SELECT 1 FROM OPENJSON(@keys) AS k WHERE k.value = c.Destination);
    IF @list IS NULL OR (@copyType = N'Delta' AND @on IS NULL)
        THROW 50012, N'The control row carries no columns (or no key columns for a delta).', 1;

    DECLARE @sql nvarchar(max);
    DECLARE @applied bigint, @total bigint;
    BEGIN TRANSACTION;
    IF @copyType = N'Full'
    BEGIN
        UPDATE cm.SyncState
        SET Company = @company, SourceDatabase = @database, SourceTable = @source, LastSyncedVersion = @to, LastMethod = N'Full', SyncedAt = SYSUTCDATETIME()
        WHERE DestinationTable = @destination;
        IF @@ROWCOUNT = 0
            INSERT INTO cm.SyncState (DestinationTable, Company, SourceDatabase, SourceTable, LastSyncedVersion, LastMethod, SyncedAt)
            VALUES (@destination, @company, @database, @source, @to, N'Full', SYSUTCDATETIME());
        SET @sql = N'DELETE FROM ' + @target + N'; INSERT INTO ' + @target + N' (' + @list + N') SELECT ' + @sourceList + N' FROM ' + @staged + N' AS s WHERE s.cm_Op = N''U''; SET @n = @@ROWCOUNT;';
    END
    ELSE
    BEGIN
        UPDATE cm.SyncState
        SET LastSyncedVersion = @to, LastMethod = N'Delta', SyncedAt = SYSUTCDATETIME()
        WHERE DestinationTable = @destination AND LastSyncedVersion = @from;
        IF @@ROWCOUNT = 0
            THROW 50013, N'SyncStateConflict: the table is no longer synced to the version this run read its changes from (another run applied changes meanwhile).', 1;
        SET @sql = N'DELETE d FROM ' + @target + N' AS d WHERE EXISTS (SELECT 1 FROM ' + @staged + N' AS s WHERE s.cm_Op = N''D'' AND ' + @on + N'); ' +
                   CASE WHEN @set IS NULL THEN N'' ELSE N'UPDATE d SET ' + @set + N' FROM ' + @target + N' AS d JOIN ' + @staged + N' AS s ON ' + @on + N' WHERE s.cm_Op = N''U''; ' END +
                   N'INSERT INTO ' + @target + N' (' + @list + N') SELECT ' + @sourceList + N' FROM ' + @staged + N' AS s WHERE s.cm_Op = N''U'' AND NOT EXISTS (SELECT 1 FROM ' + @target + N' AS d WHERE ' + @on + N'); ' +
                   N'SELECT @n = COUNT_BIG(*) FROM ' + @staged + N';';
    END;
    SET @sql = @sql + N' SELECT @t = COUNT_BIG(*) FROM ' + @target + N';';
    EXEC sp_executesql @sql, N'@n bigint OUTPUT, @t bigint OUTPUT', @n = @applied OUTPUT, @t = @total OUTPUT;

    UPDATE cm.ReplicationTableResult
    SET Status = N'Successful', RecordsCopied = COALESCE(@applied, @RowsCopied), TotalRecords = @total, CompletedAt = CONVERT(nvarchar(40), SYSUTCDATETIME(), 126), ErrorMessage = NULL
    WHERE RunId = @runId AND TableId = @TableId;
    UPDATE cm.ReplicationTable
    SET LastRequestId = @RequestId, LastStatus = N'Successful', LastRowsCopied = COALESCE(@applied, @RowsCopied), LastError = NULL, LastRunAt = SYSUTCDATETIME()
    WHERE TableId = @TableId;
    COMMIT TRANSACTION;
END;
