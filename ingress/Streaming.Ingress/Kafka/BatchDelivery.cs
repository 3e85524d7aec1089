using Confluent.Kafka;

namespace Streaming.Ingress;

/// <summary>
/// Waits for the delivery of a batch of messages with one task: completes when the last is delivered, fails on the
/// first that is not. Its handler runs on librdkafka's delivery thread, so continuations are sent elsewhere.
/// </summary>
internal sealed class BatchDelivery
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly KafkaOutputProducer _producer;
    private int _pending;

    public BatchDelivery(KafkaOutputProducer producer, int count)
    {
        _producer = producer;
        _pending = count;
        OnDelivered = Delivered;
    }

    public Action<DeliveryReport<string?, byte[]>> OnDelivered { get; }

    public Task Task => _done.Task;

    private void Delivered(DeliveryReport<string?, byte[]> report)
    {
        if (report.Error.IsError)
        {
            _producer.Fail(report.Topic, report.Message.Key, report.Error);
            _done.TrySetException(new ProduceException<string?, byte[]>(report.Error, report));
        }
        else if (Interlocked.Decrement(ref _pending) == 0)
        {
            _done.TrySetResult();
        }
    }
}
