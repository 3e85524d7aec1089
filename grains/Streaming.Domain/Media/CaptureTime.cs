namespace Streaming.Domain;

/// <summary>
/// When a photo was taken, from its EXIF fields. EXIF <c>DateTimeOriginal</c> is the camera's local clock with no zone,
/// so the offset is found, in order:
/// <list type="number">
/// <item><c>OffsetTimeOriginal</c>, when the camera wrote one (EXIF 2.31; recent phones do);</item>
/// <item>else the GPS fix's UTC time (<c>GPSDateStamp</c> + <c>GPSTimeStamp</c>), when within 14 hours of the local
/// time: the difference, rounded to the nearest 15 minutes (every zone offset in use is a multiple of 15 minutes, and
/// the fix may be taken seconds or minutes before the shutter);</item>
/// <item>else the fallback zone (Europe/London for this platform) at that local time; a local time that falls twice
/// (October) takes the zone's standard offset, one that does not exist (March) the standard offset too.</item>
/// </list>
/// Sub-second fields are ignored: event times are kept to the second.
/// </summary>
public static class CaptureTime
{
    /// <summary>The largest zone offset: UTC+14 (Kiribati), and UTC-12.</summary>
    public static readonly TimeSpan MaxOffset = TimeSpan.FromHours(14);

    private static readonly TimeSpan OffsetStep = TimeSpan.FromMinutes(15);

    /// <summary>The capture time per the rule above.</summary>
    /// <param name="local">DateTimeOriginal, the camera's local time (its kind is ignored).</param>
    /// <param name="offset">OffsetTimeOriginal, if present.</param>
    /// <param name="gpsUtc">The GPS fix time in UTC, if present (its kind is ignored).</param>
    /// <param name="fallbackZone">The zone assumed when neither offset nor a usable GPS time is there.</param>
    public static DateTimeOffset Resolve(DateTime local, TimeSpan? offset, DateTime? gpsUtc, TimeZoneInfo fallbackZone)
    {
        ArgumentNullException.ThrowIfNull(fallbackZone);
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (offset is { } given && given.Duration() <= MaxOffset && given.Ticks % TimeSpan.TicksPerMinute == 0)
        {
            return new DateTimeOffset(local, given);
        }
        if (gpsUtc is { } fix)
        {
            var difference = local - DateTime.SpecifyKind(fix, DateTimeKind.Unspecified);
            if (difference.Duration() <= MaxOffset)
            {
                var steps = Math.Round(difference / OffsetStep, MidpointRounding.AwayFromZero);
                return new DateTimeOffset(local, OffsetStep * steps);
            }
        }
        return new DateTimeOffset(local, fallbackZone.GetUtcOffset(local));
    }
}
