using System.Net;
using System.Text;

namespace Streaming.Harness;

/// <summary>How the harness's loaders (memory-entities, the history prefill) post event batches to <c>/api/ingest</c>.</summary>
internal static class IngestPost
{
    /// <summary>Silo settings for one loader posting batches: the per-sender rate limit off, since it is not many devices.</summary>
    public static void Unlimited(IDictionary<string, string> settings) => settings["Ingress:Http:RequestsPerSecond"] = "0";

    /// <summary>
    /// Posts a JSON array until it is accepted. 503 means "not every event could be made durable; resend the whole
    /// request": do as a client should, backing off. Returns how many times it was resent.
    /// </summary>
    public static async Task<int> PostAsync(HttpClient http, string body, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(new Uri("/api/ingest", UriKind.Relative), content, ct);
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                return attempt - 1;
            }
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == 5)
            {
                throw new InvalidOperationException($"POST /api/ingest answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
            }
            await Task.Delay(1000 * attempt, ct);
        }
    }
}
