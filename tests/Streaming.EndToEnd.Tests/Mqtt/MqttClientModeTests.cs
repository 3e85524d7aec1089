using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace Streaming.EndToEnd.Tests;

/// <summary>
/// Client mode against Debian's mosquitto, with mosquitto_pub as the independent publisher: 60,000 QoS 1 sensor
/// events, 1% of them malformed; every good one is applied exactly once and every bad one dead-lettered.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(MqttCollection.Name)]
public sealed class MqttClientModeTests(ITestOutputHelper output) : IAsyncLifetime
{
    // Fewer messages than the receive maximum below. Debian 12's mosquitto (2.0.11) loses count of its in-flight quota
    // once messages queue for a subscriber (eclipse-mosquitto#2301, fixed in 2.0.13) and may then send one message per
    // acknowledgement, about 300 a second: with 100,000 messages and 1,000 in flight, one run in three took 45-90 s here
    // instead of 15, and one timed out. With the quota larger than the run, nothing queues.
    private const int Sources = 10, LinesPerSource = 6_000, MalformedPerSource = 60;
    private MosquittoBroker _broker = null!;
    private SiloProcess _silo = null!;
    private string _directory = null!;

    public async Task InitializeAsync()
    {
        _directory = Directory.CreateTempSubdirectory("mqtt-e2e-").FullName;
        _broker = await MosquittoBroker.StartAsync();
        _silo = await SiloProcess.StartAsync(new Dictionary<string, string>
        {
            ["Mqtt:Mode"] = "Client",
            ["Mqtt:Client:Host"] = "127.0.0.1",
            ["Mqtt:Client:Port"] = _broker.Port.ToString(CultureInfo.InvariantCulture),
            ["Mqtt:Client:MaxInFlight"] = "65535",
            // The 600 malformed lines would push everything else out of the silo output a failure shows.
            ["Logging:LogLevel:Streaming.Ingress.DeadLetterOffice"] = "Error",
            ["Mqtt:Client:ClientId"] = "silo-" + Guid.NewGuid().ToString("N")[..8],
        });
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        await _broker.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task ClientMode_60kQoS1WithOnePercentMalformed_AcceptedPlusDeadLetteredEqualsSent()
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        await WaitForSubscriberAsync(run);
        var sources = Enumerable.Range(0, Sources).Select(i => $"mq-{run}-{i}").ToList();
        var files = sources.Select((s, i) => WriteLines(s, seed: i)).ToList();

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(sources.Select((s, i) => MosquittoPub.LinesAsync(_broker.Port, "pub-" + s, "sensors/" + s, files[i])));
        var published = clock.Elapsed;
        const long good = Sources * (LinesPerSource - MalformedPerSource), bad = Sources * MalformedPerSource;
        long applied = 0, refused = 0;
        await Eventually.AssertAsync(async () =>
            {
                applied = await SiloCounts.SumEventsAppliedAsync(_silo, sources);
                refused = await SiloCounts.DeadLettersAsync(_silo, "Decode/Malformed");
                return applied + refused >= good + bad;
            },
            TimeSpan.FromSeconds(90), () => $"{good} events applied over {Sources} sources plus {bad} Decode dead letters " +
                $"(published in {published.TotalSeconds:0.0} s; at the timeout {applied} applied, {refused} dead letters):\n{_silo.Output}");
        var reconciled = clock.Elapsed;

        var perSource = await Task.WhenAll(sources.Select(s => SiloCounts.EventsAppliedAsync(_silo, s)));
        var letters = await SiloCounts.DeadLettersAsync(_silo);
        output.WriteLine($"published {good + bad} in {published.TotalSeconds:0.0} s; reconciled after {reconciled.TotalSeconds:0.0} s " +
            $"= {(good + bad) / reconciled.TotalSeconds:0} events/s end to end; dead letters: {string.Join(", ", letters.Select(l => $"{l.Key}={l.Value}"))}");
        Assert.All(perSource, applied => Assert.Equal(LinesPerSource - MalformedPerSource, applied));
        Assert.Equal(bad, letters.GetValueOrDefault("Decode/Malformed"));
        Assert.Equal(bad, letters.Values.Sum()); // nothing else refused: no duplicates, nothing late, nothing lost to a retry
        Assert.Equal(good + bad, perSource.Sum() + letters.Values.Sum());
    }

    // Shared subscriptions drop messages published before the subscriber is there: publish a probe until it lands.
    private async Task WaitForSubscriberAsync(string run)
    {
        var probe = $"probe-{run}";
        var seq = 0;
        await Eventually.AssertAsync(async () =>
        {
            var body = string.Create(CultureInfo.InvariantCulture,
                $$"""{"time":"{{DateTimeOffset.UtcNow.AddMinutes(-1):yyyy-MM-ddTHH:mm:ss.fffZ}}","readings":{"temperature":20},"seq":{{++seq}}}""");
            await MosquittoPub.OneAsync(_broker.Port, "pub-" + probe, "sensors/" + probe, body);
            return await SiloCounts.EventsAppliedAsync(_silo, probe) > 0;
        }, TimeSpan.FromSeconds(30), $"the silo's subscriber to receive a probe on sensors/{probe}:\n{_silo.Output}");
    }

    // One event per second of event time, a day ago (well inside the clock-skew limit), with 1% malformed lines mixed in.
    private string WriteLines(string source, int seed)
    {
        var random = new Random(seed);
        var malformed = new HashSet<int>();
        while (malformed.Count < MalformedPerSource)
        {
            malformed.Add(random.Next(LinesPerSource));
        }
        var start = new DateTimeOffset(DateTimeOffset.UtcNow.AddDays(-1).Date, TimeSpan.Zero);
        var lines = Enumerable.Range(0, LinesPerSource).Select(n => malformed.Contains(n)
            ? Malformed(n)
            : string.Create(CultureInfo.InvariantCulture,
                $$"""{"time":"{{start.AddSeconds(n):yyyy-MM-ddTHH:mm:ssZ}}","readings":{"temperature":{{20 + n % 50 * 0.1:0.0}}},"seq":{{n}}}"""));
        var file = Path.Combine(_directory, source + ".jsonl");
        File.WriteAllLines(file, lines);
        return file;
    }

    private static string Malformed(int n) => (n % 4) switch
    {
        0 => """{"time":"2026-01-01T00:00:00Z","readings":{"temperature":""",
        1 => "not json at all",
        2 => """{"time":"2026-01-01T00:00:00Z","readings":{"temperature":21.5}} trailing""",
        _ => """{"time": 2026-01-01, "readings": {}}""",
    };
}
