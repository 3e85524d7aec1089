using System.Globalization;

namespace Streaming.Domain;

/// <summary>
/// Window sizes as people and the outputs write them: a whole number and a unit, s, m, h or d (<c>1m</c>, <c>1h</c>),
/// the one notation of the read API, the Kafka topics, the dashboard and the alert rules.
/// </summary>
public static class WindowSize
{
    /// <summary>Parses <paramref name="text"/>; false when it is not a positive whole number of s, m, h or d.</summary>
    public static bool TryParse(string? text, out TimeSpan size)
    {
        size = default;
        if (text is not { Length: >= 2 } || !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
        {
            return false;
        }
        size = text[^1] switch
        {
            's' => TimeSpan.FromSeconds(n),
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours(n),
            'd' => TimeSpan.FromDays(n),
            _ => default,
        };
        return size > TimeSpan.Zero;
    }

    /// <summary>Formats a size in the largest whole unit (milliseconds when not a whole number of seconds).</summary>
    public static string Format(TimeSpan size) => size.Ticks switch
    {
        var t when t % TimeSpan.TicksPerDay == 0 => $"{t / TimeSpan.TicksPerDay}d",
        var t when t % TimeSpan.TicksPerHour == 0 => $"{t / TimeSpan.TicksPerHour}h",
        var t when t % TimeSpan.TicksPerMinute == 0 => $"{t / TimeSpan.TicksPerMinute}m",
        var t when t % TimeSpan.TicksPerSecond == 0 => $"{t / TimeSpan.TicksPerSecond}s",
        _ => $"{(long)size.TotalMilliseconds}ms",
    };
}
