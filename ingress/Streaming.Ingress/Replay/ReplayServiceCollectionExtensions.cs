using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Streaming.Ingress;

/// <summary>Registers the history archive.</summary>
public static class ReplayServiceCollectionExtensions
{
    /// <summary>Adds the archive of accepted events: on disk by default, nothing when <c>Replay:Archive=false</c>.</summary>
    public static IServiceCollection AddEventArchive(this IServiceCollection services)
    {
        services.AddOptions<ReplayOptions>().BindConfiguration(ReplayOptions.Section);
        services.AddSingleton<IEventArchive>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ReplayOptions>>();
            var logger = sp.GetService<ILoggerFactory>()?.CreateLogger(typeof(IEventArchive).FullName!);
            if (!options.Value.Archive)
            {
                if (logger is not null)
                {
                    ReplayLog.ArchiveOff(logger);
                }
                return new DisabledEventArchive();
            }
            var archive = new FileEventArchive(options, sp.GetService<TimeProvider>() ?? TimeProvider.System);
            if (logger is not null)
            {
                ReplayLog.ArchiveAt(logger, archive.Folder);
            }
            return archive;
        });
        return services;
    }
}
