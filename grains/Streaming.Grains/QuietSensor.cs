using Orleans.Configuration;

namespace Streaming.Grains;

/// <summary>
/// Whether a sensor's grain should go as soon as it has nothing due, rather than stay its collection age
/// (<see cref="GrainsSiloBuilderExtensions.QuietSensorAge"/>) in case another event comes. A sensor whose events come
/// further apart than that age finds its grains collected by its next event anyway: staying only held two activations
/// for minutes each, and with a million sensors reporting every twenty minutes those were most of a silo's memory.
/// </summary>
public static class QuietSensor
{
    /// <summary>The collection age Orleans gives <typeparamref name="TGrain"/>'s activations.</summary>
    public static TimeSpan Age<TGrain>(GrainCollectionOptions options) =>
        options.ClassSpecificCollectionAge.TryGetValue(typeof(TGrain).FullName!, out var age) ? age : options.CollectionAge;

    /// <summary>
    /// True when the event before this one came more than <paramref name="age"/> before it, or there was none: a new
    /// sensor's rate is not known yet, and finding out costs a sensor that reports often one activation more, where
    /// staying would cost a quiet one its activation for the whole age.
    /// </summary>
    public static bool ReportsLessOftenThan(TimeSpan age, DateTimeOffset? previous, DateTimeOffset now) =>
        previous is not { } p || now - p > age;
}
