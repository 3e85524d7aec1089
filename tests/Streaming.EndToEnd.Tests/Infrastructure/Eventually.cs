namespace Streaming.EndToEnd.Tests;

/// <summary>Awaits a condition that becomes true asynchronously, instead of sleeping for a guessed time.</summary>
internal static class Eventually
{
    public static Task AssertAsync(Func<Task<bool>> condition, TimeSpan timeout, string expectation) =>
        AssertAsync(condition, timeout, () => expectation);

    /// <summary>As above, with the expectation written at the timeout, so it can say what was seen last.</summary>
    public static async Task AssertAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> expectation)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {timeout.TotalSeconds:0.#} s waiting for: {expectation()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }
}
