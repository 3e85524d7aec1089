using System.Globalization;

namespace Streaming.Silo;

/// <summary>Parses window sizes as the API takes them: a number and a unit, s, m, h or d (<c>1m</c>, <c>1h</c>).</summary>
public static class WindowSize
{
    /// <summary>Parses <paramref name="text"/>; false when it is not a positive duration.</summary>
    public static bool TryParse(string text, out TimeSpan size)
    {
        size = default;
        if (text.Length < 2 || !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
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

    /// <summary>Formats a size the way <see cref="TryParse"/> reads it, in the largest whole unit.</summary>
    public static string Format(TimeSpan size) =>
        size.Ticks % TimeSpan.TicksPerDay == 0 ? $"{size.Ticks / TimeSpan.TicksPerDay}d"
        : size.Ticks % TimeSpan.TicksPerHour == 0 ? $"{size.Ticks / TimeSpan.TicksPerHour}h"
        : size.Ticks % TimeSpan.TicksPerMinute == 0 ? $"{size.Ticks / TimeSpan.TicksPerMinute}m"
        : $"{size.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}s";
}
