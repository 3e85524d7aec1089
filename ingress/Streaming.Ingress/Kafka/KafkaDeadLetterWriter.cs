using Microsoft.Extensions.Options;
using Streaming.Domain;

namespace Streaming.Ingress;

/// <summary>Writes dead letters to <see cref="Topics.DeadLetter"/>, not awaited; a failure is logged at Error and counted.</summary>
public sealed class KafkaDeadLetterWriter(KafkaOutputProducer producer, IOptions<KafkaOptions> options) : IDeadLetterWriter
{
    /// <inheritdoc />
    public void Write(DeadLetter letter) =>
        producer.ProduceUnawaited(Topics.DeadLetter, CloudEventMessages.DeadLetter(letter, options.Value.MaxDeadLetterPayloadBytes));
}
