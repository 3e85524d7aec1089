using System.Diagnostics;
using Xunit.Abstractions;

namespace Streaming.EndToEnd.Tests;

/// <summary>
/// The Kafka ingress of the embedded default, fed by Debian's kcat: 5,000 sensor events keyed by source, 1% malformed,
/// reconciled through the read API and the consumer group's committed offsets.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class KafkaIngressTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task KafkaIn_KcatStreamWithMalformedLines_EveryGoodEventOnceAndEveryBadOneDeadLettered()
    {
        var clock = Stopwatch.StartNew();
        var group = "kin-" + Guid.NewGuid().ToString("N")[..8];
        await using var silo = await SiloProcess.StartAsync(new Dictionary<string, string>
        {
            ["Ingress:Kafka:GroupId"] = group,
            ["Mqtt:Mode"] = "Off",
        });
        var bootstrap = await KafkaIngressProbe.BootstrapServersAsync(silo);
        var lines = KafkaIngressLines.Create(group, sources: 50, count: 5_000, malformedEvery: 100);
        await KafkaIngressProbe.ProduceAsync(bootstrap, lines.Messages);
        output.WriteLine($"{lines.Messages.Count} messages ({lines.Malformed} malformed) produced at {clock.Elapsed.TotalSeconds:0.0} s");

        long applied = 0;
        await Eventually.AssertAsync(async () =>
        {
            applied = await KafkaIngressProbe.SumEventsAppliedAsync(silo, lines.Sources);
            return applied >= lines.Good;
        }, Wait, $"{lines.Good} events applied (last seen {applied})\n{silo.Output}");
        output.WriteLine($"all applied at {clock.Elapsed.TotalSeconds:0.0} s");

        // librdkafka commits the stored offsets every 5 s: once every partition is committed to its end, nothing more can come.
        var offsets = "";
        await Eventually.AssertAsync(() =>
        {
            offsets = KafkaIngressProbe.CommittedVersusEnd(bootstrap, group);
            return Task.FromResult(KafkaIngressProbe.AllCommitted(offsets));
        }, Wait, $"the group's committed offsets at the log end (committed/end: {offsets})");
        output.WriteLine($"committed {offsets} at {clock.Elapsed.TotalSeconds:0.0} s");

        var mismatches = new List<string>();
        foreach (var source in lines.Sources)
        {
            var (events, windows) = (await KafkaIngressProbe.EventsAppliedAsync(silo, source), await KafkaIngressProbe.WindowCountAsync(silo, source));
            if (events != lines.GoodPerSource[source] || windows != lines.GoodPerSource[source])
            {
                mismatches.Add($"{source}: eventsApplied {events}, window counts {windows}, sent {lines.GoodPerSource[source]} good");
            }
        }
        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches));
        var letters = await KafkaIngressProbe.DeadLettersAsync(silo);
        Assert.Equal(lines.Malformed, letters.GetValueOrDefault("Decode/Malformed"));
        Assert.Equal(lines.Malformed, letters.Values.Sum());
        Assert.Equal(lines.Messages.Count, applied + letters.Values.Sum());
    }
}
