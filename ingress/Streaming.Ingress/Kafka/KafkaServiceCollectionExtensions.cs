using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Streaming.Grains.Abstractions;

namespace Streaming.Ingress;

/// <summary>Registers the Kafka output.</summary>
public static class KafkaServiceCollectionExtensions
{
    /// <summary>
    /// With <c>Kafka:Enabled</c> (the default): the shared producer, the output sink and the dead-letter writer, plus
    /// the embedded broker when <c>Kafka:BootstrapServers</c> is empty. Without it, <see cref="DisabledOutputSink"/> stays.
    /// Either way <c>GET /api/info</c> can be mapped.
    /// </summary>
    public static IServiceCollection AddKafkaOutput(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KafkaOptions>().BindConfiguration(KafkaOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KafkaOptions>, KafkaOptionsValidator>());
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, InfoJsonContext.Default));

        var section = configuration.GetSection(KafkaOptions.Section);
        if (!section.GetValue(nameof(KafkaOptions.Enabled), true))
        {
            return services;
        }
        if (string.IsNullOrWhiteSpace(section[nameof(KafkaOptions.BootstrapServers)]))
        {
            services.AddSingleton<EmbeddedKafkaBroker>();
        }
        services.AddSingleton<KafkaOutputProducer>();
        // A hosted service so the broker and the producer start with the host, not with the first grain that publishes.
        services.AddHostedService(sp => sp.GetRequiredService<KafkaOutputProducer>());
        services.AddSingleton<KafkaOutputSink>();
        // Replaces the DisabledOutputSink whether AddIngress ran before or runs after (its registration is a TryAdd).
        services.Replace(ServiceDescriptor.Singleton<IOutputSink>(sp => sp.GetRequiredService<KafkaOutputSink>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDeadLetterWriter, KafkaDeadLetterWriter>());
        return services;
    }
}
