using System.Diagnostics;
using Confluent.Kafka;
using Streaming.Domain;
using Streaming.Grains.Abstractions;
using ErrorCode = Confluent.Kafka.ErrorCode;

namespace Streaming.Ingress;

/// <summary>
/// Publishes what the grains produce to the Kafka output topics through the shared <see cref="KafkaOutputProducer"/>.
/// Clean events are awaited until Kafka has them (the sender is acknowledged only after); windows and entity
/// states are not awaited, and a failure to deliver them is logged at Error and counted.
/// </summary>
public sealed class KafkaOutputSink(KafkaOutputProducer producer) : IOutputSink
{
    // While librdkafka's local queue is full, wait in short steps, up to about the delivery timeout, then fail.
    private static readonly TimeSpan QueueFullStep = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan QueueFullLimit = TimeSpan.FromSeconds(15);

    /// <inheritdoc />
    public async ValueTask PublishCleanAsync(IReadOnlyList<CleanEvent> events, CancellationToken cancellationToken = default)
    {
        if (events.Count == 0)
        {
            return;
        }
        var batch = new BatchDelivery(producer, events.Count);
        foreach (var e in events)
        {
            await ProduceAsync(CloudEventMessages.Clean(e), batch, cancellationToken);
        }
        await batch.Task.WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public void PublishWindows(string owner, IReadOnlyList<WindowResult> windows)
    {
        foreach (var w in windows)
        {
            producer.ProduceUnawaited(Topics.Aggregates, CloudEventMessages.Window(owner, w));
        }
    }

    /// <inheritdoc />
    public void PublishEntity(EntitySnapshot entity) => producer.ProduceUnawaited(Topics.Entities, CloudEventMessages.Entity(entity));

    /// <inheritdoc />
    public void PublishAlert(Alert alert) => producer.ProduceUnawaited(Topics.Alerts, CloudEventMessages.Alert(alert));

    private async ValueTask ProduceAsync(Message<string?, byte[]> message, BatchDelivery batch, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                producer.Produce(Topics.Clean, message, batch.OnDelivered);
                return;
            }
            catch (ProduceException<string?, byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull
                && Stopwatch.GetElapsedTime(started) < QueueFullLimit)
            {
                await Task.Delay(QueueFullStep, cancellationToken);
            }
        }
    }
}
