using Microsoft.Extensions.DependencyInjection;

namespace Streaming.Ingress;

/// <summary>Registers image ingest.</summary>
public static class MediaServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="MediaOptions"/> (section <c>Media</c>, validated on start), the <see cref="ImageInspector"/>, the
    /// on-disk <see cref="MediaStore"/> and the <see cref="MediaDecoder"/>, all singletons.
    /// </summary>
    public static IServiceCollection AddMedia(this IServiceCollection services)
    {
        services.AddOptions<MediaOptions>().BindConfiguration(MediaOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ImageInspector>();
        services.AddSingleton<MediaStore>();
        services.AddSingleton<MediaDecoder>();
        return services;
    }
}
