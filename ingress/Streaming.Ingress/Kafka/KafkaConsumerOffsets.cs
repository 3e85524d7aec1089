using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Streaming.Ingress;

/// <summary>Storing and seeking offsets where a failure is logged, not thrown: the consumer thread carries on.</summary>
internal static class KafkaConsumerOffsets
{
    /// <summary>Stores an offset for the next commit; on failure the messages come again (the grains drop the duplicates).</summary>
    public static void TryStoreOffset(this IConsumer<string?, byte[]?> consumer, TopicPartitionOffset offset, ILogger logger)
    {
        try
        {
            consumer.StoreOffset(offset);
        }
        catch (KafkaException ex)
        {
            logger.StoreFailed(ex, offset.ToString());
        }
    }

    /// <summary>Moves the fetch position back so the messages from <paramref name="offset"/> on are consumed again.</summary>
    public static void TrySeek(this IConsumer<string?, byte[]?> consumer, TopicPartitionOffset offset, ILogger logger)
    {
        try
        {
            consumer.Seek(offset);
        }
        catch (KafkaException ex)
        {
            logger.SeekFailed(ex, offset.ToString());
        }
    }
}
