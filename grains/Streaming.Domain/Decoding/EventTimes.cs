using System.Globalization;
using System.Text.Json;
using static System.FormattableString;

namespace Streaming.Domain;

/// <summary>Event times from payloads, normalised to UTC and held to the clock-skew limit.</summary>
internal static class EventTimes
{
    /// <summary>RFC 8428 §4.5.3: a resolved SenML time below 2^28 seconds is relative to now.</summary>
    internal const double SenMLRelativeBelow = 268_435_456;

    // ISO 8601 with a mandatory offset: without one, the parser would assume this machine's time zone.
    private static readonly string[] IsoFormats = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"];
    private const int MaxIsoLength = 40;
    private static readonly long MinUnixTicks = DateTimeOffset.MinValue.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
    private static readonly long MaxUnixTicks = DateTimeOffset.MaxValue.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;

    /// <summary>The sensor JSON <c>time</c>: an ISO 8601 string with offset, or Unix epoch milliseconds.</summary>
    internal static DecodeFault? TryReadSensorTime(JsonElement e, DecodeContext ctx, out DateTimeOffset time)
    {
        time = default;
        switch (e.ValueKind)
        {
            case JsonValueKind.Number:
                if (JsonNumbers.TryGetNumber(e, "time", out var ms) is not null
                    || !TryFromUnixTicks(Math.Round(ms * TimeSpan.TicksPerMillisecond), out time))
                {
                    return new(RejectReason.BadTime, "time in epoch milliseconds is out of range");
                }

                break;
            case JsonValueKind.String:
                var fault = JsonFields.TryGetString(e, "time", MaxIsoLength, out var text);
                if (fault is not null)
                {
                    return new(RejectReason.BadTime, "time is not an ISO 8601 time with offset");
                }

                if (!DateTimeOffset.TryParseExact(text, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time))
                {
                    return new(RejectReason.BadTime, "time is not an ISO 8601 time with offset (2026-11-25T10:00:00Z)");
                }

                break;
            default:
                return new(RejectReason.WrongType, $"time must be an ISO 8601 string or epoch milliseconds, not {e.ValueKind}");
        }

        time = time.ToUniversalTime();
        return CheckSkew(time, ctx);
    }

    /// <summary>A resolved SenML time in seconds (fractional allowed), absolute or relative to the ingest time.</summary>
    internal static DecodeFault? TryFromSenMLSeconds(double seconds, DecodeContext ctx, out DateTimeOffset time)
    {
        // Whole microseconds: a double holding ~1.3e9 seconds carries no finer digits, only noise.
        var ticks = Math.Round(seconds * 1e6) * 10;
        var relative = seconds < SenMLRelativeBelow;
        var origin = relative ? ctx.Provenance.ReceivedAt.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks : 0;
        if (!TryFromUnixTicks(origin + ticks, out time))
        {
            return new(RejectReason.BadTime, "resolved time (bt + t) is out of range");
        }

        return CheckSkew(time, ctx);
    }

    /// <summary>The time as it appears in envelope ids: UTC, round-trip format.</summary>
    internal static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static bool TryFromUnixTicks(double ticks, out DateTimeOffset time)
    {
        time = default;
        // Written so NaN fails too; the second check catches rounding at the very ends of the range.
        if (!(ticks >= MinUnixTicks && ticks <= MaxUnixTicks))
        {
            return false;
        }

        var whole = (long)ticks;
        if (whole < MinUnixTicks || whole > MaxUnixTicks)
        {
            return false;
        }

        time = DateTimeOffset.UnixEpoch.AddTicks(whole);
        return true;
    }

    /// <summary>BadTime when <paramref name="time"/> lies further ahead of the ingest time than the limits allow.</summary>
    internal static DecodeFault? CheckSkew(DateTimeOffset time, DecodeContext ctx)
    {
        var ahead = time - ctx.Provenance.ReceivedAt;
        return ahead > ctx.Limits.MaxClockSkew
            ? new(RejectReason.BadTime, Invariant($"time is {ahead} ahead of the ingest time; at most {ctx.Limits.MaxClockSkew} is allowed"))
            : null;
    }
}
