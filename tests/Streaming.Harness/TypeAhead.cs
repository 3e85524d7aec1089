using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace Streaming.Harness;

/// <summary>
/// A user typing real addresses into the type-ahead: for each GP practice of the NHS ODS extract (data/addresses), in
/// file order, the text typed is its street line and town ("French Weir Avenue Taunton"), or for every third practice its
/// postcode ("TA1 1NW"); each keypress from the second character on is one query, so the queries are the successive
/// prefixes of that text. Query k is prefix k of that sequence, round and round.
/// </summary>
internal sealed class TypeAheadQueries : IMessages
{
    private readonly List<byte[]> _queries = [];

    public TypeAheadQueries(string root)
    {
        var practices = OpenData.GpPractices(root);
        var texts = new List<string>();
        for (var i = 0; i < practices.Count; i++)
        {
            var p = practices[i];
            string text;
            if (i % 3 == 2 && p.Postcode.Length > 0)
            {
                text = p.Postcode;
            }
            else
            {
                // The first line that is not the practice's own name is the street; the one after it, the town.
                var lines = p.AddressLines.Where(l => !l.Equals(p.Name, StringComparison.OrdinalIgnoreCase)).Take(2).ToList();
                text = CultureInfo.InvariantCulture.TextInfo.ToTitleCase((lines.Count > 0 ? string.Join(' ', lines) : p.Name).ToLowerInvariant());
            }
            texts.Add(text);
            for (var n = 2; n <= text.Length; n++)
            {
                if (text[n - 1] != ' ')
                {
                    _queries.Add(Encoding.UTF8.GetBytes(text[..n]));
                }
            }
        }
        Addresses = texts.Count;
        AverageLength = texts.Average(t => t.Length);
    }

    public int Addresses { get; }

    public int Queries => _queries.Count;

    public double AverageLength { get; }

    public string Source(long n) => "";

    public byte[] Event(string prefix, long k, string source, DateTimeOffset time) => _queries[(int)(k % _queries.Count)];
}

/// <summary>
/// <c>GET /api/places/search?q=</c> over a pool of HTTP/1.1 connections; the whole answer read counts as the event out
/// (its latency from the intended send time) and as its acknowledgement.
/// </summary>
internal sealed class SearchSender(Uri baseAddress, int connections, int limit) : IEventSender
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(120),
    };
    private string? _firstError;
    private long _answers;
    private long _bytes;
    private long _empty;

    public string Describe => $"HTTP/1.1, {connections} connections, GET /api/places/search?q=PREFIX&limit={limit}";

    public string? FirstError => _firstError;

    /// <summary>Mean size of an answer's body, and how many answers were an empty list.</summary>
    public (double MeanBytes, long Empty) Answers => (_answers > 0 ? (double)_bytes / _answers : 0, Interlocked.Read(ref _empty));

    public Task ConnectAsync() => Task.CompletedTask;

    public void Send(Step step, long k, string source, byte[] payload)
    {
        var q = Uri.EscapeDataString(Encoding.UTF8.GetString(payload));
        step.OnSent();
        _http.GetAsync(new Uri($"/api/places/search?q={q}&limit={limit}", UriKind.Relative)).ContinueWith(async t =>
        {
            if (t.IsCompletedSuccessfully && t.Result.StatusCode == HttpStatusCode.OK)
            {
                // GetAsync buffers the body before it completes: the answer is whole here.
                var now = Stopwatch.GetTimestamp();
                var body = await t.Result.Content.ReadAsByteArrayAsync();
                Interlocked.Increment(ref _answers);
                Interlocked.Add(ref _bytes, body.Length);
                if (body is [(byte)'[', (byte)']'])
                {
                    Interlocked.Increment(ref _empty);
                }
                step.OnAcked(k, now);
                step.OnDelivered(k, now);
            }
            else
            {
                Interlocked.CompareExchange(ref _firstError, t.IsCompletedSuccessfully ? $"HTTP {(int)t.Result.StatusCode}" : t.Exception?.GetBaseException().Message, null);
                step.OnSendError();
            }
            if (t.IsCompletedSuccessfully)
            {
                t.Result.Dispose();
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }
}
