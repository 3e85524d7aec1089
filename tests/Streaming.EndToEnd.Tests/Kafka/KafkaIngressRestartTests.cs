using System.Diagnostics;
using Xunit.Abstractions;

namespace Streaming.EndToEnd.Tests;

/// <summary>
/// A production-like consuming silo (grain state in PostgreSQL) is killed with kill -9 in the middle of a Kafka stream and
/// started again. The broker lives in another process (a silo with Kafka ingress off, used only as the Kafka log), so the
/// log survives. Every event must be applied exactly once: the uncommitted tail comes again and the grains drop it as duplicates.
/// </summary>
[Collection(PostgresCollection.Name), Trait("Category", "EndToEnd")]
public sealed class KafkaIngressRestartTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private const int Events = 6_000;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task KafkaIn_ConsumerSiloKilledMidStream_NothingLostNothingCountedTwice()
    {
        var clock = Stopwatch.StartNew();
        var name = "kinr" + Guid.NewGuid().ToString("N")[..8];
        await using var brokerHost = await SiloProcess.StartAsync(new Dictionary<string, string>
        {
            ["Ingress:Kafka:Enabled"] = "false",
            ["Mqtt:Mode"] = "Off",
        });
        var bootstrap = await KafkaIngressProbe.BootstrapServersAsync(brokerHost);
        var settings = await PostgresSiloTests.ProductionSettings(postgres, name);
        settings["Kafka:BootstrapServers"] = bootstrap;
        settings["Mqtt:Mode"] = "Off";
        settings["Ingress:Kafka:GroupId"] = name;
        // Small batches: many stores and commits, so the kill lands between them. A short session lets the group drop the killed member quickly.
        settings["Ingress:Kafka:MaxBatch"] = "100";
        settings["Ingress:Kafka:MaxPollInterval"] = "00:00:20";
        settings["Ingress:Kafka:Consumer:session.timeout.ms"] = "6000";
        settings["Ingress:Kafka:Consumer:heartbeat.interval.ms"] = "1000";
        // Commit every second (default 5 s), so the kill finds some partitions committed part-way and an uncommitted tail.
        settings["Ingress:Kafka:Consumer:auto.commit.interval.ms"] = "1000";

        var lines = KafkaIngressLines.Create(name, sources: 20, count: Events, malformedEvery: 0);
        await KafkaIngressProbe.ProduceAsync(bootstrap, lines.Messages);
        output.WriteLine($"{Events} events produced to {bootstrap} at {clock.Elapsed.TotalSeconds:0.0} s");

        long applied = 0;
        var consumer = await SiloProcess.StartAsync(settings);
        try
        {
            await Eventually.AssertAsync(async () =>
            {
                applied = await KafkaIngressProbe.SumEventsAppliedAsync(consumer, lines.Sources);
                return applied >= Events / 3;
            }, Wait, $"a third of the events applied before the kill (last seen {applied})\n{consumer.Output}");
            await consumer.KillAsync();
            output.WriteLine($"killed the consuming silo with {applied} of {Events} applied at {clock.Elapsed.TotalSeconds:0.0} s; "
                + $"committed/end then: {KafkaIngressProbe.CommittedVersusEnd(bootstrap, name)}");
        }
        finally
        {
            await consumer.DisposeAsync();
        }
        Assert.True(applied < Events, $"the stream was over ({applied} applied) before the kill: the test proves nothing");

        await using var restarted = await SiloProcess.StartAsync(settings);
        output.WriteLine($"restarted at {clock.Elapsed.TotalSeconds:0.0} s");
        var offsets = "";
        await Eventually.AssertAsync(() =>
        {
            offsets = KafkaIngressProbe.CommittedVersusEnd(bootstrap, name);
            return Task.FromResult(KafkaIngressProbe.AllCommitted(offsets));
        }, Wait, $"the group's committed offsets at the log end (committed/end: {offsets})\n{restarted.Output}");
        output.WriteLine($"committed {offsets} at {clock.Elapsed.TotalSeconds:0.0} s");

        var mismatches = new List<string>();
        foreach (var source in lines.Sources)
        {
            var (events, windows) = (await KafkaIngressProbe.EventsAppliedAsync(restarted, source), await KafkaIngressProbe.WindowCountAsync(restarted, source));
            if (events != lines.GoodPerSource[source] || windows != lines.GoodPerSource[source])
            {
                mismatches.Add($"{source}: eventsApplied {events}, window counts {windows}, sent {lines.GoodPerSource[source]}");
            }
        }
        var letters = await KafkaIngressProbe.DeadLettersAsync(restarted);
        output.WriteLine($"dead letters after the restart: {string.Join(", ", letters.Select(l => $"{l.Key}={l.Value}"))}");
        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches) + $"\n{restarted.Output}");
        // The redelivered tail comes back refused: as Duplicate, or as Late when older than the dedupe memory's horizon
        // (behind the watermark). Each source's events are in order on one partition, so nothing else can be late.
        Assert.DoesNotContain(letters, l => l.Key is not ("Clean/Duplicate" or "Late/Late"));
        // Ingress:Kafka:Enabled=false: the broker's host consumed nothing.
        Assert.Equal(0, await KafkaIngressProbe.SumEventsAppliedAsync(brokerHost, lines.Sources));
    }
}
