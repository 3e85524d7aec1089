using System.Globalization;
using Streaming.Domain;

namespace Streaming.Dashboard;

/// <summary>One window as the page charts it (the newest revision of it that this silo saw).</summary>
public sealed record TrendWindow(
    string Owner, string Kind, string Metric, string Size, DateTimeOffset Start, DateTimeOffset End,
    long Count, double Min, double Max, double Mean, double P95, int Revision, bool Final, TermCount[]? TopTerms)
{
    /// <summary>The page's view of a window result of <paramref name="owner"/>.</summary>
    public static TrendWindow From(string owner, WindowResult w) => new(
        owner, w.Series.Kind.ToString().ToLowerInvariant(), w.Series.Metric, FormatSize(w.Size), w.Start, w.End,
        w.Aggregate.Count, w.Aggregate.Min, w.Aggregate.Max, w.Aggregate.Mean, w.Aggregate.P95, w.Revision, w.Final, w.Aggregate.TopTerms);

    /// <summary>The read API's notation: the largest whole unit (30s, 1m, 1h, 1d).</summary>
    public static string FormatSize(TimeSpan size) => size.Ticks switch
    {
        var t when t % TimeSpan.TicksPerDay == 0 => $"{t / TimeSpan.TicksPerDay}d",
        var t when t % TimeSpan.TicksPerHour == 0 => $"{t / TimeSpan.TicksPerHour}h",
        var t when t % TimeSpan.TicksPerMinute == 0 => $"{t / TimeSpan.TicksPerMinute}m",
        var t when t % TimeSpan.TicksPerSecond == 0 => $"{t / TimeSpan.TicksPerSecond}s",
        _ => $"{(long)size.TotalMilliseconds}ms",
    };

    /// <summary>Reads the notation of <see cref="FormatSize"/> (a positive whole number and s, m, h or d); false otherwise.</summary>
    public static bool TryParseSize(string? text, out TimeSpan size)
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
}
