using System.Diagnostics.Metrics;
using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ErrorCode = Confluent.Kafka.ErrorCode;

namespace Streaming.Ingress;

/// <summary>
/// The one Kafka producer of a silo, shared by every output: idempotent, <c>acks=all</c>, a few milliseconds of
/// linger so messages travel in batches, delivery reported through handlers (no task per message). Started with the
/// host (which also starts the embedded broker when there is one) and flushed before it is disposed.
/// </summary>
public sealed partial class KafkaOutputProducer : IHostedService, IDisposable
{
    private static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(10);

    private readonly IProducer<string?, byte[]> _producer;
    private readonly Counter<long> _failures;
    private readonly ILogger<KafkaOutputProducer> _logger;
    private readonly Action<DeliveryReport<string?, byte[]>> _reportFailure;
    private int _disposed;

    public KafkaOutputProducer(IOptions<KafkaOptions> options, IMeterFactory meters, ILogger<KafkaOutputProducer> logger,
        EmbeddedKafkaBroker? broker = null)
    {
        var o = options.Value;
        _logger = logger;
        _failures = meters.Create(StreamingMeter.Name).CreateCounter<long>("streaming.kafka.delivery_failures", "{message}",
            "Output messages Kafka did not accept, by topic");
        _reportFailure = ReportFailure;
        Embedded = broker is not null;
        BootstrapServers = broker?.BootstrapServers ?? o.BootstrapServers;
        _producer = new ProducerBuilder<string?, byte[]>(OutputProducerConfig.Create(o, BootstrapServers))
            .SetErrorHandler((_, e) => LogClientError(e.IsFatal ? LogLevel.Error : LogLevel.Warning, e.Code, e.Reason))
            .SetLogHandler((_, m) => OnLibrdkafkaLog(m))
            .Build();
        LogStarted(BootstrapServers, Embedded);
    }

    /// <summary>Where the output goes.</summary>
    public string BootstrapServers { get; }

    /// <summary>Whether <see cref="BootstrapServers"/> is the in-process <see cref="EmbeddedKafkaBroker"/>.</summary>
    public bool Embedded { get; }

    /// <summary>
    /// Queues one message; <paramref name="onDelivered"/> runs on the producer's delivery thread. Throws
    /// <see cref="ProduceException{TKey,TValue}"/> when librdkafka refuses it at once (queue full, too large).
    /// </summary>
    public void Produce(string topic, Message<string?, byte[]> message, Action<DeliveryReport<string?, byte[]>> onDelivered) =>
        _producer.Produce(topic, message, onDelivered);

    /// <summary>
    /// Queues one message nobody waits for: a failure, now or at delivery, is logged at Error and counted
    /// (<c>streaming.kafka.delivery_failures</c>), never thrown.
    /// </summary>
    public void ProduceUnawaited(string topic, Message<string?, byte[]> message)
    {
        try
        {
            _producer.Produce(topic, message, _reportFailure);
        }
        catch (KafkaException ex)
        {
            Fail(topic, message.Key, ex.Error);
        }
    }

    /// <summary>Counts and logs one message Kafka did not take.</summary>
    public void Fail(string topic, string? key, Error error)
    {
        _failures.Add(1, new KeyValuePair<string, object?>("topic", topic));
        LogDeliveryFailed(topic, key, error.Code, error.Reason);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        // The container disposes this twice: as itself and as the hosted service it also is.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        // Grains may still be publishing while the host stops; flush what is queued, then say what was not delivered.
        var left = _producer.Flush(FlushTimeout);
        if (left > 0)
        {
            LogUndelivered(left, FlushTimeout);
        }
        _producer.Dispose();
    }

    private void ReportFailure(DeliveryReport<string?, byte[]> report)
    {
        if (report.Error.IsError)
        {
            Fail(report.Topic, report.Message.Key, report.Error);
        }
    }

    private void OnLibrdkafkaLog(LogMessage message)
    {
        var level = message.Level switch
        {
            <= SyslogLevel.Error => LogLevel.Error,
            SyslogLevel.Warning => LogLevel.Warning,
            SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
            _ => LogLevel.Debug,
        };
        LogLibrdkafka(level, message.Facility, message.Message);
    }

    #region Logging
    [LoggerMessage(1202, LogLevel.Information, "Kafka output to {BootstrapServers} (embedded broker: {Embedded})")]
    private partial void LogStarted(string bootstrapServers, bool embedded);

    [LoggerMessage(EventId = 1203, Message = "librdkafka {Facility}: {Text}")]
    private partial void LogLibrdkafka(LogLevel level, string facility, string text);

    [LoggerMessage(EventId = 1204, Message = "Kafka producer error {Code}: {Reason}")]
    private partial void LogClientError(LogLevel level, ErrorCode code, string reason);

    [LoggerMessage(1205, LogLevel.Error, "Kafka did not take a message for {Topic} (key {Key}): {Code} {Reason}")]
    private partial void LogDeliveryFailed(string topic, string? key, ErrorCode code, string reason);

    [LoggerMessage(1206, LogLevel.Error, "{Count} output messages were still undelivered after flushing for {Timeout} at shutdown")]
    private partial void LogUndelivered(int count, TimeSpan timeout);
    #endregion
}
