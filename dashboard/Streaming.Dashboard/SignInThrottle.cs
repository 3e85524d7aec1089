namespace Streaming.Dashboard;

/// <summary>
/// Slows password guessing: after <see cref="MaxFailuresPerName"/> failed sign-ins for one user name, or
/// <see cref="MaxFailuresPerAddress"/> from one address, within <see cref="Window"/>, further attempts are refused without
/// checking the password until the oldest failure leaves the window. A success clears its user name's failures. In memory,
/// per silo, and bounded: at most <see cref="MaxKeys"/> names and addresses are tracked (the oldest forgotten first).
/// </summary>
public sealed class SignInThrottle(TimeProvider time)
{
    /// <summary>Failures allowed per user name within the window.</summary>
    public const int MaxFailuresPerName = 5;

    /// <summary>Failures allowed per client address within the window (several users may share one address).</summary>
    public const int MaxFailuresPerAddress = 20;

    /// <summary>Most user names and addresses tracked at once.</summary>
    public const int MaxKeys = 10_000;

    /// <summary>How long a failure counts.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.Ordinal);

    /// <summary>How long to wait before another attempt for this name from this address, or null when one may be made now.</summary>
    public TimeSpan? RetryAfter(string name, string? address)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            var wait = Wait(NameKey(name), MaxFailuresPerName, now);
            var byAddress = address is null ? null : Wait(AddressKey(address), MaxFailuresPerAddress, now);
            return wait is null ? byAddress : byAddress is null ? wait : (wait > byAddress ? wait : byAddress);
        }
    }

    /// <summary>Counts a failed attempt.</summary>
    public void Failed(string name, string? address)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            Add(NameKey(name), now);
            if (address is not null)
            {
                Add(AddressKey(address), now);
            }
        }
    }

    /// <summary>Forgets a user name's failures after it signed in.</summary>
    public void Succeeded(string name)
    {
        lock (_lock)
        {
            _failures.Remove(NameKey(name));
        }
    }

    private TimeSpan? Wait(string key, int max, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(key, out var failures))
        {
            return null;
        }
        while (failures.Count > 0 && failures.Peek() <= now - Window)
        {
            failures.Dequeue();
        }
        return failures.Count < max ? null : failures.Peek() + Window - now;
    }

    private void Add(string key, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(key, out var failures))
        {
            if (_failures.Count >= MaxKeys)
            {
                // Forget the key whose newest failure is oldest: it is the least likely to be throttled now.
                _failures.Remove(_failures.MinBy(f => f.Value.Count == 0 ? DateTimeOffset.MinValue : f.Value.Last()).Key);
            }
            _failures[key] = failures = new Queue<DateTimeOffset>();
        }
        failures.Enqueue(now);
        while (failures.Count > MaxFailuresPerAddress)
        {
            failures.Dequeue();
        }
    }

    private static string NameKey(string name) => "name:" + name.ToUpperInvariant();

    private static string AddressKey(string address) => "address:" + address;
}
