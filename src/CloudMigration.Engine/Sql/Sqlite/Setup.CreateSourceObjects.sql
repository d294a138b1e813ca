-- Preparation pipeline, on the source's system database: the version of the objects cloud migration keeps there.
-- SQLite has no stored procedures (the engine's C# procedures stand in for them), so only the version is recorded.
CREATE TABLE IF NOT EXISTS cm_Metadata (
    Name TEXT NOT NULL PRIMARY KEY,
    Value TEXT NOT NULL
);
INSERT INTO cm_Metadata (Name, Value) VALUES ('SourceObjectsVersion', '1')
ON CONFLICT (Name) DO UPDATE SET Value = excluded.Value;
