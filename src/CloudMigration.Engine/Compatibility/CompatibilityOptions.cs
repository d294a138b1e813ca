using CloudMigration.Engine.Errors;

namespace CloudMigration.Engine.Compatibility;

/// <summary>Which companies to check, and the limits to check them against.</summary>
public sealed class CompatibilityOptions
{
    /// <summary>The Business Central online tenant's default database capacity.</summary>
    public const double DefaultStorageCapacityGB = 80;

    /// <summary>Company ids or names (wildcards allowed). Empty: every active company.</summary>
    public IReadOnlyList<string> Companies { get; init; } = [];

    /// <summary>The destination tenant's storage capacity in GB: 80 GB plus the per-user allowance of its licenses.</summary>
    public double StorageCapacityGB { get; init; } = DefaultStorageCapacityGB;

    internal void Validate()
    {
        if (!(StorageCapacityGB > 0) || double.IsInfinity(StorageCapacityGB))
        {
            throw new CmException(ErrorIds.StorageCapacityInvalid, CmErrorCategory.InvalidArgument,
                $"The storage capacity must be a positive number of gigabytes; it is {StorageCapacityGB}.",
                $"Give -StorageCapacityGB as the tenant's capacity (default {DefaultStorageCapacityGB}).", StorageCapacityGB);
        }
    }
}
