using System.Globalization;
using System.Text.Json.Nodes;

namespace CloudMigration.ArmEmulator;

/// <summary>Pages of lists (GET, with a nextLink carrying $skipToken) and of queries (POST, with a continuationToken).</summary>
internal static class Paging
{
    public static ArmResult List(ArmRequest request, IReadOnlyList<JsonNode> items)
    {
        var size = request.State.Options.PageSize;
        var page = items.Skip(request.SkipToken).Take(size).ToList();
        var next = request.SkipToken + size < items.Count ? request.NextLink(request.SkipToken + size) : null;
        return ArmResult.Ok(ArmJson.Page(page, "nextLink", next));
    }

    public static ArmResult Query(ArmRequest request, RunFilter filter, IReadOnlyList<JsonNode> items)
    {
        var size = request.State.Options.PageSize;
        var page = items.Skip(filter.Skip).Take(size).ToList();
        var next = filter.Skip + size < items.Count ? (filter.Skip + size).ToString(CultureInfo.InvariantCulture) : null;
        return ArmResult.Ok(ArmJson.Page(page, "continuationToken", next));
    }
}
