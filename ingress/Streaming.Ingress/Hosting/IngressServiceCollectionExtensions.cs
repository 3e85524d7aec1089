using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Streaming.Grains.Abstractions;

namespace Streaming.Ingress;

/// <summary>Registers the ingress adapters.</summary>
public static class IngressServiceCollectionExtensions
{
    /// <summary>Adds the ingest pipeline and the HTTP ingest endpoint's options.</summary>
    public static IServiceCollection AddIngress(this IServiceCollection services)
    {
        services.AddSingleton<IngestPipeline>();
        services.AddSingleton<IngestService>();
        services.AddEventArchive();
        services.AddMedia();
        services.AddIngestRateLimiting();
        services.AddSingleton<DeadLetterOffice>();
        services.TryAddSingleton<IOutputSink, DisabledOutputSink>();
        services.AddOptions<PlacesOptions>().BindConfiguration(PlacesOptions.Section);
        services.AddOptions<IdentifierOptions>().BindConfiguration(IdentifierOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IdentifierOptions>, IdentifierOptionsValidator>();
        services.AddSingleton<IPlaceRegistry, OpenDataPlaceRegistry>();
        services.AddOptions<HttpIngressOptions>().BindConfiguration(HttpIngressOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, IngressJsonContext.Default));
        return services;
    }
}
