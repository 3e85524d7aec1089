namespace Streaming.Domain;

/// <summary>Event-time windowing, bound from <c>Windows</c> in configuration.</summary>
public sealed class WindowOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Windows";

    /// <summary>Tumbling window sizes. Default one minute and one hour.</summary>
    public TimeSpan[] Sizes { get; set; } = [TimeSpan.FromMinutes(1), TimeSpan.FromHours(1)];

    /// <summary>
    /// How far behind the newest event time the watermark trails. An event older than the watermark is late:
    /// it goes to the late side output. A window is final once its end is at or before the watermark.
    /// Default 5 minutes.
    /// </summary>
    public TimeSpan AllowedLateness { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Processing time without events after which an entity's open windows are closed anyway, so a silent
    /// source does not hold its windows open for ever. Default 2 minutes.
    /// </summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Final windows kept per metric and size for queries; older ones are dropped. Default 180.</summary>
    public int RetainWindows { get; set; } = 180;
}
