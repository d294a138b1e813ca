using System.Text.Json.Serialization;

namespace CloudMigration.ArmEmulator;

/// <summary>What an injected fault does to a request.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FaultKind>))]
public enum FaultKind
{
    /// <summary>Answers <see cref="FaultRule.Status"/> with an ARM error body (and Retry-After when given).</summary>
    Status,

    /// <summary>Answers nothing until the client gives up (or the emulator stops).</summary>
    Hang,
}

/// <summary>
/// Makes the next <see cref="Count"/> requests that match (method, path pattern, operationId; each optional) fail.
/// With <see cref="AfterHandling"/> the request is carried out first and only its answer is lost: what a client sees
/// when a connection breaks after ADF acted.
/// </summary>
public sealed class FaultRule
{
    public string? Method { get; init; }

    /// <summary>A regular expression matched (without case) against the request path.</summary>
    public string? PathPattern { get; init; }

    /// <summary>An operationId of the ADF REST spec, for example "Pipelines_CreateRun".</summary>
    public string? Operation { get; init; }

    public int Count { get; init; } = 1;

    public FaultKind Kind { get; init; } = FaultKind.Status;

    public int Status { get; init; } = 500;

    public int? RetryAfterSeconds { get; init; }

    public bool AfterHandling { get; init; }

    /// <summary>The ARM error code; by status when null (429 TooManyRequests, 500 InternalServerError, ...).</summary>
    public string? Code { get; init; }

    public string? Message { get; init; }

    public static FaultRule Throttle(string operation, int count = 1, int retryAfterSeconds = 1) =>
        new() { Operation = operation, Count = count, Status = 429, RetryAfterSeconds = retryAfterSeconds };

    public static FaultRule ServerError(string operation, int count = 1, bool afterHandling = false, int status = 500) =>
        new() { Operation = operation, Count = count, Status = status, AfterHandling = afterHandling };

    public static FaultRule Hang(string operation, int count = 1, bool afterHandling = false) =>
        new() { Operation = operation, Count = count, Kind = FaultKind.Hang, AfterHandling = afterHandling };
}
