using Streaming.Domain;

namespace Streaming.Dashboard;

/// <summary>The newest images the silos accepted, for the page's "latest images": a fixed number, newest first.</summary>
public sealed class RecentImages
{
    /// <summary>How many are kept and shown.</summary>
    public const int Kept = 12;

    private readonly Lock _lock = new();
    private readonly List<TrendImage> _images = [];
    private bool _changed;

    /// <summary>Keeps <paramref name="images"/> (a silo's digest, newest first) that are not kept already.</summary>
    public void Add(IReadOnlyList<TrendImage> images)
    {
        lock (_lock)
        {
            var added = images.Where(i => !_images.Contains(i)).ToList();
            _images.InsertRange(0, added);
            _changed |= added.Count > 0;
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
