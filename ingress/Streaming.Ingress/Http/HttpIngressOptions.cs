using System.ComponentModel.DataAnnotations;

namespace Streaming.Ingress;

/// <summary>The HTTP ingest endpoint, bound from <c>Ingress:Http</c>.</summary>
public sealed class HttpIngressOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ingress:Http";

    /// <summary>Largest request body, in bytes; larger ones get 413. Default 1 MiB.</summary>
    [Range(1, 64 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Most events in one request. Default 10,000.</summary>
    [Range(1, 1_000_000)]
    public int MaxEventsPerRequest { get; set; } = 10_000;

    /// <summary>
    /// Sustained ingest requests per second per sender (the <c>source</c> query parameter, else the client address);
    /// beyond it the answer is 429 with Retry-After. 0 turns the limit off. Default 200.
    /// </summary>
    [Range(0, 1_000_000)]
    public int RequestsPerSecond { get; set; } = 200;

    /// <summary>Requests a sender may make at once above the sustained rate. Default 400.</summary>
    [Range(1, 1_000_000)]
    public int Burst { get; set; } = 400;
}
