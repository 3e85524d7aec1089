using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Streaming.Ingress;

/// <summary>
/// The Kafka ingress: a member of the consumer group <see cref="KafkaIngressOptions.GroupId"/> (each silo runs one, and
/// Kafka spreads the partitions across them) that submits what it consumes to the grains in batches. An offset is
/// stored only after its batch is durable and committed by librdkafka from there; a batch that cannot be made durable is
/// retried, then consumed again from its first offset; when the grains fall behind, the partitions are paused.
/// </summary>
internal sealed class KafkaIngressService(IngestService ingest, DeadLetterOffice deadLetters, KafkaIngressReader reader,
    IOptions<KafkaOptions> kafka, IOptions<KafkaIngressOptions> options, ILogger<KafkaIngressService> logger,
    EmbeddedKafkaBroker? broker = null) : BackgroundService
{
    // Consume blocks: it gets a thread of its own rather than the host's start-up path.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() => Run(stoppingToken), CancellationToken.None);

    private void Run(CancellationToken stopping)
    {
        var o = options.Value;
        var bootstrapServers = broker?.BootstrapServers ?? kafka.Value.BootstrapServers;
        var flow = new KafkaIngressFlow(new KafkaIngressSubmitter(ingest, o, logger, stopping), deadLetters, o, logger);
        Error? fatal = null;
        using var consumer = new ConsumerBuilder<string?, byte[]?>(KafkaIngressConsumerConfig.Create(kafka.Value, o, bootstrapServers))
            .SetErrorHandler((_, e) =>
            {
                if (e.IsFatal)
                {
                    fatal = e;
                }
                else
                {
                    logger.ConsumerError(e.Code, e.Reason);
                }
            })
            .SetPartitionsAssignedHandler(flow.Assigned)
            .SetPartitionsRevokedHandler(flow.Revoked)
            .SetPartitionsLostHandler(flow.Lost)
            .Build();
        consumer.Subscribe(o.EffectiveTopics);
        logger.Started(string.Join(", ", o.EffectiveTopics), bootstrapServers, o.GroupId);
        try
        {
            while (!stopping.IsCancellationRequested && fatal is null)
            {
                var wait = flow.Step(consumer);
                try
                {
                    if (consumer.Consume(wait) is { IsPartitionEOF: false, Message: not null } result)
                    {
                        flow.Add(reader.Read(result, flow.Generation(result.TopicPartition)));
                    }
                }
                catch (ConsumeException ex) when (!ex.Error.IsFatal)
                {
                    logger.ConsumerError(ex.Error.Code, ex.Error.Reason);
                }
                catch (ConsumeException ex)
                {
                    fatal = ex.Error;
                }
            }
            if (fatal is not null)
            {
                logger.Fatal(fatal.Code, fatal.Reason);
            }
            // Let the batch with the grains finish so its offsets are stored; what gathered behind it comes again.
            flow.Drain(consumer);
        }
        finally
        {
            consumer.Close();
            logger.Stopped();
        }
    }
}
