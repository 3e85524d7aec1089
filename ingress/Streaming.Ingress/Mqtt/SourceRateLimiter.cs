using Microsoft.Extensions.Options;
using Streaming.Domain;

namespace Streaming.Ingress;

/// <summary>
/// A token bucket per source for the embedded broker: <see cref="MqttOptions.RateLimitPerSecond"/> publishes a second,
/// bursts up to <see cref="MqttOptions.RateLimitBurst"/>. The buckets refill lazily when their source next publishes
/// (<see cref="TokenBuckets"/>): nothing runs per source on a timer, buckets idle long enough to be full again are
/// dropped, and past <see cref="TokenBuckets.DefaultMaxBuckets"/> sources new ones share one bucket until room is made.
/// </summary>
public sealed class SourceRateLimiter
{
    private readonly TokenBuckets _buckets;
    private readonly TimeProvider _time;
    private readonly long _start;

    public SourceRateLimiter(IOptions<MqttOptions> options, TimeProvider time)
    {
        var o = options.Value;
        _buckets = new TokenBuckets(new TokenBucketLimits(o.RateLimitPerSecond, o.RateLimitBurst));
        _time = time;
        _start = time.GetTimestamp();
    }

    /// <summary>Takes one token from <paramref name="source"/>'s bucket; false when it is empty.</summary>
    public bool TryAcquire(string source) => _buckets.TryTake(source, _time.GetElapsedTime(_start).Ticks);
}
