using System.Runtime.InteropServices;
using System.Text;

namespace Streaming.Domain;

/// <summary>
/// Keys seen recently, each with its event time. Keys older than a horizon behind the newest event
/// are forgotten (anything that old is late anyway), and a hard cap bounds memory whatever the input.
/// </summary>
/// <remarks>
/// Stored packed, and most of it packed once: each <see cref="SealEvery"/> keys added are packed and kept as the bytes
/// they are stored as (<see cref="Sealed"/>), and a write encodes only the keys added since (<see cref="Packed"/>).
/// A sensor's memory holds ten minutes of its events, thousands of keys at a few a second, and encoding them all again
/// for every event's write cost more than the rest of the event. A sweep that forgets keys packs what is left afresh.
/// </remarks>
[GenerateSerializer, Alias("streaming.dedupe-memory.v1")]
public sealed class DedupeMemory<TKey> where TKey : notnull, IDedupeKey<TKey>
{
    /// <summary>Keys added before they are sealed into <see cref="Sealed"/>.</summary>
    internal const int SealEvery = 64;

    // One buffer per thread, kept: a memory of thousands of keys would otherwise grow a new one, doubling, per write. It is
    // as large as the largest memory written on the thread, which MaxDedupeEntries bounds.
    [ThreadStatic] private static BinaryWriter? t_writer;

    [NonSerialized] private readonly Dictionary<TKey, long> _seen = [];
    // Keys added since the last seal, in order, each in _seen; and every key before, as runs of (count, keys) appended as
    // they sealed. A sweep that forgets keys seals what is left as one run. Until SealEvery keys are remembered nothing is
    // sealed and every key is recent, with no list for them: a fresh entity's memories hold one key each.
    [NonSerialized] private List<TKey>? _recent;
    [NonSerialized] private byte[] _sealed = [];
    [NonSerialized] private int _sealedLength;
    [Id(1)] private int _sizeAfterLastSweep;

    /// <summary>
    /// The keys added since the last seal, with their event times, as stored: one packed array, since the serializer
    /// tracks every object it writes (each key's string in a table that it rebuilds on every write). Order is kept, so a
    /// state reads back to the same bytes. The bytes read are the thread's packing buffer, valid until the next packing
    /// on the thread: the serializer writes them out at once, and a copy copies them.
    /// </summary>
    [Id(2)]
    internal ReadOnlyMemory<byte> Packed
    {
        get => _recent is null ? Pack(_seen.Keys) : Pack(_recent);
        set
        {
            foreach (var (key, ticks) in Unpack(value))
            {
                _seen.TryAdd(key, ticks);
            }
        }
    }

    /// <summary>The keys sealed so far, as runs of packed keys; written as they are, not encoded again.</summary>
    [Id(3)]
    internal ReadOnlyMemory<byte> Sealed
    {
        get => _sealed.AsMemory(0, _sealedLength);
        set
        {
            if (value.IsEmpty)
            {
                return;
            }
            _recent = [.. _seen.Keys]; // read after Packed: the keys so far are the recent ones
            _sealed = value.ToArray();
            _sealedLength = _sealed.Length;
            foreach (var (key, ticks) in Unpack(_sealed))
            {
                _seen.TryAdd(key, ticks);
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
                _seen.TryAdd(key, ticks);
            }
        }
    }

    /// <summary>How many keys are remembered.</summary>
    public int Count => _seen.Count;

    /// <summary>Whether the key was seen.</summary>
    public bool Contains(TKey key) => _seen.ContainsKey(key);

    /// <summary>Remembers a key; false when it was already there.</summary>
    public bool Add(TKey key, DateTimeOffset eventTime)
    {
        if (!_seen.TryAdd(key, eventTime.UtcTicks))
        {
            return false;
        }
        if (_recent is null)
        {
            if (_seen.Count >= SealEvery)
            {
                Reseal();
            }
        }
        else
        {
            _recent.Add(key);
            if (_recent.Count >= SealEvery)
            {
                Append(Pack(_recent).Span);
                _recent.Clear();
            }
        }
        return true;
    }

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
        var (cutoff, before) = (horizon.UtcTicks, _seen.Count);
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
        if (_seen.Count < before)
        {
            Reseal();
        }
    }

    /// <summary>
    /// Seals every key remembered as one run, so the sealed bytes hold no forgotten key; fewer than <see cref="SealEvery"/>
    /// are left all recent.
    /// </summary>
    internal void Reseal()
    {
        if (_seen.Count < SealEvery)
        {
            (_recent, _sealed, _sealedLength) = (null, [], 0);
            return;
        }
        _recent = [];
        _sealed = Pack(_seen.Keys).ToArray(); // sized to what is left: a memory that shrank does not keep its largest array
        _sealedLength = _sealed.Length;
    }

    private void Append(ReadOnlySpan<byte> run)
    {
        if (_sealedLength + run.Length > _sealed.Length)
        {
            Array.Resize(ref _sealed, Math.Max(_sealedLength + run.Length, 2 * _sealed.Length));
        }
        run.CopyTo(_sealed.AsSpan(_sealedLength));
        _sealedLength += run.Length;
    }

    // A run: the count, then each key and its event time.
    private ReadOnlyMemory<byte> Pack(IReadOnlyCollection<TKey> keys)
    {
        var writer = t_writer ??= new BinaryWriter(new MemoryStream(), Encoding.UTF8);
        var buffer = (MemoryStream)writer.BaseStream;
        buffer.SetLength(0);
        writer.Write7BitEncodedInt(keys.Count);
        foreach (var key in keys)
        {
            TKey.Write(writer, key);
            writer.Write(_seen[key]);
        }
        writer.Flush();
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    // Every key of every run in the bytes, in order.
    private static List<(TKey Key, long Ticks)> Unpack(ReadOnlyMemory<byte> packed)
    {
        // Read where the bytes are (the serializer reads them into an array of their own): no copy just to wrap them.
        var bytes = MemoryMarshal.TryGetArray(packed, out var segment) ? segment : new ArraySegment<byte>(packed.ToArray());
        using var reader = new BinaryReader(new MemoryStream(bytes.Array!, bytes.Offset, bytes.Count, writable: false), Encoding.UTF8);
        var keys = new List<(TKey, long)>();
        while (reader.BaseStream.Position < reader.BaseStream.Length)
        {
            var count = reader.Read7BitEncodedInt();
            for (var i = 0; i < count; i++)
            {
                keys.Add((TKey.Read(reader), reader.ReadInt64()));
            }
        }
        return keys;
    }
}
