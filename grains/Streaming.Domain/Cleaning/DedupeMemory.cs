using System.Text;

namespace Streaming.Domain;

/// <summary>
/// Keys seen recently, each with its event time. Keys older than a horizon behind the newest event
/// are forgotten (anything that old is late anyway), and a hard cap bounds memory whatever the input.
/// </summary>
[GenerateSerializer, Alias("streaming.dedupe-memory.v1")]
public sealed class DedupeMemory<TKey> where TKey : notnull, IDedupeKey<TKey>
{
    // One buffer per thread, kept: a memory of thousands of keys would otherwise grow a new one, doubling, per write. It is
    // as large as the largest memory written on the thread, which MaxDedupeEntries bounds.
    [ThreadStatic] private static BinaryWriter? t_writer;

    [NonSerialized] private readonly Dictionary<TKey, long> _seen = [];
    [Id(1)] private int _sizeAfterLastSweep;

    /// <summary>
    /// The keys and their event times as stored: one packed array, since the serializer tracks every object it writes
    /// (each key's string in a table that it rebuilds on every write), which made a source's write at one event a second
    /// cost a millisecond. Order is kept, so a state reads back to the same bytes. The bytes read are the thread's packing
    /// buffer, valid until the next read of this property on the thread: the serializer writes them out at once (stored
    /// as a byte array was, without a new one per write), and a copy copies them.
    /// </summary>
    [Id(2)]
    internal ReadOnlyMemory<byte> Packed
    {
        get
        {
            var writer = t_writer ??= new BinaryWriter(new MemoryStream(), Encoding.UTF8);
            var buffer = (MemoryStream)writer.BaseStream;
            buffer.SetLength(0);
            writer.Write7BitEncodedInt(_seen.Count);
            foreach (var (key, ticks) in _seen)
            {
                TKey.Write(writer, key);
                writer.Write(ticks);
            }
            writer.Flush();
            return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        }
        set
        {
            using var reader = new BinaryReader(new MemoryStream(value.ToArray()), Encoding.UTF8);
            var count = reader.Read7BitEncodedInt();
            _seen.EnsureCapacity(_seen.Count + count);
            for (var i = 0; i < count; i++)
            {
                var key = TKey.Read(reader);
                _seen[key] = reader.ReadInt64();
            }
        }
    }

    /// <summary>Keys as states written before they were packed; only ever set by reading one.</summary>
    [Id(0)]
    public Dictionary<TKey, long>? Unpacked
    {
        get => null;
        set
        {
            foreach (var (key, ticks) in value ?? [])
            {
                _seen[key] = ticks;
            }
        }
    }

    /// <summary>How many keys are remembered.</summary>
    public int Count => _seen.Count;

    /// <summary>Whether the key was seen.</summary>
    public bool Contains(TKey key) => _seen.ContainsKey(key);

    /// <summary>Remembers a key; false when it was already there.</summary>
    public bool Add(TKey key, DateTimeOffset eventTime) => _seen.TryAdd(key, eventTime.UtcTicks);

    /// <summary>
    /// Forgets keys with event times before <paramref name="horizon"/>; if more than <paramref name="maxEntries"/>
    /// remain, keeps only the newest three quarters of the cap. Sweeps only when the memory has doubled since the
    /// last sweep or passed the cap, and a capped sweep leaves a quarter of the cap free, so the cost stays
    /// amortised (O(log n) per key at the cap, O(1) below it).
    /// </summary>
    public void Trim(DateTimeOffset horizon, int maxEntries)
    {
        if (_seen.Count < Math.Max(64, 2 * _sizeAfterLastSweep) && _seen.Count <= maxEntries)
        {
            return;
        }
        var cutoff = horizon.UtcTicks;
        foreach (var (key, ticks) in _seen)
        {
            if (ticks < cutoff)
            {
                _seen.Remove(key);
            }
        }
        if (_seen.Count > maxEntries)
        {
            // Order by event time, then key text, so the survivors do not depend on insertion order.
            var keep = Math.Max(1, maxEntries - (maxEntries / 4));
            var excess = _seen.OrderBy(p => p.Value).ThenBy(p => p.Key.ToString(), StringComparer.Ordinal)
                .Take(_seen.Count - keep).Select(p => p.Key).ToList();
            foreach (var key in excess)
            {
                _seen.Remove(key);
            }
        }
        _sizeAfterLastSweep = _seen.Count;
    }
}
