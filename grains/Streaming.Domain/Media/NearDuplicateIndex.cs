namespace Streaming.Domain;

/// <summary>
/// The most recent images (at most <see cref="Capacity"/>; the oldest is forgotten first), answering "which recent image
/// is closest to this one, within <see cref="Threshold"/> bits of perceptual hash?". The same bytes (same content hash)
/// always count as a duplicate, whatever the threshold.
/// </summary>
/// <remarks>
/// <para>The default threshold, 6 of 64 bits, catches the same picture re-encoded, resized or lightly cropped (typically
/// 0–4 bits apart) while unrelated photos are about 32 bits apart, so a false match needs some 26 bits to agree by
/// chance.</para>
/// <para>Search is a multi-index over 8 bands of 8 bits. Two hashes at most 7 bits apart differ in at most 7 bands, so by
/// the pigeonhole principle they agree exactly in at least one: looking up each band of the new hash finds every
/// candidate, with no misses, for thresholds up to 7. A random hash shares a given band with 1 image in 256, so a lookup
/// scores about 1/32 of the memory instead of all of it. (Four 16-bit bands would only be exact up to 3 bits.) Above 7
/// the index is not exact and every remembered image is scanned instead.</para>
/// <para>Only the entries are persisted; the band index is rebuilt from them on first use after loading.</para>
/// </remarks>
[GenerateSerializer, Alias("streaming.near-duplicate-index.v1")]
public sealed class NearDuplicateIndex
{
    /// <summary>Default number of images remembered: 10,000.</summary>
    public const int DefaultCapacity = 10_000;

    /// <summary>Default greatest distance, in bits, of a near duplicate: 6.</summary>
    public const int DefaultThreshold = 6;

    /// <summary>The greatest threshold the band index answers exactly; above it, searches scan every entry.</summary>
    public const int MaxIndexedThreshold = Bands - 1;

    private const int Bands = 8;
    private const int BandBits = 64 / Bands;
    private const int BandValues = 1 << BandBits;

    [Id(0)] private readonly NearDuplicateEntry?[] _entries;
    [Id(1)] private readonly int _threshold;
    [Id(2)] private int _next;
    [Id(3)] private int _count;

    // Derived from _entries, so not persisted: slots by band value, and the newest slot holding each content hash.
    [NonSerialized] private List<int>?[]? _bands;
    [NonSerialized] private Dictionary<string, int>? _byContent;

    /// <summary>An empty index.</summary>
    /// <param name="capacity">Images remembered; at least 1.</param>
    /// <param name="threshold">Greatest distance in bits (0–64) at which an image counts as a near duplicate.</param>
    public NearDuplicateIndex(int capacity = DefaultCapacity, int threshold = DefaultThreshold)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(threshold);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threshold, 64);
        _entries = new NearDuplicateEntry?[capacity];
        _threshold = threshold;
    }

    /// <summary>How many images are remembered at most.</summary>
    public int Capacity => _entries.Length;

    /// <summary>How many images are remembered.</summary>
    public int Count => _count;

    /// <summary>Greatest distance in bits at which an image counts as a near duplicate.</summary>
    public int Threshold => _threshold;

    /// <summary>
    /// The remembered image closest to this one (same bytes first, then least distance, then most recent), or null when
    /// none is within the threshold; then remembers this one, forgetting the oldest if the index is full.
    /// </summary>
    public NearDuplicateMatch? Check(ulong hash, string contentHash, string source, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(contentHash);
        ArgumentNullException.ThrowIfNull(source);
        var match = Find(hash, contentHash);
        Remember(new NearDuplicateEntry(hash, contentHash, source, time));
        return match;
    }

    /// <summary>The closest remembered image, as <see cref="Check"/> finds it, without remembering this one.</summary>
    public NearDuplicateMatch? Find(ulong hash, string contentHash)
    {
        var (bands, byContent) = EnsureIndex();
        if (byContent.TryGetValue(contentHash, out var same))
        {
            var entry = _entries[same]!;
            return new NearDuplicateMatch(entry, PerceptualHash.Distance(hash, entry.Hash), SameContent: true);
        }

        var best = -1;
        var bestDistance = _threshold + 1;
        var bestAge = int.MaxValue;
        void Consider(int slot)
        {
            var distance = PerceptualHash.Distance(hash, _entries[slot]!.Hash);
            var age = Age(slot);
            if (distance <= _threshold && (distance < bestDistance || (distance == bestDistance && age < bestAge)))
            {
                (best, bestDistance, bestAge) = (slot, distance, age);
            }
        }

        if (_threshold <= MaxIndexedThreshold)
        {
            for (var band = 0; band < Bands; band++)
            {
                foreach (var slot in bands[BucketOf(hash, band)] ?? [])
                {
                    Consider(slot);
                }
            }
        }
        else
        {
            for (var slot = 0; slot < _count; slot++)
            {
                Consider(slot);
            }
        }
        return best < 0 ? null : new NearDuplicateMatch(_entries[best]!, bestDistance, SameContent: false);
    }

    private void Remember(NearDuplicateEntry entry)
    {
        var (bands, byContent) = EnsureIndex();
        var slot = _next;
        if (_entries[slot] is { } evicted)
        {
            for (var band = 0; band < Bands; band++)
            {
                bands[BucketOf(evicted.Hash, band)]!.Remove(slot);
            }
            if (byContent.TryGetValue(evicted.ContentHash, out var newest) && newest == slot)
            {
                byContent.Remove(evicted.ContentHash);
            }
        }
        _entries[slot] = entry;
        Index(bands, byContent, slot);
        _next = (slot + 1) % _entries.Length;
        _count = Math.Min(_count + 1, _entries.Length);
    }

    private (List<int>?[] Bands, Dictionary<string, int> ByContent) EnsureIndex()
    {
        if (_bands is null || _byContent is null)
        {
            _bands = new List<int>?[Bands * BandValues];
            _byContent = new Dictionary<string, int>(StringComparer.Ordinal);
            // Oldest first, so a content hash held twice ends up pointing at its newest slot.
            for (var i = _count; i > 0; i--)
            {
                Index(_bands, _byContent, (_next - i + _entries.Length) % _entries.Length);
            }
        }
        return (_bands, _byContent);
    }

    private void Index(List<int>?[] bands, Dictionary<string, int> byContent, int slot)
    {
        var entry = _entries[slot]!;
        for (var band = 0; band < Bands; band++)
        {
            (bands[BucketOf(entry.Hash, band)] ??= []).Add(slot);
        }
        byContent[entry.ContentHash] = slot;
    }

    private int Age(int slot) => (_next - 1 - slot + (2 * _entries.Length)) % _entries.Length;

    private static int BucketOf(ulong hash, int band) => (band * BandValues) + (int)((hash >> (band * BandBits)) & (BandValues - 1));
}
