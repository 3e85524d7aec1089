using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Streaming.Ingress;

/// <summary>
/// A token bucket per source for the embedded broker: <see cref="MqttOptions.RateLimitPerSecond"/> publishes a second,
/// bursts up to <see cref="MqttOptions.RateLimitBurst"/>. Idle buckets are dropped by the limiter, so memory follows the
/// active sources rather than every source ever seen.
/// </summary>
public sealed class SourceRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public SourceRateLimiter(IOptions<MqttOptions> options)
    {
        var o = options.Value;
        // Refill ten times a second (rates of 10/s and more), so a steady sender is not refused at the top of each second.
        var tenths = o.RateLimitPerSecond >= 10;
        var limiterOptions = new TokenBucketRateLimiterOptions
        {
            TokenLimit = o.RateLimitBurst,
            TokensPerPeriod = tenths ? o.RateLimitPerSecond / 10 : o.RateLimitPerSecond,
            ReplenishmentPeriod = tenths ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
        _limiter = PartitionedRateLimiter.Create<string, string>(source => RateLimitPartition.GetTokenBucketLimiter(source, _ => limiterOptions));
    }

    /// <summary>Takes one token from <paramref name="source"/>'s bucket; false when it is empty.</summary>
    public bool TryAcquire(string source)
    {
        using var lease = _limiter.AttemptAcquire(source);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
