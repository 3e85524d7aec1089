using System.Globalization;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Streaming.Ingress;

namespace Streaming.EndToEnd.Tests;

/// <summary>
/// <c>replay --kafka</c> run as its own process against a Kafka-protocol broker (librdkafka's mock cluster, as the silo
/// embeds it, started here): the start of the range is found by searching message timestamps, since the mock answers
/// End to every offsets-for-times lookup, and exactly the events of the range come out, merged across partitions.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class KafkaReplayTests : IDisposable
{
    private const int Partitions = 4, PerPartition = 30;

    // Events cross midnight, so the export's day-at-a-time ordering is crossed too.
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 23, 0, 0, TimeSpan.Zero);

    private readonly EmbeddedKafkaBroker _broker = new(Options.Create(new KafkaOptions { EmbeddedPartitions = Partitions }),
        NullLogger<EmbeddedKafkaBroker>.Instance);

    private readonly string _topic = $"replay-{Guid.NewGuid():N}";
    private readonly string _output = Path.Combine(Path.GetTempPath(), $"kafka-replay-{Guid.NewGuid():N}.csv");

    [Fact]
    public async Task ReplayKafka_MiddleRangeOnBrokerWithoutTimeLookup_ExportsExactlyTheRangeByTimestampSearch()
    {
        _broker.CreateTopic(_topic);
        // Source s on partition s; event i of source s at minute 4i+s, so the partitions interleave minute by minute.
        await ProduceAsync(Enumerable.Range(0, Partitions).SelectMany(s => Enumerable.Range(0, PerPartition)
            .Select(i => (Partition: s, Source: $"kr-{s}", Time: T0.AddMinutes((4 * i) + s), Seq: i))));
        DateTimeOffset from = T0.AddMinutes(30), to = T0.AddMinutes(90);

        var (code, stdout, stderr) = await ReplayCommandTests.Run(["--from", Iso(from), "--to", Iso(to), "--kafka", _broker.BootstrapServers,
            "--topic", _topic, "--out", _output]);

        Assert.True(code == 0, $"exit code {code}\n{stdout}\n{stderr}");
        Assert.Contains("events/s", stdout, StringComparison.Ordinal);
        var searched = stdout.Split('\n').Count(l => l.Contains("start found by searching message timestamps", StringComparison.Ordinal));
        Assert.True(searched == Partitions, $"expected all {Partitions} partitions found by the timestamp search\n{stdout}");
        var rows = (await File.ReadAllLinesAsync(_output)).Skip(1).Select(l => l.Split(','))
            .Select(c => (Time: DateTimeOffset.Parse(c[0], CultureInfo.InvariantCulture), Source: c[1])).ToList();
        var expected = Enumerable.Range(30, 60).Select(m => (Time: T0.AddMinutes(m), Source: $"kr-{m % 4}")).ToList();
        Assert.Equal(expected, rows);
    }

    private async Task ProduceAsync(IEnumerable<(int Partition, string Source, DateTimeOffset Time, int Seq)> events)
    {
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = _broker.BootstrapServers, Acks = Acks.All })
            .Build();
        await Task.WhenAll(events.Select(e => producer.ProduceAsync(new TopicPartition(_topic, e.Partition), new Message<string, string>
        {
            Key = e.Source, Timestamp = new Timestamp(e.Time),
            Value = $$"""{"time":"{{Iso(e.Time)}}","readings":{"pm25":{{10 + (e.Seq % 3)}}},"seq":{{e.Seq}}}""",
        })));
    }

    private static string Iso(DateTimeOffset t) => t.ToString("O", CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _broker.Dispose();
        File.Delete(_output);
    }
}
