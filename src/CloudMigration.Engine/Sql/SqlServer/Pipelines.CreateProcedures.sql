-- Preparation pipeline, SQL Server only (on SQLite the engine's C# procedure of the same name does this): records one
-- table's copy result in the control table. One statement, so a Script block can send it as its own batch.
CREATE OR ALTER PROCEDURE cm.RecordTableResult
    @TableId int,
    @RequestId nvarchar(100) = NULL,
    @Status nvarchar(20),
    @RowsCopied bigint = NULL,
    @ErrorMessage nvarchar(max) = NULL,
    @ErrorCode nvarchar(100) = NULL
AS
BEGIN
    SET NOCOUNT ON;
    UPDATE cm.ReplicationTable
    SET LastRequestId = @RequestId, LastStatus = @Status, LastRowsCopied = @RowsCopied,
        LastError = NULLIF(@ErrorMessage, N''), LastRunAt = SYSUTCDATETIME()
    WHERE TableId = @TableId;
    IF @@ROWCOUNT = 0
        THROW 50004, N'The control table has no row with this TableId.', 1;
    -- The run's table result, when the engine prepared a run for this row (cm.ApplyTable records success itself).
    UPDATE r
    SET Status = @Status, RecordsCopied = COALESCE(@RowsCopied, r.RecordsCopied), ErrorCode = NULLIF(@ErrorCode, N''), ErrorMessage = NULLIF(@ErrorMessage, N''),
        CompletedAt = CONVERT(nvarchar(40), SYSUTCDATETIME(), 126)
    FROM cm.ReplicationTableResult AS r
    JOIN cm.ReplicationTable AS t ON t.RunId = r.RunId AND t.TableId = r.TableId
    WHERE t.TableId = @TableId;
END;
