using CloudMigration.Engine.Errors;

namespace CloudMigration.Engine.Sample;

/// <summary>What sample to generate. The same options always give the same data.</summary>
public sealed class SampleOptions
{
    public const int MaxCompanies = 1000;
    public const int MaxRowsPerTable = 100_000;

    /// <summary>The folder to write the databases into; created when missing.</summary>
    public required string Path { get; init; }

    /// <summary>Active companies to create (an inactive one is always added).</summary>
    public int CompanyCount { get; init; } = 3;

    public int RowsPerTable { get; init; } = 20;

    public int Seed { get; init; } = 1;

    /// <summary>Replace sample databases already in the folder.</summary>
    public bool Force { get; init; }

    internal void Validate()
    {
        if (CompanyCount is < 1 or > MaxCompanies)
        {
            throw new CmException(ErrorIds.SampleInvalidOption, CmErrorCategory.InvalidArgument,
                $"CompanyCount must be between 1 and {MaxCompanies}; it is {CompanyCount}.", $"Give -CompanyCount from 1 to {MaxCompanies}.", CompanyCount);
        }

        if (RowsPerTable is < 0 or > MaxRowsPerTable)
        {
            throw new CmException(ErrorIds.SampleInvalidOption, CmErrorCategory.InvalidArgument,
                $"RowsPerTable must be between 0 and {MaxRowsPerTable}; it is {RowsPerTable}.", $"Give -RowsPerTable from 0 to {MaxRowsPerTable}.", RowsPerTable);
        }
    }
}
