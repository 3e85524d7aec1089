using Streaming.Domain;

namespace Streaming.Dashboard;

/// <summary>The newest images this silo's grains accepted, for the page's "latest images": a fixed number, newest first.</summary>
public sealed class RecentImages
{
    /// <summary>How many are kept and shown.</summary>
    public const int Kept = 12;

    private readonly Lock _lock = new();
    private readonly List<TrendImage> _images = [];
    private bool _changed;

    /// <summary>Keeps the images among <paramref name="events"/> that have a thumbnail.</summary>
    public void Observe(IReadOnlyList<CleanEvent> events)
    {
        lock (_lock)
        {
            foreach (var e in events)
            {
                if (e.Media is { ThumbnailHash: { } thumbnail } media)
                {
                    _images.Insert(0, new TrendImage(e.Entity.Value, e.Source.Value, e.EventTime, ThumbnailEndpoint.PathFor(thumbnail),
                        media.Width, media.Height, media.NearDuplicateOf is not null));
                    _changed = true;
                }
            }
            if (_images.Count > Kept)
            {
                _images.RemoveRange(Kept, _images.Count - Kept);
            }
        }
    }

    /// <summary>
    /// The images kept when they changed since the previous push, else null; with <paramref name="always"/> (a page's
    /// snapshot) the images whether or not they changed, leaving the change for the next push to every page.
    /// </summary>
    public IReadOnlyList<TrendImage>? Take(bool always)
    {
        lock (_lock)
        {
            if (!_changed && !always)
            {
                return null;
            }
            _changed &= always;
            return [.. _images];
        }
    }
}
