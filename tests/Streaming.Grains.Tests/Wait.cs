namespace Streaming.Grains.Tests;

/// <summary>Waits for a condition instead of sleeping; fails with what was expected.</summary>
internal static class Wait
{
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, string expected, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        T value;
        while (!done(value = await probe()))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {expected}; last value: {value}");
            }
            await Task.Delay(20);
        }
        return value;
    }
}
