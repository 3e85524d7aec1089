using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Storage;

namespace Streaming.Grains;

/// <summary>What every silo hosting these grains needs, whatever its storage: shared by the host and the test clusters.</summary>
public static class GrainsSiloBuilderExtensions
{
    /// <summary>
    /// Adds the silo's <see cref="RollupForwarder"/>, and stores grain state with Orleans' own version-tolerant binary
    /// serializer. The domain state types carry stable <c>[Id]</c>s (and private fields) for exactly this; a JSON
    /// serializer would not see those fields.
    /// </summary>
    public static ISiloBuilder AddStreamingGrains(this ISiloBuilder silo)
    {
        silo.Services.AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>();
        silo.Services.AddSingleton<RollupForwarder>();
        // Configured values, bound after this, replace these (a [CollectionAgeLimit] would overrule the configuration).
        silo.Services.Configure<GrainCollectionOptions>(o =>
        {
            o.CollectionQuantum = CollectionQuantum;
            o.ClassSpecificCollectionAge[typeof(SourceGrain).FullName!] = QuietSensorAge;
            o.ClassSpecificCollectionAge[typeof(EntityGrain).FullName!] = QuietSensorAge;
        });
        return silo;
    }

    /// <summary>
    /// How long a sensor's source and entity stay active after its last event: a sensor that reports more often keeps
    /// them, one that reports less often pays a state read per event instead of holding two activations (several KB each)
    /// between events; a million sensors reporting every twenty minutes would otherwise all stay active. Longer than a
    /// minute window's end plus the idle timeout, so an entity closes its minute before it goes; its hour is closed by a
    /// wake-up (see <see cref="WindowWakeUp"/>).
    /// </summary>
    public static readonly TimeSpan QuietSensorAge = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How often the silo collects the activations that have passed their age. Orleans' default, a minute, deactivates a
    /// minute's worth of quiet sensors all at once: with 1,000 events a second from sensors that report less often than
    /// <see cref="QuietSensorAge"/>, some 120,000 deactivations started together and held up every event for 3-4 s, once a
    /// minute. Each second's share instead is a few thousand.
    /// </summary>
    public static readonly TimeSpan CollectionQuantum = TimeSpan.FromSeconds(1);
}
