using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Streaming.Ingress;

/// <summary>Registers the Kafka ingress.</summary>
public static class KafkaIngressServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Kafka ingress (a consumer-group member per silo) unless <c>Ingress:Kafka:Enabled</c> or <c>Kafka:Enabled</c>
    /// is <c>false</c>. Call after the silo and after <see cref="KafkaServiceCollectionExtensions.AddKafkaOutput"/> (the
    /// cluster settings and the embedded broker); needs <see cref="IngressServiceCollectionExtensions.AddIngress"/>.
    /// </summary>
    public static IServiceCollection AddKafkaIngress(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KafkaIngressOptions>().BindConfiguration(KafkaIngressOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var kafkaEnabled = configuration.GetSection(KafkaOptions.Section).GetValue(nameof(KafkaOptions.Enabled), true);
        if (!kafkaEnabled || !configuration.GetSection(KafkaIngressOptions.Section).GetValue(nameof(KafkaIngressOptions.Enabled), true))
        {
            return services;
        }
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<KafkaIngressReader>();
        services.AddHostedService<KafkaIngressService>();
        return services;
    }
}
