namespace CloudMigration.Engine.Factories;

/// <summary>
/// The tables of the factory store, version 3 (<c>PRAGMA user_version</c>): version 1's, the Azure factories
/// registered by resource id (<see cref="UpgradeToV2"/>), and the run host instances that claimed runs
/// (<see cref="UpgradeToV3"/>). Names are compared without case, as
/// ADF compares them. Secrets (IR keys, SecureString values of resources) are stored encrypted
/// (<see cref="SecretProtector"/>); resources are their ADF JSON; times are Unix milliseconds.
/// </summary>
internal static class FactoryStoreSchema
{
    public const int Version = 3;

    /// <summary>Version 2: Azure Data Factory registrations (the factory itself lives in Azure; only how to reach it is kept).</summary>
    public const string UpgradeToV2 = """
        CREATE TABLE IF NOT EXISTS azure_factories (
            name TEXT NOT NULL COLLATE NOCASE PRIMARY KEY,
            resource_id TEXT NOT NULL,
            endpoint TEXT NOT NULL,
            pinned_sha256 TEXT NULL,
            sign_in TEXT NOT NULL,
            tenant_id TEXT NULL,
            client_id TEXT NULL,
            client_secret TEXT NULL,
            registered INTEGER NOT NULL);
        """;

    /// <summary>
    /// Version 3: each <see cref="LocalRunHost"/> instance (its process: machine, id, start time; its heartbeat), and the
    /// instance that claimed each run, so a run whose process was killed is failed without waiting for its node to look Offline.
    /// </summary>
    public const string UpgradeToV3 = """
        CREATE TABLE IF NOT EXISTS run_hosts (
            instance TEXT NOT NULL PRIMARY KEY,
            factory TEXT NOT NULL COLLATE NOCASE REFERENCES factories(name) ON DELETE CASCADE,
            runtime TEXT NOT NULL COLLATE NOCASE,
            node TEXT NOT NULL COLLATE NOCASE,
            machine TEXT NOT NULL,
            pid INTEGER NOT NULL,
            process_start INTEGER NOT NULL,
            process_ticks INTEGER NULL,
            started INTEGER NOT NULL,
            last_contact INTEGER NOT NULL);
        ALTER TABLE pipeline_runs ADD COLUMN host TEXT NULL;
        """;

    public const string CreateV1 = """
        CREATE TABLE meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL);
        CREATE TABLE factories (
            name TEXT NOT NULL COLLATE NOCASE PRIMARY KEY,
            registered INTEGER NOT NULL);
        CREATE TABLE integration_runtimes (
            factory TEXT NOT NULL COLLATE NOCASE REFERENCES factories(name) ON DELETE CASCADE,
            name TEXT NOT NULL COLLATE NOCASE,
            id TEXT NOT NULL UNIQUE,
            description TEXT NOT NULL,
            created INTEGER NOT NULL,
            PRIMARY KEY (factory, name));
        CREATE TABLE ir_keys (
            factory TEXT NOT NULL COLLATE NOCASE,
            runtime TEXT NOT NULL COLLATE NOCASE,
            key_name TEXT NOT NULL,
            secret TEXT NOT NULL,
            created INTEGER NOT NULL,
            PRIMARY KEY (factory, runtime, key_name),
            FOREIGN KEY (factory, runtime) REFERENCES integration_runtimes(factory, name) ON DELETE CASCADE);
        CREATE TABLE ir_nodes (
            factory TEXT NOT NULL COLLATE NOCASE,
            runtime TEXT NOT NULL COLLATE NOCASE,
            node TEXT NOT NULL COLLATE NOCASE,
            machine TEXT NOT NULL,
            registered INTEGER NOT NULL,
            last_contact INTEGER NOT NULL,
            max_concurrent_jobs INTEGER NOT NULL,
            PRIMARY KEY (factory, runtime, node),
            FOREIGN KEY (factory, runtime) REFERENCES integration_runtimes(factory, name) ON DELETE CASCADE);
        CREATE TABLE resources (
            factory TEXT NOT NULL COLLATE NOCASE REFERENCES factories(name) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            name TEXT NOT NULL COLLATE NOCASE,
            definition TEXT NOT NULL,
            updated INTEGER NOT NULL,
            PRIMARY KEY (factory, kind, name));
        CREATE TABLE pipeline_runs (
            run_id TEXT NOT NULL PRIMARY KEY,
            factory TEXT NOT NULL COLLATE NOCASE REFERENCES factories(name) ON DELETE CASCADE,
            pipeline TEXT NOT NULL COLLATE NOCASE,
            status TEXT NOT NULL,
            parameters TEXT NOT NULL,
            runtimes TEXT NOT NULL,
            runtime TEXT NULL,
            node TEXT NULL,
            queued INTEGER NOT NULL,
            run_start INTEGER NULL,
            run_end INTEGER NULL,
            last_updated INTEGER NOT NULL,
            message TEXT NOT NULL,
            error_code TEXT NULL);
        CREATE INDEX pipeline_runs_by_status ON pipeline_runs (factory, status, queued);
        CREATE TABLE activity_runs (
            run_id TEXT NOT NULL REFERENCES pipeline_runs(run_id) ON DELETE CASCADE,
            activity TEXT NOT NULL,
            iteration INTEGER NOT NULL,
            activity_type TEXT NOT NULL,
            status TEXT NOT NULL,
            run_start INTEGER NULL,
            run_end INTEGER NULL,
            input TEXT NULL,
            output TEXT NULL,
            error_code TEXT NULL,
            error_message TEXT NULL,
            PRIMARY KEY (run_id, activity, iteration));
        """;
}
