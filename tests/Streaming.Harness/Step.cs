using System.Diagnostics;
using HdrHistogram;

namespace Streaming.Harness;

/// <summary>
/// One open-loop run at a fixed rate: event k is due at <c>start + k / rate</c> whatever happened to the events before
/// it, and its latency is measured from that intended time (so a stall of the platform or of the generator shows in
/// the tail instead of hiding as a slower send rate: no coordinated omission).
/// </summary>
internal sealed class Step
{
    // Latencies in microseconds, up to an hour, 3 significant digits.
    private const long HighestMicros = 3_600_000_000;
    private readonly double _ticksPerEvent;
    private readonly int[] _seen;
    private readonly object _deliveryLock = new();
    private long _sent;
    private long _acked;
    private long _delivered;
    private long _sendErrors;
    private long _duplicates;

    public Step(string prefix, double rate, TimeSpan duration)
    {
        Prefix = prefix;
        Rate = rate;
        Duration = duration;
        Count = (long)Math.Round(rate * duration.TotalSeconds);
        _ticksPerEvent = Stopwatch.Frequency / rate;
        _seen = new int[Count];
    }

    public string Prefix { get; }

    public double Rate { get; }

    public TimeSpan Duration { get; }

    /// <summary>Events scheduled.</summary>
    public long Count { get; }

    /// <summary><see cref="Stopwatch.GetTimestamp"/> at which event 0 is due; set by the generator.</summary>
    public long Start { get; set; }

    /// <summary>The wall-clock time of <see cref="Start"/> (event times in the payloads).</summary>
    public DateTimeOffset WallStart { get; set; }

    /// <summary>Ingest to output: intended send time to the moment the event was seen on the output.</summary>
    public LongHistogram Delivery { get; } = new(HighestMicros, 3);

    /// <summary>The same for the events due in the last quarter of the step: a growing backlog shows here first.</summary>
    public LongHistogram DeliveryLastQuarter { get; } = new(HighestMicros, 3);

    /// <summary>Intended send time to the transport's acknowledgement (PUBACK, HTTP 202, Kafka delivery report).</summary>
    public LongConcurrentHistogram Ack { get; } = new(1, HighestMicros, 3);

    public long Sent => Interlocked.Read(ref _sent);

    public long Acked => Interlocked.Read(ref _acked);

    public long Delivered => Interlocked.Read(ref _delivered);

    public long SendErrors => Interlocked.Read(ref _sendErrors);

    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Sends that have not been acknowledged or failed yet.</summary>
    public long Outstanding => Sent - Acked - SendErrors;

    /// <summary>Most a send started after its intended time, in microseconds (the generator's own lag).</summary>
    public long MaxSendLagMicros { get; set; }

    /// <summary>Set when the step was stopped early because its backlog passed the bound.</summary>
    public string? Aborted { get; set; }

    public long Intended(long k) => Start + (long)(k * _ticksPerEvent);

    public DateTimeOffset IntendedWall(long k) => WallStart + TimeSpan.FromSeconds(k / Rate);

    public void OnSent() => Interlocked.Increment(ref _sent);

    public void OnAcked(long k, long now)
    {
        Interlocked.Increment(ref _acked);
        Ack.RecordValue(Math.Clamp(Micros(now - Intended(k)), 0, HighestMicros));
    }

    /// <summary>A send with no acknowledgement to wait for (MQTT QoS 0) is written: counted, but not timed as an ack.</summary>
    public void OnWritten() => Interlocked.Increment(ref _acked);

    public void OnSendError() => Interlocked.Increment(ref _sendErrors);

    public void OnDelivered(long k, long now)
    {
        if (k < 0 || k >= Count)
        {
            return;
        }
        // At least once: a redelivered batch may repeat an id; count each event once.
        if (Interlocked.Exchange(ref _seen[k], 1) == 1)
        {
            Interlocked.Increment(ref _duplicates);
            return;
        }
        var latency = Math.Clamp(Micros(now - Intended(k)), 0, HighestMicros);
        lock (_deliveryLock)
        {
            Delivery.RecordValue(latency);
            if (k >= Count * 3 / 4)
            {
                DeliveryLastQuarter.RecordValue(latency);
            }
        }
        Interlocked.Increment(ref _delivered);
    }

    /// <summary>Copies of the delivery histograms, taken while no delivery is being recorded.</summary>
    public (LongHistogram All, LongHistogram LastQuarter) SnapshotDelivery()
    {
        lock (_deliveryLock)
        {
            return ((LongHistogram)Delivery.Copy(), (LongHistogram)DeliveryLastQuarter.Copy());
        }
    }

    public static long Micros(long ticks) => ticks * 1_000_000 / Stopwatch.Frequency;
}
