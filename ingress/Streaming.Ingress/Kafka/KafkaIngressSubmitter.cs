using Microsoft.Extensions.Logging;

namespace Streaming.Ingress;

/// <summary>Submits one batch to the grains with a bounded number of attempts and back-off; says whether it is durable.</summary>
internal sealed class KafkaIngressSubmitter(IngestService ingest, KafkaIngressOptions o, ILogger logger, CancellationToken stopping)
{
    /// <summary>True once the events are durable (decode refusals dead-lettered); false after the last attempt failed or on stop.</summary>
    public async Task<bool> SubmitAsync(IReadOnlyList<IngestItem> items)
    {
        for (var attempt = 1; items.Count > 0; attempt++)
        {
            try
            {
                await ingest.IngestBatchAsync(items);
                return true;
            }
            catch (Exception ex) when (attempt < o.Attempts && !stopping.IsCancellationRequested)
            {
                // A transient failure (a silo going down, a storage timeout): retry the whole batch; what was stored comes back as duplicates.
                logger.BatchRetry(ex, items.Count, attempt);
                await Task.WhenAny(Task.Delay(o.RetryBackoff * Math.Pow(2, attempt - 1), stopping));
            }
            catch (Exception ex)
            {
                logger.BatchGaveUp(ex, items.Count, attempt);
                return false;
            }
        }
        return true;
    }
}
