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

    /// <summary>Readings rejected, by reason.</summary>
    [Id(3)] public Dictionary<RejectReason, long> Rejected { get; set; } = [];

    /// <summary>Accepted readings carrying each flag.</summary>
    [Id(4)] public Dictionary<ReadingFlags, long> Flagged { get; set; } = [];

    internal void Reject(RejectReason reason) => Rejected[reason] = Rejected.GetValueOrDefault(reason) + 1;

    internal void Flag(ReadingFlags flags)
    {
        foreach (var flag in s_flags)
        {
            if (flags.HasFlag(flag))
            {
                Flagged[flag] = Flagged.GetValueOrDefault(flag) + 1;
            }
        }
    }

    private static readonly ReadingFlags[] s_flags =
        [ReadingFlags.UnitConverted, ReadingFlags.Stuck, ReadingFlags.Spike, ReadingFlags.OutOfOrder];
}
