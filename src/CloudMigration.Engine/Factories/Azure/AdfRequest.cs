using System.Text.Json.Nodes;
using Azure.Core;

namespace CloudMigration.Engine.Factories.Azure;

/// <summary>
/// One ARM request: a method and a path below the factory (for example <c>/linkedservices/CmSlSource</c>) or an
/// absolute next-page link, an optional JSON body, and how retries are judged.
/// </summary>
internal sealed record AdfRequest(RequestMethod Method, string RelativePath, JsonNode? Body = null)
{
    /// <summary>A next-page link ARM returned (it carries its own api-version); replaces <see cref="RelativePath"/>.</summary>
    public Uri? AbsoluteUri { get; init; }

    public AdfResponseClassifier Classifier { get; init; } = AdfResponseClassifier.Transient;

    public static AdfRequest Get(string path) => new(RequestMethod.Get, path);

    public static AdfRequest Put(string path, JsonNode body) => new(RequestMethod.Put, path, body);

    public static AdfRequest Post(string path, JsonNode? body = null) => new(RequestMethod.Post, path, body ?? new JsonObject());

    public static AdfRequest Delete(string path) => new(RequestMethod.Delete, path);

    /// <summary>A path segment for a name, escaped.</summary>
    public static string Segment(string name) => Uri.EscapeDataString(name);
}
