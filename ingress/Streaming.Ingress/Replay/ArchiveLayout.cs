using System.Globalization;
using Streaming.Domain;

namespace Streaming.Ingress;

/// <summary>Where an event lives in the archive: <c>{folder}/{yyyy-MM-dd of event time, UTC}/{kind}.jsonl</c>.</summary>
public static class ArchiveLayout
{
    /// <summary>The day folder's name for a UTC date.</summary>
    public static string DayName(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The file holding events of <paramref name="kind"/> on <paramref name="day"/>.</summary>
    public static string FileFor(string folder, DateOnly day, EventKind kind) =>
        Path.Combine(folder, DayName(day), kind.ToString().ToLowerInvariant() + ".jsonl");

    /// <summary>The UTC date of an event time.</summary>
    public static DateOnly DayOf(DateTimeOffset time) => DateOnly.FromDateTime(time.UtcDateTime);
}
