namespace CloudMigration.Engine.Factories.Azure;

/// <summary>
/// What a request is for, in the words of an error message ("get the linked service 'CmSlSource'"), and which of
/// the engine's error ids ADF's answers mean for it.
/// </summary>
/// <param name="What">A verb phrase: what the client tried to do.</param>
/// <param name="Target">The name the error is about (a resource, an IR, a run id), or null for the factory itself.</param>
internal sealed record AdfCall(string What, string? Target = null)
{
    /// <summary>The id of a 404 when the factory exists (the resource, IR or run is missing); null: <c>ResourceNotFound</c>.</summary>
    public string? NotFoundId { get; init; }

    /// <summary>The id of a 400/409 refusal to delete something still referenced (ADF: "The document cannot be deleted since it is referenced by ...").</summary>
    public string? InUseId { get; init; }

    /// <summary>The id of a 400 refusal of a definition (a PUT); null: <c>AzureRequestFailed</c>.</summary>
    public string? InvalidId { get; init; }

    /// <summary>What to do about a refusal to delete something referenced (overrides the default advice).</summary>
    public string? InUseAction { get; init; }
}
