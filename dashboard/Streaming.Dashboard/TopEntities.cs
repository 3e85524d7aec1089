using Streaming.Domain;

namespace Streaming.Dashboard;

/// <summary>
/// Per metric, each entity's newest window of the smallest size seen, from the entity windows this silo's grains emit,
/// ranked on request by mean (then readings). Entities whose newest window began more than <see cref="Horizon"/> before
/// the metric's newest are left out of the ranking. Bounded: <see cref="MaxMetrics"/> metrics of <see cref="MaxEntities"/> entities.
/// </summary>
public sealed class TopEntities
{
    /// <summary>Entities in a top list.</summary>
    public const int Shown = 10;

    /// <summary>Most metrics kept (and offered in the page's select box).</summary>
    public const int MaxMetrics = 100;

    /// <summary>Most entities kept per metric; newer ones are not ranked until old ones go.</summary>
    public const int MaxEntities = 100_000;

    /// <summary>How far behind the newest window an entity's newest window may be and still rank.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromHours(1);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Board> _metrics = new(StringComparer.Ordinal);
    private bool _metricsChanged;

    /// <summary>Takes in an entity's emitted windows.</summary>
    public void Observe(string entity, IReadOnlyList<WindowResult> windows)
    {
        lock (_lock)
        {
            foreach (var w in windows.Where(w => w.Aggregate.Count > 0 && double.IsFinite(w.Aggregate.Mean)))
            {
                var metric = w.Series.ToString();
                if (!_metrics.TryGetValue(metric, out var board))
                {
                    if (_metrics.Count >= MaxMetrics)
                    {
                        continue;
                    }
                    _metrics[metric] = board = new Board(w.Size, w.Start);
                    _metricsChanged = true;
                }
                if (w.Size < board.Size)
                {
                    board.Size = w.Size;
                    board.Newest = w.Start;
                    board.Entities.Clear();
                }
                if (w.Size != board.Size || (board.Entities.TryGetValue(entity, out var kept)
                    && (kept.Start > w.Start || (kept.Start == w.Start && kept.Revision > w.Revision))))
                {
                    continue;
                }
                if (board.Entities.Count < MaxEntities || board.Entities.ContainsKey(entity))
                {
                    board.Entities[entity] = w;
                    board.Newest = w.Start > board.Newest ? w.Start : board.Newest;
                    board.Changed = true;
                }
            }
        }
    }

    /// <summary>The metrics seen, in order, when they changed since the previous call (or <paramref name="always"/>), else null.</summary>
    public IReadOnlyList<string>? TakeMetrics(bool always)
    {
        lock (_lock)
        {
            if (!_metricsChanged && !always)
            {
                return null;
            }
            _metricsChanged &= always;
            return [.. _metrics.Keys.Order(StringComparer.Ordinal)];
        }
    }

    /// <summary>The top list of <paramref name="metric"/> when it changed since the previous call (or <paramref name="always"/>), else null.</summary>
    public TopList? Take(string metric, bool always)
    {
        lock (_lock)
        {
            if (!_metrics.TryGetValue(metric, out var board))
            {
                return always ? new TopList(metric, "", [], 0) : null;
            }
            if (!board.Changed && !always)
            {
                return null;
            }
            board.Changed &= always;
            var from = board.Newest - Horizon;
            var top = new Leaders<KeyValuePair<string, WindowResult>>(Shown, HighestMeanFirst);
            var ranked = 0;
            foreach (var entity in board.Entities)
            {
                if (entity.Value.Start >= from)
                {
                    ranked++;
                    top.Offer(entity);
                }
            }
            return new TopList(metric, WindowSize.Format(board.Size),
                [.. top.InOrder.Select(e => new TopEntity(e.Key, e.Value.Aggregate.Mean, e.Value.Aggregate.Count, e.Value.Start, e.Value.Final))], ranked);
        }
    }

    // Highest mean first, then the most readings, then by name.
    private static int HighestMeanFirst(KeyValuePair<string, WindowResult> a, KeyValuePair<string, WindowResult> b)
    {
        var by = b.Value.Aggregate.Mean.CompareTo(a.Value.Aggregate.Mean);
        by = by != 0 ? by : b.Value.Aggregate.Count.CompareTo(a.Value.Aggregate.Count);
        return by != 0 ? by : string.CompareOrdinal(a.Key, b.Key);
    }

    private sealed class Board(TimeSpan size, DateTimeOffset newest)
    {
        public TimeSpan Size { get; set; } = size;

        public DateTimeOffset Newest { get; set; } = newest;

        public Dictionary<string, WindowResult> Entities { get; } = new(StringComparer.Ordinal);

        public bool Changed { get; set; }
    }
}
