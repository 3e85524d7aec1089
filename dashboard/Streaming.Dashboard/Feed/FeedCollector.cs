using Microsoft.Extensions.Options;
using Streaming.Domain;
using Streaming.Grains.Abstractions;
using Streaming.Ingress;

namespace Streaming.Dashboard;

/// <summary>
/// Decorates a silo's output sink (Kafka, or the disabled one): everything still goes to the inner sink first, and this
/// silo's share of the dashboard is gathered here between two digests (<see cref="FeedPublisher"/>): counts by kind and
/// receive time, the newest revision of each changed window of areas, the system and watched entities, new images, the
/// sources panel, top entities and dead letters of this silo, and the alerts that entity windows fire (which also go downstream).
/// </summary>
public sealed class FeedCollector(
    IOutputSink inner, SourceBoard sources, TopEntities top, DeadLetterRates deadLetterRates, DeadLetterOffice deadLetters,
    IOptions<AlertOptions> alertOptions, TimeProvider time)
    : IOutputSink
{
    /// <summary>Newest dead letters a digest lists.</summary>
    public const int RecentDeadLetters = 5;

    private readonly Lock _lock = new();
    private readonly AlertEvaluator _alerts = new([.. alertOptions.Value.Rules.Select(r => r.ToRule(out _)!)]);
    private Dictionary<string, long> _kinds = new(StringComparer.Ordinal);
    private Dictionary<(string Kind, long Ms), int> _received = [];
    private Dictionary<WindowSlot, OwnedWindow> _windows = [];
    private List<TrendImage> _images = [];
    private List<DashboardAlert> _fired = [];
    private readonly List<TrendImage> _newestImages = [];
    private HashSet<string> _watched = new(StringComparer.Ordinal);
    private string? _newestDeadLetterSent = "";

    /// <summary>The sink this one decorates.</summary>
    public IOutputSink Inner => inner;

    /// <summary>The entity groups (<c>entity:{key}</c>) some dashboard watches, as the feed grain last answered.</summary>
    public void Watch(IReadOnlyCollection<string> groups)
    {
        var watched = new HashSet<string>(groups, StringComparer.Ordinal);
        Volatile.Write(ref _watched, watched);
    }

    /// <inheritdoc />
    public async ValueTask PublishCleanAsync(IReadOnlyList<CleanEvent> events, CancellationToken cancellationToken = default)
    {
        await inner.PublishCleanAsync(events, cancellationToken);
        // Counted once durable downstream: an event the sender will send again is not counted twice.
        sources.Count(events, time.GetUtcNow());
        lock (_lock)
        {
            foreach (var e in events)
            {
                var kind = TrendBuffer.KindName(e.Kind);
                _kinds[kind] = _kinds.GetValueOrDefault(kind) + 1;
                var key = (kind, e.ReceivedAt.ToUnixTimeMilliseconds());
                _received[key] = _received.GetValueOrDefault(key) + 1;
                if (e.Media is { ThumbnailHash: { } thumbnail } media)
                {
                    var image = new TrendImage(e.Entity.Value, e.Source.Value, e.EventTime, ThumbnailEndpoint.PathFor(thumbnail),
                        media.Width, media.Height, media.NearDuplicateOf is not null);
                    _images.Insert(0, image);
                    _newestImages.Insert(0, image);
                }
            }
            Trim(_images);
            Trim(_newestImages);
        }
    }

    /// <inheritdoc />
    public void PublishWindows(string owner, IReadOnlyList<WindowResult> windows)
    {
        inner.PublishWindows(owner, windows);
        var isEntity = TrendGroups.IsEntity(owner);
        if (isEntity)
        {
            top.Observe(owner, windows);
            // Alerts are judged here, on the entity windows as the grains emit them, and go downstream like the rest.
            IReadOnlyList<Alert> fired = [];
            if (_alerts.Rules.Count > 0)
            {
                lock (_lock)
                {
                    fired = _alerts.Evaluate(owner, windows, time.GetUtcNow());
                    _fired.InsertRange(0, fired.Select(DashboardAlert.From));
                }
            }
            foreach (var alert in fired)
            {
                inner.PublishAlert(alert);
            }
        }
        if (isEntity && !Volatile.Read(ref _watched).Contains(TrendGroups.ForOwner(owner)))
        {
            return;
        }
        lock (_lock)
        {
            foreach (var w in windows)
            {
                var slot = new WindowSlot(owner, w.Series, w.Size, w.Start.UtcTicks);
                // A provisional revision never replaces a final one.
                if (!_windows.TryGetValue(slot, out var kept) || (kept.Window.Revision <= w.Revision && !(kept.Window.Final && !w.Final)))
                {
                    _windows[slot] = new OwnedWindow(owner, w);
                }
            }
        }
    }

    /// <inheritdoc />
    public void PublishEntity(EntitySnapshot entity) => inner.PublishEntity(entity);

    /// <inheritdoc />
    public void PublishAlert(Alert alert) => inner.PublishAlert(alert);

    /// <summary>
    /// Takes what was gathered since the previous call as <paramref name="silo"/>'s digest; with <paramref name="sourcesDue"/>
    /// (about once a second) the sources panel, dead-letter rates and the top lists that changed, and with
    /// <paramref name="full"/> the top lists, metrics, newest images and dead letters whether or not they changed.
    /// </summary>
    public SiloDigest Drain(string silo, bool sourcesDue, bool full)
    {
        var now = time.GetUtcNow();
        Dictionary<string, long> kinds;
        Dictionary<(string Kind, long Ms), int> received;
        Dictionary<WindowSlot, OwnedWindow> windows;
        List<TrendImage> images;
        List<DashboardAlert> fired;
        lock (_lock)
        {
            (kinds, _kinds) = (_kinds, new(StringComparer.Ordinal));
            (received, _received) = (_received, []);
            (windows, _windows) = (_windows, []);
            (images, _images) = (_images, []);
            (fired, _fired) = (_fired, []);
            if (full)
            {
                images = [.. _newestImages];
            }
        }
        // Ranking looks at every entity of a metric: once a second is enough (the pages get top lists at most that often).
        var metrics = sourcesDue ? top.TakeMetrics(full) : null;
        var lists = sourcesDue ? (top.TakeMetrics(always: true) ?? []).Select(m => top.Take(m, full)).OfType<TopList>().ToArray() : [];
        var recent = deadLetters.Recent(null, null, RecentDeadLetters);
        var newest = recent.Count > 0 ? recent[0].Id : null;
        var recentChanged = full || newest != _newestDeadLetterSent;
        _newestDeadLetterSent = newest;
        return new SiloDigest(silo, now, full)
        {
            EventsByKind = kinds,
            Received = [.. received.Select(r => new ReceiveCount(r.Key.Kind, r.Key.Ms, r.Value))],
            Windows = [.. windows.Values],
            Images = [.. images],
            Alerts = [.. fired],
            Sources = sourcesDue ? sources.Current(now) : null,
            Top = lists.Length > 0 ? lists : null,
            Metrics = metrics is null ? null : [.. metrics],
            DeadLetters = sourcesDue ? [.. deadLetterRates.Current(now)] : null,
            RecentDeadLetters = recentChanged
                ? [.. recent.Select(d => new RecentDeadLetter(d.Id, d.FirstSeen, d.Source, d.Stage.ToString(), d.Reason, d.Detail, silo))]
                : null,
        };
    }

    private static void Trim(List<TrendImage> images)
    {
        if (images.Count > RecentImages.Kept)
        {
            images.RemoveRange(RecentImages.Kept, images.Count - RecentImages.Kept);
        }
    }
}
