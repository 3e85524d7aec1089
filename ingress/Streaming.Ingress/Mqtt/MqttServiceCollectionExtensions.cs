using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Streaming.Ingress;

/// <summary>Registers MQTT ingress.</summary>
public static class MqttServiceCollectionExtensions
{
    /// <summary>
    /// Adds MQTT ingress as configured under <c>Mqtt</c>: the embedded broker (default) or the client of an external broker.
    /// Call after the silo, so the grains are up before the first publish arrives. Needs <see cref="IngressServiceCollectionExtensions.AddIngress"/>.
    /// </summary>
    public static IServiceCollection AddMqttIngress(this IServiceCollection services)
    {
        services.AddOptions<MqttOptions>().BindConfiguration(MqttOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<MqttOptions>, MqttOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<MqttIngestBatcher>();
        services.AddSingleton<MqttIngestor>();
        services.AddSingleton<MqttDeviceAuthenticator>();
        services.AddSingleton<SourceRateLimiter>();
        // Both are registered; each does nothing unless Mqtt:Mode selects it.
        services.AddHostedService<EmbeddedMqttBroker>();
        services.AddHostedService<MqttIngressClient>();
        return services;
    }
}
