using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Streaming.Harness;

/// <summary>Where sent events are looked for when they come out: matches an id to its step and records the latency.</summary>
internal sealed class Arrivals
{
    private readonly ConcurrentDictionary<string, Step> _steps = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Prefix, long K)> _aliases = new(StringComparer.Ordinal);
    private long _unmatched;

    public long Unmatched => Interlocked.Read(ref _unmatched);

    public void Add(Step step) => _steps[step.Prefix] = step;

    /// <summary>
    /// An id the platform chooses itself (an image's is <c>img:{SHA-256}</c>) stands for event k of a step: the sender
    /// registers it before sending, and its arrival counts as that event's.
    /// </summary>
    public void Alias(string id, string prefix, long k) => _aliases[id] = (prefix, k);

    public void Arrived(ReadOnlySpan<byte> id, long now)
    {
        if (!_aliases.IsEmpty && _aliases.TryRemove(Encoding.UTF8.GetString(id), out var alias) && _steps.TryGetValue(alias.Prefix, out var aliased))
        {
            aliased.OnDelivered(alias.K, now);
        }
        else if (SensorMessages.TryParseId(id, out var prefix, out var k) && _steps.TryGetValue(prefix, out var step))
        {
            step.OnDelivered(k, now);
        }
        else
        {
            Interlocked.Increment(ref _unmatched);
        }
    }
}

/// <summary>
/// Reads the platform's clean-events output topic from the start on every partition (a plain consumer, no group
/// commits) and reports each event by its <c>ce_id</c> header, which is the envelope id the harness sent. Counts the
/// offsets it never read (<see cref="Skipped"/>): the librdkafka mock broker keeps only about 5 MiB per partition, so a
/// reader that falls that far behind loses messages the platform did deliver, and the run must say so.
/// </summary>
internal sealed class CleanTopicWatcher : IDisposable
{
    private readonly IConsumer<Ignore, byte[]?> _consumer;
    private readonly Func<byte[], bool>? _count;
    private long _counted;
    private readonly Thread _thread;
    private readonly CancellationTokenSource _stop = new();
    private readonly Arrivals _arrivals;

    /// <param name="count">When given, each event's value is read and those it answers true for are counted (<see cref="Counted"/>).</param>
    public CleanTopicWatcher(string bootstrapServers, string topic, Arrivals arrivals, Func<byte[], bool>? count = null)
    {
        _arrivals = arrivals;
        _count = count;
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "bench-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
            FetchWaitMaxMs = 5,
            FetchMinBytes = 1,
            ClientId = "bench-watcher",
            AutoOffsetReset = AutoOffsetReset.Earliest, // past the broker's oldest: go on from there, and count the gap
        };
        int partitions;
        using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build())
        {
            // Only metadata: the embedded broker (librdkafka's mock cluster) has no admin API beyond it.
            partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions.Count;
        }
        _consumer = new ConsumerBuilder<Ignore, byte[]?>(config)
            .SetValueDeserializer(count is null ? SkipValue.Instance : Deserializers.ByteArray).Build();
        _consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        _where = $"{topic} ({partitions} partitions) on {bootstrapServers}";
        _thread = new Thread(Run) { IsBackground = true, Name = "clean-topic-watcher" };
        _thread.Start();
    }

    private readonly string _where;

    public string Describe => _where + (Skipped > 0
        ? $" ({Skipped:N0} messages never read: the broker dropped them before the reader got there, and they count as not out)"
        : "");

    /// <summary>Events the count function answered true for.</summary>
    public long Counted => Interlocked.Read(ref _counted);

    /// <summary>Messages the reader never saw: gaps between the offsets it read on a partition.</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    private long _skipped;
    private readonly Dictionary<int, long> _nextOffset = [];

    private void Run()
    {
        while (!_stop.IsCancellationRequested)
        {
            ConsumeResult<Ignore, byte[]?>? result;
            try
            {
                result = _consumer.Consume(TimeSpan.FromMilliseconds(100));
            }
            catch (ConsumeException ex) when (!ex.Error.IsFatal)
            {
                continue;
            }
            if (result is null)
            {
                continue;
            }
            var partition = result.Partition.Value;
            var offset = result.Offset.Value;
            var expected = _nextOffset.GetValueOrDefault(partition, 0);
            if (offset > expected)
            {
                Interlocked.Add(ref _skipped, offset - expected);
            }
            _nextOffset[partition] = offset + 1;
            if (result.Message is { } message && message.Headers.TryGetLastBytes("ce_id", out var id))
            {
                _arrivals.Arrived(id, Stopwatch.GetTimestamp());
                if (_count is not null && message.Value is { } value && _count(value))
                {
                    Interlocked.Increment(ref _counted);
                }
            }
        }
    }

    /// <summary>Leaves values unread when nothing counts them (the sensor scenarios only need the header).</summary>
    private sealed class SkipValue : IDeserializer<byte[]?>
    {
        public static readonly SkipValue Instance = new();

        public byte[]? Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context) => null;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _consumer.Close();
        _consumer.Dispose();
        _stop.Dispose();
    }
}

/// <summary>A plain MQTT subscriber on <c>sensors/#</c> that reports each message by the id at the head of its payload.</summary>
internal sealed class MqttSubscriberWatcher(string host, int port, MqttQualityOfServiceLevel qos, Arrivals arrivals) : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();

    public async Task StartAsync()
    {
        _client.ApplicationMessageReceivedAsync += e =>
        {
            var now = Stopwatch.GetTimestamp();
            var payload = e.ApplicationMessage.Payload;
            if (payload.IsSingleSegment)
            {
                arrivals.Arrived(SensorMessages.IdOf(payload.FirstSpan), now);
            }
            else
            {
                arrivals.Arrived(SensorMessages.IdOf(payload.ToArray()), now);
            }
            return Task.CompletedTask;
        };
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId("bench-subscriber")
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanSession()
            .WithReceiveMaximum(65535)
            .Build();
        await _client.ConnectAsync(options);
        await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("sensors/#", qos).Build());
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }
        _client.Dispose();
    }
}
