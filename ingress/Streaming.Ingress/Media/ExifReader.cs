using System.Globalization;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using Streaming.Domain;

namespace Streaming.Ingress;

/// <summary>Capture time, place and orientation from an EXIF profile. Fields that are absent or unreadable count as absent.</summary>
internal static class ExifReader
{
    private const string DateTimeFormat = "yyyy:MM:dd HH:mm:ss";

    /// <summary>DateTimeOriginal, with its offset found as <see cref="CaptureTime"/> describes.</summary>
    public static DateTimeOffset? TakenAt(ExifProfile? exif, TimeZoneInfo fallbackZone)
    {
        if (exif is null || !TryParseLocal(exif.GetValue(ExifTag.DateTimeOriginal)?.Value, DateTimeFormat, out var local))
        {
            return null;
        }
        return CaptureTime.Resolve(local, Offset(exif.GetValue(ExifTag.OffsetTimeOriginal)?.Value), GpsUtc(exif), fallbackZone);
    }

    /// <summary>GPS latitude and longitude in signed decimal degrees; absent when either is missing or out of range, or at exactly 0, 0.</summary>
    public static GeoPoint? Location(ExifProfile? exif)
    {
        if (exif is null)
        {
            return null;
        }
        var latitude = Degrees(exif.GetValue(ExifTag.GPSLatitude)?.Value, exif.GetValue(ExifTag.GPSLatitudeRef)?.Value, 'N', 'S', 90);
        var longitude = Degrees(exif.GetValue(ExifTag.GPSLongitude)?.Value, exif.GetValue(ExifTag.GPSLongitudeRef)?.Value, 'E', 'W', 180);
        // Some cameras write 0, 0 when they have no fix.
        return latitude is { } lat && longitude is { } lon && (lat, lon) != (0, 0) ? new GeoPoint(lat, lon) : null;
    }

    /// <summary>The EXIF orientation (1–8); 1 (as stored) when absent or invalid.</summary>
    public static int Orientation(ExifProfile? exif) =>
        exif?.GetValue(ExifTag.Orientation)?.Value is { } value && value is >= 1 and <= 8 ? value : 1;

    private static double? Degrees(Rational[]? dms, string? reference, char positive, char negative, double limit)
    {
        if (dms is not { Length: >= 1 and <= 3 } || string.IsNullOrWhiteSpace(reference) || dms.Any(r => r.Denominator == 0))
        {
            return null;
        }
        var sign = char.ToUpperInvariant(reference.Trim()[0]) switch
        {
            var c when c == positive => 1,
            var c when c == negative => -1,
            _ => 0,
        };
        var degrees = 0.0;
        for (var i = 0; i < dms.Length; i++)
        {
            degrees += dms[i].ToDouble() / Math.Pow(60, i);
        }
        return sign != 0 && degrees <= limit ? sign * degrees : null;
    }

    private static DateTime? GpsUtc(ExifProfile exif)
    {
        var hms = exif.GetValue(ExifTag.GPSTimestamp)?.Value;
        if (!TryParseLocal(exif.GetValue(ExifTag.GPSDateStamp)?.Value, "yyyy:MM:dd", out var date)
            || hms is not { Length: 3 } || hms.Any(r => r.Denominator == 0))
        {
            return null;
        }
        var seconds = (hms[0].ToDouble() * 3600) + (hms[1].ToDouble() * 60) + hms[2].ToDouble();
        return seconds is >= 0 and < 86_400 ? date.AddSeconds(Math.Floor(seconds)) : null;
    }

    private static TimeSpan? Offset(string? text)
    {
        text = text?.Trim('\0', ' ');
        if (text is not { Length: 6 } || text[3] != ':' || (text[0] != '+' && text[0] != '-')
            || !int.TryParse(text.AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(text.AsSpan(4, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            || minutes >= 60)
        {
            return null;
        }
        var offset = new TimeSpan(hours, minutes, 0);
        return text[0] == '-' ? -offset : offset;
    }

    // Years before 1800 are placeholders (0000:00:00) or corrupt; refusing them here also keeps offsets in range.
    private static bool TryParseLocal(string? text, string format, out DateTime value) =>
        DateTime.TryParseExact(text?.Trim('\0', ' '), format, CultureInfo.InvariantCulture, DateTimeStyles.None, out value)
        && value.Year >= 1800;
}
