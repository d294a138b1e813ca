using CloudMigration.Engine.Connections;

namespace CloudMigration.Engine.Discovery;

/// <summary>A Dynamics SL company from the system database's Company table.</summary>
public sealed class SourceCompany
{
    public required string CpnyID { get; init; }

    public required string Name { get; init; }

    /// <summary>The SL application database that holds the company's module tables.</summary>
    public required string ApplicationDatabase { get; init; }

    public required bool Active { get; init; }

    /// <summary>Whether the application database exists on the source server (or folder).</summary>
    public required bool ApplicationDatabaseFound { get; init; }

    public string Product => "DynamicsSL";

    /// <summary>The system database the company was read from; it flows down the pipeline with the company.</summary>
    public required CmEndpoint Source { get; init; }

    /// <summary>The company id, under the name later cmdlets bind it by (-Company).</summary>
    public string Company => CpnyID;

    public override string ToString() => CpnyID;
}
