namespace Streaming.Dashboard;

/// <summary>
/// One source's clean events in fixed rings: per second for the last <see cref="Seconds"/> seconds, per minute for the
/// last <see cref="Minutes"/> minutes (a slot holds the number of the second or minute it counts, so stale slots read 0).
/// About 800 bytes a source, whatever its rate.
/// </summary>
internal sealed class SourceCounts
{
    public const int Seconds = 10;
    public const int Minutes = 60;
    private readonly long[] _secondOf = new long[Seconds];
    private readonly int[] _perSecond = new int[Seconds];
    private readonly long[] _minuteOf = new long[Minutes];
    private readonly int[] _perMinute = new int[Minutes];

    public DateTimeOffset LastHeard { get; private set; }

    public void Add(int events, DateTimeOffset now)
    {
        LastHeard = now;
        Bump(_secondOf, _perSecond, now.ToUnixTimeSeconds(), events);
        Bump(_minuteOf, _perMinute, now.ToUnixTimeSeconds() / 60, events);
    }

    /// <summary>Events per second over the last <see cref="Seconds"/> seconds.</summary>
    public double PerSecond(DateTimeOffset now)
    {
        var second = now.ToUnixTimeSeconds();
        var sum = 0L;
        for (var i = 0; i < Seconds; i++)
        {
            sum += _secondOf[i] > second - Seconds && _secondOf[i] <= second ? _perSecond[i] : 0;
        }
        return (double)sum / Seconds;
    }

    /// <summary>Events in each of the last <see cref="Minutes"/> minutes, oldest first; the last is the minute under way.</summary>
    public int[] PerMinute(DateTimeOffset now)
    {
        var minute = now.ToUnixTimeSeconds() / 60;
        var counts = new int[Minutes];
        for (var i = 0; i < Minutes; i++)
        {
            var m = minute - (Minutes - 1) + i;
            var slot = (int)(((m % Minutes) + Minutes) % Minutes);
            counts[i] = _minuteOf[slot] == m ? _perMinute[slot] : 0;
        }
        return counts;
    }

    private static void Bump(long[] of, int[] counts, long number, int events)
    {
        var slot = (int)(((number % of.Length) + of.Length) % of.Length);
        if (of[slot] != number)
        {
            of[slot] = number;
            counts[slot] = 0;
        }
        counts[slot] += events;
    }
}
