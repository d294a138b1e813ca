namespace CloudMigration.Engine.Factories;

/// <summary>ADF's self-hosted IR states: no node yet, every node live, some nodes live, none live.</summary>
public enum IntegrationRuntimeState
{
    NeedRegistration,
    Online,
    Limited,
    Offline,
}
