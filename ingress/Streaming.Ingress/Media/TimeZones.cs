namespace Streaming.Ingress;

/// <summary>Finds the fallback zone for EXIF times, with a built-in Europe/London for hosts without time-zone data.</summary>
internal static class TimeZones
{
    private const string London = "Europe/London";

    /// <summary>The zone with this IANA id.</summary>
    /// <exception cref="InvalidOperationException">The id is unknown on this host (and is not Europe/London).</exception>
    public static TimeZoneInfo Find(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException) when (id == London)
        {
            // Slim container images may ship without tzdata. UK rules since 1996: BST from 01:00 UTC on the last Sunday
            // of March to 01:00 UTC on the last Sunday of October (local 01:00 GMT and 02:00 BST).
            var rule = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(
                new DateTime(1996, 1, 1), DateTime.MaxValue.Date, TimeSpan.FromHours(1),
                TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 1, 0, 0), 3, 5, DayOfWeek.Sunday),
                TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 10, 5, DayOfWeek.Sunday));
            return TimeZoneInfo.CreateCustomTimeZone(London, TimeSpan.Zero, London, "GMT", "BST", [rule]);
        }
        catch (TimeZoneNotFoundException e)
        {
            throw new InvalidOperationException($"Media:LocalTimeZone '{id}' is not a time zone known on this host.", e);
        }
    }
}
