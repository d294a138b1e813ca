-- Whether the Dynamics SL system database has getVersion (a view on SQLite: there are no procedures).
-- Only a view or table can be read with Facts.SlVersion; the name matches without regard to case, as SQLite resolves it.
SELECT COUNT(*) AS HasGetVersion FROM sqlite_master WHERE type IN ('view', 'table') AND name = 'getVersion' COLLATE NOCASE;
