namespace CloudMigration.Engine.Factories;

/// <summary>
/// The names of the factory resources of one cloud migration: two linked services, two table datasets, the preparation
/// and the replication pipeline. Publish-CmPipeline uses <see cref="Default"/>; each setup appends its own suffix, so
/// the setups of several destinations can share a factory.
/// </summary>
public sealed record MigrationResourceNames(
    string SourceLinkedService, string DestinationLinkedService, string SourceDataset, string DestinationDataset, string PreparationPipeline, string ReplicationPipeline)
{
    public static MigrationResourceNames Default { get; } = new("CmSlSource", "CmBcDestination", "CmSlTables", "CmBcTables", "CmPreparation", "CmReplication");

    /// <summary>The default names with "_<paramref name="suffix"/>" appended (letters, digits and underscores only).</summary>
    public static MigrationResourceNames WithSuffix(string suffix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(suffix);
        if (!suffix.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ArgumentException("A resource suffix holds letters, digits and underscores only.", nameof(suffix));
        }

        var d = Default;
        string S(string name) => name + "_" + suffix;
        return new(S(d.SourceLinkedService), S(d.DestinationLinkedService), S(d.SourceDataset), S(d.DestinationDataset), S(d.PreparationPipeline), S(d.ReplicationPipeline));
    }

    /// <summary>Every resource, in the order ADF lets them be deleted: pipelines, datasets, then linked services.</summary>
    public IReadOnlyList<(FactoryResourceKind Kind, string Name)> InDeleteOrder =>
    [
        (FactoryResourceKind.Pipeline, ReplicationPipeline), (FactoryResourceKind.Pipeline, PreparationPipeline),
        (FactoryResourceKind.Dataset, SourceDataset), (FactoryResourceKind.Dataset, DestinationDataset),
        (FactoryResourceKind.LinkedService, SourceLinkedService), (FactoryResourceKind.LinkedService, DestinationLinkedService),
    ];
}
