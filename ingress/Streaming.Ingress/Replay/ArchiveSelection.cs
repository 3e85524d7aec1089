using Streaming.Domain;
using Streaming.Grains.Abstractions;

namespace Streaming.Ingress;

/// <summary>Which submitted envelopes the grains accepted: all but those the report rejected whole.</summary>
public static class ArchiveSelection
{
    /// <summary>
    /// The submitted envelopes minus those rejected whole (a rejection with no metric), in submission order. Envelopes
    /// accepted in part are kept as sent: replay refuses the same readings again. When one id appears more than once,
    /// the first ones are the accepted ones (the rest are duplicates), so the last as many as were rejected are dropped.
    /// </summary>
    public static IReadOnlyList<EventEnvelope> Accepted(IReadOnlyList<EventEnvelope> submitted, IngestReport report)
    {
        var rejectedWhole = new Dictionary<EnvelopeId, int>();
        foreach (var r in report.Rejections)
        {
            if (r.Metric is null)
            {
                rejectedWhole[r.Envelope] = rejectedWhole.GetValueOrDefault(r.Envelope) + 1;
            }
        }
        if (rejectedWhole.Count == 0)
        {
            return submitted;
        }
        var total = submitted.CountBy(e => e.Id).ToDictionary(p => p.Key, p => p.Value);
        var seen = new Dictionary<EnvelopeId, int>();
        var accepted = new List<EventEnvelope>(submitted.Count);
        foreach (var e in submitted)
        {
            var ordinal = seen[e.Id] = seen.GetValueOrDefault(e.Id) + 1;
            if (ordinal <= total[e.Id] - rejectedWhole.GetValueOrDefault(e.Id))
            {
                accepted.Add(e);
            }
        }
        return accepted;
    }
}
