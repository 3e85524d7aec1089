using Streaming.Domain;
using Streaming.Grains.Abstractions;

namespace Streaming.Ingress;

/// <summary>
/// The one way into the grains for every transport: groups decoded envelopes by source (keeping their order)
/// and hands each group to its source grain. When this returns, what it reports accepted is durable.
/// </summary>
public sealed class IngestPipeline(IGrainFactory grains)
{
    /// <summary>Ingests envelopes; returns the combined report of every source.</summary>
    public async Task<IngestReport> Submit(IReadOnlyList<EventEnvelope> envelopes)
    {
        if (envelopes.Count == 0)
        {
            return new IngestReport(0, 0, []);
        }
        var reports = await Task.WhenAll(envelopes.GroupBy(e => e.Source).Select(g =>
            GrainReferences.Get<ISourceGrain>(grains, GrainKeys.Source(g.Key)).Ingest([.. g])));
        return new IngestReport(reports.Sum(r => r.Accepted), reports.Sum(r => r.Rejected), [.. reports.SelectMany(r => r.Rejections)]);
    }
}
