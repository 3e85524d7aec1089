namespace Streaming.Domain;

/// <summary>One series at one window size.</summary>
[GenerateSerializer, Immutable, Alias("streaming.window-key.v1")]
public readonly record struct WindowKey([property: Id(0)] SeriesKey Series, [property: Id(1)] long SizeTicks)
{
    /// <summary>The window size.</summary>
    public TimeSpan Size => TimeSpan.FromTicks(SizeTicks);
}
