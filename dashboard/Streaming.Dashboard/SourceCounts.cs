namespace Streaming.Dashboard;

/// <summary>
/// One source's clean events in fixed rings: per second for the last <see cref="Seconds"/> seconds, per minute for the
/// last <see cref="Minutes"/> minutes. Each ring remembers only the newest second (or minute) it has counted; moving on
/// clears the slots in between, so a slot always holds the one number of its position within the ring's span. About 360
/// bytes a source, whatever its rate.
/// </summary>
internal sealed class SourceCounts
{
    public const int Seconds = 10;
    public const int Minutes = 60;

    // Per second in [0, Seconds), per minute after: one array rather than four.
    private readonly int[] _counts = new int[Seconds + Minutes];
    private long _newestSecond = long.MinValue, _newestMinute = long.MinValue;

    public DateTimeOffset LastHeard { get; private set; }

    public void Add(int events, DateTimeOffset now)
    {
        LastHeard = now;
        var second = now.ToUnixTimeSeconds();
        Bump(_counts.AsSpan(0, Seconds), ref _newestSecond, second, events);
        Bump(_counts.AsSpan(Seconds), ref _newestMinute, second / 60, events);
    }

    /// <summary>Events per second over the last <see cref="Seconds"/> seconds.</summary>
    public double PerSecond(DateTimeOffset now)
    {
        // The seconds both among the last Seconds and still held: none for a source silent that long. Runs once a second
        // for every source the silo has heard, so it walks only those slots.
        var second = now.ToUnixTimeSeconds();
        var sum = 0L;
        for (var n = Math.Max(second, _newestSecond) - Seconds + 1; n <= Math.Min(second, _newestSecond); n++)
        {
            sum += _counts[Slot(n, Seconds)];
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
            counts[i] = Count(_counts.AsSpan(Seconds), _newestMinute, minute - (Minutes - 1) + i);
        }
        return counts;
    }

    // A number's count, if the ring still holds it: not newer than the newest counted, nor a whole ring older.
    private static int Count(Span<int> ring, long newest, long number) =>
        number <= newest && number > newest - ring.Length ? ring[Slot(number, ring.Length)] : 0;

    private static void Bump(Span<int> ring, ref long newest, long number, int events)
    {
        if (number > newest)
        {
            // Clear the slots of the numbers skipped since the newest (all of them after a long silence).
            var from = newest == long.MinValue || number - newest >= ring.Length ? number - ring.Length + 1 : newest + 1;
            for (var n = from; n <= number; n++)
            {
                ring[Slot(n, ring.Length)] = 0;
            }
            newest = number;
        }
        else if (number <= newest - ring.Length)
        {
            return; // older than the ring holds (the clock went back a long way): not counted
        }
        ring[Slot(number, ring.Length)] += events;
    }

    private static int Slot(long number, int length) => (int)(((number % length) + length) % length);
}
