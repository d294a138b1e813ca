namespace CloudMigration.Engine.Factories;

/// <summary>Where a data factory runs: on this machine (the embedded engine) or in Azure Data Factory.</summary>
public enum DataFactoryKind
{
    Local,
    Azure,
}
