using Streaming.Domain;

namespace Streaming.Dashboard;

/// <summary>
/// Ingest-to-screen latency per kind, computed here so pages need not: clean events are counted by receive time (to the
/// millisecond) in each silo and arrive in its digests; each push turns them into latencies to the push time, kept as one quantile sketch per
/// kind and push for the last <see cref="Span"/>. Memory: bounded by the distinct milliseconds between two pushes.
/// </summary>
public sealed class IngestLatency
{
    /// <summary>How far back the quantiles look.</summary>
    public static readonly TimeSpan Span = TimeSpan.FromSeconds(10);

    private readonly Lock _lock = new();
    private readonly Queue<(DateTimeOffset At, Dictionary<string, QuantileSketch> Sketches)> _recent = new();
    private Dictionary<(string Kind, long Ms), int> _pending = [];

    /// <summary>Notes clean events' receive times (a silo's digest).</summary>
    public void Add(IReadOnlyList<ReceiveCount> received)
    {
        lock (_lock)
        {
            foreach (var r in received)
            {
                var key = (r.Kind, r.Ms);
                _pending[key] = _pending.GetValueOrDefault(key) + r.Count;
            }
        }
    }

    /// <summary>Turns the events noted since the previous push into latencies to <paramref name="now"/>, the push time.</summary>
    public void Observe(DateTimeOffset now)
    {
        Dictionary<(string Kind, long Ms), int> pending;
        lock (_lock)
        {
            (pending, _pending) = (_pending, []);
        }
        var sketches = new Dictionary<string, QuantileSketch>(StringComparer.Ordinal);
        var nowMs = now.ToUnixTimeMilliseconds();
        foreach (var ((kind, ms), n) in pending)
        {
            if (!sketches.TryGetValue(kind, out var sketch))
            {
                sketches[kind] = sketch = new QuantileSketch();
            }
            for (var i = 0; i < n; i++)
            {
                sketch.Add(Math.Max(0, nowMs - ms));
            }
        }
        lock (_lock)
        {
            _recent.Enqueue((now, sketches));
            while (_recent.Peek().At <= now - Span)
            {
                _recent.Dequeue();
            }
        }
    }

    /// <summary>The kinds with events in the last <see cref="Span"/>, with their median, 99th and 99.9th percentile.</summary>
    public IReadOnlyList<KindLatency> Current()
    {
        lock (_lock)
        {
            var merged = new Dictionary<string, QuantileSketch>(StringComparer.Ordinal);
            foreach (var (kind, sketch) in _recent.SelectMany(r => r.Sketches))
            {
                if (!merged.TryGetValue(kind, out var into))
                {
                    merged[kind] = into = new QuantileSketch();
                }
                into.Merge(sketch);
            }
            return [.. merged.Where(m => m.Value.Count > 0).OrderBy(m => m.Key, StringComparer.Ordinal)
                .Select(m => new KindLatency(m.Key, Math.Round(m.Value.Quantile(0.5)), Math.Round(m.Value.Quantile(0.99)),
                    Math.Round(m.Value.Quantile(0.999)), m.Value.Count))];
        }
    }
}
