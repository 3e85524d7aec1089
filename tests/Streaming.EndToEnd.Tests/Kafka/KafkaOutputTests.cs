using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Streaming.EndToEnd.Tests;

/// <summary>
/// The Kafka output of the embedded default, read back with independent clients: Debian's kcat for the clean and
/// dead-letter topics, kafkajs in a consumer group for the aggregates.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class KafkaOutputTests(KafkaSiloFixture fixture) : IClassFixture<KafkaSiloFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task KafkaOut_GoodAndBadEvents_CleanAndDeadLetterTopicsHoldEveryOne()
    {
        var source = "kout-" + Guid.NewGuid().ToString("N")[..8];
        var ids = Enumerable.Range(1, 5).Select(i => $"{source}-e{i}").ToArray();
        var good = ids.Select((id, i) =>
            $$"""{"source":"{{source}}","time":"2026-11-25T10:00:{{i * 10:00}}Z","readings":{"pm25":{{10 + i}}},"id":"{{id}}"}""");
        string[] bad =
        [
            $$"""{"source":"{{source}}","time":"2026-11-25T10:01:00Z","readings":{"humidity":140},"id":"{{source}}-bad"}""",
            """{"time":"2026-11-25T10:01:00Z","readings":{"pm25":1}}""",
        ];
        using var response = await Post("/api/ingest", $"[{string.Join(',', good.Concat(bad))}]");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(ids.Length, report.GetProperty("accepted").GetInt32());
        using var malformed = await Post($"/api/ingest?source={source}", "{\"source\":");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);

        // Clean events are on Kafka before the 202: no waiting.
        var clean = (await Kcat.ConsumeAllAsync(fixture.BootstrapServers, "streaming.clean.v1")).Where(r => r.Key == $"source:{source}").ToList();
        Assert.Equal(ids.Order(), clean.Select(r => r.Header("ce_id")).Order());
        foreach (var r in clean)
        {
            Assert.Equal("1.0", r.Header("ce_specversion"));
            Assert.Equal("org.nhs.streaming.clean.v1", r.Header("ce_type"));
            Assert.Equal($"/streaming/{source}", r.Header("ce_source"));
            Assert.Equal("application/json", r.Header("content-type"));
            Assert.Equal(r.Header("ce_id"), r.Value.GetProperty("id").GetString());
            Assert.Equal(DateTimeOffset.Parse(r.Header("ce_time"), CultureInfo.InvariantCulture), r.Value.GetProperty("eventTime").GetDateTimeOffset());
            Assert.Equal("pm25", Assert.Single(r.Value.GetProperty("readings").EnumerateArray()).GetProperty("metric").GetString());
        }

        // Dead letters are not awaited by the sender: wait until every refusal the silo lists is on the topic.
        var refused = (await fixture.Silo.Http.GetFromJsonAsync<JsonElement>("/api/deadletters?limit=1000")).EnumerateArray()
            .Where(l => l.GetProperty("source").GetString() is null || l.GetProperty("source").GetString() == source).ToList();
        Assert.Equal(3, refused.Count);
        IReadOnlyList<KafkaRecord> letters = [];
        await Eventually.AssertAsync(async () =>
        {
            letters = await Kcat.ConsumeAllAsync(fixture.BootstrapServers, "streaming.deadletter.v1");
            return refused.All(l => letters.Any(r => r.Header("ce_id") == l.GetProperty("id").GetString()));
        }, Wait, $"dead letters {string.Join(", ", refused.Select(l => l.GetProperty("id").GetString()))} in streaming.deadletter.v1");
        foreach (var expected in refused)
        {
            var r = letters.Single(m => m.Header("ce_id") == expected.GetProperty("id").GetString());
            Assert.Equal(expected.GetProperty("source").GetString(), r.Key);
            Assert.Equal("org.nhs.streaming.deadletter.v1", r.Header("ce_type"));
            Assert.Equal("1.0", r.Header("ce_specversion"));
            foreach (var field in new[] { "stage", "reason", "detail", "payload", "firstSeen" })
            {
                Assert.Equal(expected.GetProperty(field).GetString(), r.Value.GetProperty(field).GetString());
            }
            Assert.Equal("Http", r.Value.GetProperty("provenance").GetProperty("transport").GetString());
            Assert.Equal(1, r.Value.GetProperty("attempts").GetInt32());
        }
        Assert.Equal(["Clean/OutOfRange", "Decode/Malformed", "Decode/MissingField"],
            letters.Where(r => refused.Any(l => l.GetProperty("id").GetString() == r.Header("ce_id")))
                .Select(r => $"{r.Value.GetProperty("stage").GetString()}/{r.Value.GetProperty("reason").GetString()}").Order());
        var malformedLetter = letters.Single(r => r.Value.GetProperty("reason").GetString() == "Malformed" && r.Key == source);
        Assert.Equal("{\"source\":", Encoding.UTF8.GetString(malformedLetter.Value.GetProperty("payload").GetBytesFromBase64()));
    }

    [Fact]
    public async Task KafkaOut_AggregatesReadByKafkajsGroup_ReconcileWithWindowsApi()
    {
        var source = "kagg-" + Guid.NewGuid().ToString("N")[..8];
        var entity = $"source:{source}";
        // no2 only appears in this test, so the system roll-up's no2 windows hold exactly these events.
        (string Time, double Value)[] events =
            [("10:00:05", 10), ("10:00:25", 20), ("10:00:45", 30), ("10:01:10", 40), ("10:01:50", 50), ("10:08:00", 60)];
        var body = string.Join(',', events.Select((e, i) =>
            $$"""{"source":"{{source}}","time":"2026-11-25T{{e.Time}}Z","readings":{"no2":{{e.Value}}},"seq":{{i + 1}}}"""));
        using var response = await Post("/api/ingest", $"[{body}]");
        Assert.Equal(events.Length, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accepted").GetInt32());

        // The 10:08 event moves the watermark to 10:03: the 10:00 and 10:01 minutes close with 3 and 2 events.
        JsonElement[] api = [];
        await Eventually.AssertAsync(async () =>
        {
            api = [.. (await fixture.Silo.Http.GetFromJsonAsync<JsonElement>($"/api/entities/{entity}/windows?metric=no2&size=1m")).EnumerateArray()];
            return api.Count(w => w.GetProperty("final").GetBoolean()) == 2;
        }, Wait, $"two final 1m no2 windows of {entity}");
        Assert.Equal([3L, 2L], api.Where(w => w.GetProperty("final").GetBoolean()).Select(w => w.GetProperty("count").GetInt64()));

        var records = (await KafkaJs.ConsumeAllAsync(fixture.BootstrapServers, "streaming.aggregates.v1"))
            .Where(r => r.Key == entity && r.Value.GetProperty("metric").GetString() == "no2" && r.Value.GetProperty("size").GetString() == "1m").ToList();
        Assert.All(records, r =>
        {
            Assert.Equal("org.nhs.streaming.window.v1", r.Header("ce_type"));
            Assert.Equal(r.Value.GetProperty("id").GetString(), r.Header("ce_id"));
            Assert.Equal("1.0", r.Header("ce_specversion"));
        });
        // The newest revision of each window on Kafka is the window the API shows, count for count.
        var latest = records.GroupBy(r => r.Value.GetProperty("start").GetDateTimeOffset())
            .ToDictionary(g => g.Key, g => g.MaxBy(r => r.Value.GetProperty("revision").GetInt32())!.Value);
        foreach (var window in api.Where(w => w.GetProperty("final").GetBoolean()))
        {
            var start = window.GetProperty("start").GetDateTimeOffset();
            Assert.True(latest.TryGetValue(start, out var published), $"window {start:O} of {entity} is final in the API but not on streaming.aggregates.v1");
            Assert.Equal(window.GetProperty("count").GetInt64(), published.GetProperty("count").GetInt64());
            Assert.Equal(window.GetProperty("sum").GetDouble(), published.GetProperty("sum").GetDouble());
            Assert.Equal(window.GetProperty("revision").GetInt32(), published.GetProperty("revision").GetInt32());
            Assert.True(published.GetProperty("final").GetBoolean());
        }
        Assert.Equal(2, latest.Count);
    }

    private Task<HttpResponseMessage> Post(string path, string json) =>
        fixture.Silo.Http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
}
