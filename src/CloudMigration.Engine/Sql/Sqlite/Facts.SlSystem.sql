-- Whether the Dynamics SL system database has getVersion (a view on SQLite: there are no procedures).
SELECT COUNT(*) AS HasGetVersion FROM sqlite_master WHERE name = 'getVersion';
