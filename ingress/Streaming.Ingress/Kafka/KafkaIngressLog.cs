using Microsoft.Extensions.Logging;
using ErrorCode = Confluent.Kafka.ErrorCode;

namespace Streaming.Ingress;

/// <summary>The Kafka ingress's log messages (event ids 1500-1599).</summary>
internal static partial class KafkaIngressLog
{
    [LoggerMessage(1500, LogLevel.Information, "Kafka ingress consuming {Topics} from {BootstrapServers} in group {GroupId}")]
    public static partial void Started(this ILogger logger, string topics, string bootstrapServers, string groupId);

    [LoggerMessage(1501, LogLevel.Information, "Kafka ingress stopped; stored offsets committed")]
    public static partial void Stopped(this ILogger logger);

    [LoggerMessage(1502, LogLevel.Information, "Kafka ingress assigned {Partitions}")]
    public static partial void Assigned(this ILogger logger, string partitions);

    [LoggerMessage(1503, LogLevel.Information, "Kafka ingress revoked {Partitions}; {Dropped} of their messages not yet submitted are left to the next owner")]
    public static partial void Revoked(this ILogger logger, string partitions, int dropped);

    [LoggerMessage(1504, LogLevel.Warning, "Kafka ingress lost {Partitions} (their offsets cannot be committed); {Dropped} messages not yet submitted are left to the next owner")]
    public static partial void Lost(this ILogger logger, string partitions, int dropped);

    [LoggerMessage(1505, LogLevel.Debug, "Kafka ingress paused its partitions: {Waiting} messages wait behind the batch with the grains")]
    public static partial void Paused(this ILogger logger, int waiting);

    [LoggerMessage(1506, LogLevel.Debug, "Kafka ingress resumed its partitions")]
    public static partial void Resumed(this ILogger logger);

    [LoggerMessage(1507, LogLevel.Warning, "Kafka batch of {Count} messages could not be made durable (attempt {Attempt}); retrying")]
    public static partial void BatchRetry(this ILogger logger, Exception exception, int count, int attempt);

    [LoggerMessage(1508, LogLevel.Error, "Kafka batch of {Count} messages could not be made durable after {Attempts} attempts; seeking back so they are consumed again")]
    public static partial void BatchGaveUp(this ILogger logger, Exception exception, int count, int attempts);

    [LoggerMessage(1509, LogLevel.Warning, "Kafka ingress consumer error {Code}: {Reason}")]
    public static partial void ConsumerError(this ILogger logger, ErrorCode code, string reason);

    [LoggerMessage(1510, LogLevel.Critical, "Kafka ingress stopped by a fatal consumer error {Code}: {Reason}; nothing more is consumed until restart")]
    public static partial void Fatal(this ILogger logger, ErrorCode code, string reason);

    [LoggerMessage(1511, LogLevel.Warning, "Kafka ingress could not store offset {Offset}; those messages will be consumed again (duplicates are dropped by the grains)")]
    public static partial void StoreFailed(this ILogger logger, Exception exception, string offset);

    [LoggerMessage(1512, LogLevel.Error, "Kafka ingress could not seek back to {Offset}; messages from there on may not be consumed again by this member")]
    public static partial void SeekFailed(this ILogger logger, Exception exception, string offset);

    [LoggerMessage(1513, LogLevel.Warning, "Kafka ingress: the batch with the grains did not finish within {Timeout}; its offsets are not stored and its messages will come again")]
    public static partial void DrainTimedOut(this ILogger logger, TimeSpan timeout);

    [LoggerMessage(1514, LogLevel.Information, "Kafka ingress seeks back to {Offsets}")]
    public static partial void SeekingBack(this ILogger logger, string offsets);
}
