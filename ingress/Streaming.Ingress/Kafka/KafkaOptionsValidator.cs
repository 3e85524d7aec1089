using Confluent.Kafka;
using Microsoft.Extensions.Options;

namespace Streaming.Ingress;

/// <summary>Cross-field rules of <see cref="KafkaOptions"/>.</summary>
internal sealed class KafkaOptionsValidator : IValidateOptions<KafkaOptions>
{
    public ValidateOptionsResult Validate(string? name, KafkaOptions options)
    {
        var embedded = string.IsNullOrWhiteSpace(options.BootstrapServers);
        if (embedded && (options.SecurityProtocol is { } p && p != SecurityProtocol.Plaintext || options.SaslMechanism is not null))
        {
            return ValidateOptionsResult.Fail(
                "Kafka:SecurityProtocol/Kafka:SaslMechanism are set but Kafka:BootstrapServers is empty: the embedded broker has no SASL or TLS. Set Kafka:BootstrapServers to a real cluster.");
        }
        if (options.SaslMechanism is SaslMechanism.Plain or SaslMechanism.ScramSha256 or SaslMechanism.ScramSha512
            && (string.IsNullOrEmpty(options.SaslUsername) || string.IsNullOrEmpty(options.SaslPassword)))
        {
            return ValidateOptionsResult.Fail($"Kafka:SaslMechanism {options.SaslMechanism} needs Kafka:SaslUsername and Kafka:SaslPassword.");
        }
        return ValidateOptionsResult.Success;
    }
}
