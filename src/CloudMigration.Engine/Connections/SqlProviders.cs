namespace CloudMigration.Engine.Connections;

/// <summary>Picks the provider for an endpoint.</summary>
public static class SqlProviders
{
    public static ISqlProvider For(CmEndpoint endpoint) => endpoint.Kind switch
    {
        EndpointKind.Sqlite => SqliteProvider.Instance,
        _ => SqlServerProvider.Instance,
    };
}
