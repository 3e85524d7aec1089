namespace Streaming.Domain;

/// <summary>Bounds applied to untrusted input before anything is allocated for it.</summary>
public sealed record DecodeLimits
{
    /// <summary>Largest body accepted, in bytes. Default 1 MiB.</summary>
    public int MaxBodyBytes { get; init; } = 1024 * 1024;

    /// <summary>Most events in one body (a JSON array or a SenML pack). Default 10,000.</summary>
    public int MaxEventsPerBody { get; init; } = 10_000;

    /// <summary>Most readings in one event. Default 256.</summary>
    public int MaxReadingsPerEvent { get; init; } = 256;

    /// <summary>Longest source id, metric name, unit or envelope id, in characters. Default 128.</summary>
    public int MaxIdentifierLength { get; init; } = 128;

    /// <summary>How far an event time may lie ahead of the ingest time. Default 10 minutes.</summary>
    public TimeSpan MaxClockSkew { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The defaults.</summary>
    public static DecodeLimits Default { get; } = new();
}
