namespace Streaming.Dashboard;

/// <summary>
/// The newest value each silo reported, for boards that merge every silo's share. A silo that has reported nothing for
/// <see cref="ForgetAfter"/> (stopped, or restarted under a new address) is forgotten. Thread-safe.
/// </summary>
internal sealed class PerSilo<T>
{
    /// <summary>How long a silo's last value is kept without news from it.</summary>
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromMinutes(10);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, (T Value, DateTimeOffset At)> _values = new(StringComparer.Ordinal);

    public void Set(string silo, T value, DateTimeOffset at)
    {
        lock (_lock)
        {
            _values[silo] = (value, at);
        }
    }

    /// <summary>Changes a silo's value in place (<paramref name="update"/> gets the old one, or default).</summary>
    public void Update(string silo, Func<T?, T> update, DateTimeOffset at)
    {
        lock (_lock)
        {
            _values[silo] = (update(_values.TryGetValue(silo, out var old) ? old.Value : default), at);
        }
    }

    /// <summary>The silos with a value, oldest forgotten.</summary>
    public IReadOnlyList<string> Silos(DateTimeOffset now)
    {
        lock (_lock)
        {
            Forget(now);
            return [.. _values.Keys];
        }
    }

    /// <summary>Every silo's newest value, oldest silos forgotten.</summary>
    public IReadOnlyList<T> Values(DateTimeOffset now)
    {
        lock (_lock)
        {
            Forget(now);
            return [.. _values.Values.Select(v => v.Value)];
        }
    }

    // Under the lock.
    private void Forget(DateTimeOffset now)
    {
        foreach (var gone in _values.Where(v => now - v.Value.At > ForgetAfter).Select(v => v.Key).ToList())
        {
            _values.Remove(gone);
        }
    }
}
