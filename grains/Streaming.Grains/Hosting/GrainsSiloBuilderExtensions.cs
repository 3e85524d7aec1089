using Microsoft.Extensions.DependencyInjection;
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
        return silo;
    }
}
