namespace CloudMigration.Engine.Factories;

/// <summary>
/// Empties a data factory in the order ADF needs, because it refuses to delete anything still referenced:
/// pipelines, then datasets, then linked services, then the integration runtime. Works on any <see cref="IDataFactory"/>.
/// </summary>
public static class FactoryCleanup
{
    /// <summary>The kinds in the order they can be deleted.</summary>
    public static IReadOnlyList<FactoryResourceKind> DeleteOrder { get; } =
        [FactoryResourceKind.Pipeline, FactoryResourceKind.Dataset, FactoryResourceKind.LinkedService];

    /// <summary>
    /// Deletes every pipeline, dataset and linked service of the factory, then <paramref name="integrationRuntime"/> when
    /// given. Returns how many resources were deleted (the IR not counted). A pipeline that another pipeline runs is
    /// deleted after it: pipelines are retried until none is left or no progress is made.
    /// </summary>
    public static async Task<int> DeleteAllAsync(IDataFactory factory, string? integrationRuntime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var deleted = 0;
        foreach (var kind in DeleteOrder)
        {
            var remaining = (await factory.ListResourcesAsync(kind, cancellationToken).ConfigureAwait(false)).ToList();
            while (remaining.Count > 0)
            {
                var failed = new List<string>();
                Errors.CmException? last = null;
                foreach (var name in remaining)
                {
                    try
                    {
                        await factory.DeleteResourceAsync(kind, name, cancellationToken).ConfigureAwait(false);
                        deleted++;
                    }
                    catch (Errors.CmException ex) when (ex.ErrorId == Errors.ErrorIds.ResourceInUse)
                    {
                        failed.Add(name);
                        last = ex;
                    }
                }

                if (failed.Count == remaining.Count)
                {
                    throw last!;
                }

                remaining = failed;
            }
        }

        if (integrationRuntime is not null)
        {
            await factory.DeleteIntegrationRuntimeAsync(integrationRuntime, force: false, cancellationToken).ConfigureAwait(false);
        }

        return deleted;
    }
}
