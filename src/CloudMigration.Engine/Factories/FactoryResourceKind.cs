namespace CloudMigration.Engine.Factories;

/// <summary>The ADF resources stored as JSON: the path segment of each in the ADF REST API.</summary>
public enum FactoryResourceKind
{
    /// <summary>linkedservices</summary>
    LinkedService,

    /// <summary>datasets</summary>
    Dataset,

    /// <summary>pipelines</summary>
    Pipeline,
}
