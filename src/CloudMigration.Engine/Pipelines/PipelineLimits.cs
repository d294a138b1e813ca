namespace CloudMigration.Engine.Pipelines;

/// <summary>The Azure Data Factory limits the local engine enforces, so that what runs here would run in Azure.</summary>
public static class PipelineLimits
{
    /// <summary>Activities per pipeline, inner activities of a ForEach included (the safe design limit).</summary>
    public const int MaxActivities = 40;

    public const int MaxParameters = 50;

    /// <summary>A pipeline's JSON, in bytes of UTF-8.</summary>
    public const int MaxPipelineBytes = 200 * 1024;

    /// <summary>ForEach items run in parallel at most this many at a time.</summary>
    public const int MaxBatchCount = 50;

    /// <summary>ForEach batchCount when none is given.</summary>
    public const int DefaultBatchCount = 20;

    /// <summary>Rows a Lookup may return.</summary>
    public const int LookupMaxRows = 5000;

    /// <summary>Size of a Lookup's output, in bytes of UTF-8 JSON.</summary>
    public const int LookupMaxBytes = 4 * 1024 * 1024;

    /// <summary>Activity names: at most this many characters.</summary>
    public const int MaxActivityNameLength = 55;
}
