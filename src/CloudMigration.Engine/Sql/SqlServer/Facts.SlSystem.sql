-- Whether the Dynamics SL system database has its getVersion procedure.
SELECT CASE WHEN OBJECT_ID(N'dbo.getVersion', N'P') IS NULL THEN 0 ELSE 1 END AS HasGetVersion;
