using System.Collections.ObjectModel;

namespace Streaming.Domain;

/// <summary>Running quality counters of one source, shown as its health.</summary>
[GenerateSerializer, Alias("streaming.source-quality.v1")]
public sealed class SourceQuality
{
    /// <summary>Events with at least one accepted reading.</summary>
    [Id(0)] public long EventsAccepted { get; set; }

    /// <summary>Events rejected as a whole (duplicates, or every reading rejected).</summary>
    [Id(1)] public long EventsRejected { get; set; }

    /// <summary>Readings accepted.</summary>
    [Id(2)] public long ReadingsAccepted { get; set; }

    // Most sources never have a reading rejected or flagged: each table is made at its first count.
    [NonSerialized] private Dictionary<RejectReason, long>? _rejected;
    [NonSerialized] private Dictionary<ReadingFlags, long>? _flagged;

    /// <summary>Readings rejected, by reason.</summary>
    public IReadOnlyDictionary<RejectReason, long> Rejected =>
        (IReadOnlyDictionary<RejectReason, long>?)_rejected ?? ReadOnlyDictionary<RejectReason, long>.Empty;

    /// <summary>Accepted readings carrying each flag.</summary>
    public IReadOnlyDictionary<ReadingFlags, long> Flagged =>
        (IReadOnlyDictionary<ReadingFlags, long>?)_flagged ?? ReadOnlyDictionary<ReadingFlags, long>.Empty;

    [Id(3)]
    internal Dictionary<RejectReason, long>? StoredRejected
    {
        get => _rejected;
        set => _rejected = value is { Count: > 0 } ? value : null;
    }

    [Id(4)]
    internal Dictionary<ReadingFlags, long>? StoredFlagged
    {
        get => _flagged;
        set => _flagged = value is { Count: > 0 } ? value : null;
    }

    internal void Reject(RejectReason reason)
    {
        _rejected ??= [];
        _rejected[reason] = _rejected.GetValueOrDefault(reason) + 1;
    }

    internal void Flag(ReadingFlags flags)
    {
        foreach (var flag in s_flags)
        {
            if (flags.HasFlag(flag))
            {
                _flagged ??= [];
                _flagged[flag] = _flagged.GetValueOrDefault(flag) + 1;
            }
        }
    }

    private static readonly ReadingFlags[] s_flags =
        [ReadingFlags.UnitConverted, ReadingFlags.Stuck, ReadingFlags.Spike, ReadingFlags.OutOfOrder];
}
