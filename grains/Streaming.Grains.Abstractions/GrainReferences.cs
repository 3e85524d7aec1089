namespace Streaming.Grains.Abstractions;

/// <summary>
/// Grain references for the per-event paths. <see cref="IGrainFactory.GetGrain{TGrainInterface}(string, string?)"/>
/// works out the interface's grain type on every call (formatting the interface's name into new strings each time: 6 %
/// of the silo's allocated bytes under load); this works it out once per interface and then only builds the id.
/// </summary>
public static class GrainReferences
{
    /// <summary>The grain of interface <typeparamref name="T"/> with <paramref name="key"/>, as GetGrain would give it.</summary>
    public static T Get<T>(IGrainFactory grains, string key) where T : IGrainWithStringKey => Kind<T>.Get(grains, key);

    private static class Kind<T> where T : IGrainWithStringKey
    {
        // The grain type an interface resolves to is the same for every factory of the process (one set of grain classes).
        private static (GrainType Type, GrainInterfaceType Interface)? _kind;

        public static T Get(IGrainFactory grains, string key)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(key);
            if (_kind is { } kind)
            {
                return (T)grains.GetGrain(GrainId.Create(kind.Type, key), kind.Interface);
            }
            var grain = grains.GetGrain<T>(key);
            _kind = (grain.GetGrainId().Type, ((GrainReference)(object)grain).InterfaceType);
            return grain;
        }
    }
}
