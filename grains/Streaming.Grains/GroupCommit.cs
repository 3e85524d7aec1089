namespace Streaming.Grains;

/// <summary>
/// Coalesces state writes in a grain whose calls interleave: every caller that changed the state awaits a write that began
/// after its change, only one write is ever in flight, and writes start at least <c>interval</c> apart, so a burst of
/// calls costs one write. A failed write fails every caller it covered. Runs on the grain's own scheduler, so it needs
/// no lock.
/// </summary>
internal sealed class GroupCommit(Func<Task> write, TimeSpan interval, TimeProvider time)
{
    private long _requested;
    private long _written;
    private Task? _writing;
    private long _lastStart = long.MinValue;

    /// <summary>Completes once a write that started after this call has completed.</summary>
    public async Task CommitAsync()
    {
        var ticket = ++_requested;
        while (_written < ticket)
        {
            if (_writing is { } inFlight)
            {
                // Started before this change, or covering it: either way wait, then look again.
                await inFlight;
                continue;
            }
            _writing = WriteAfterInterval();
            try
            {
                await _writing;
            }
            finally
            {
                _writing = null;
            }
        }
    }

    // Waits out the interval since the previous write (more changes join meanwhile), then writes what was asked so far.
    private async Task WriteAfterInterval()
    {
        var wait = _lastStart == long.MinValue ? TimeSpan.Zero : interval - time.GetElapsedTime(_lastStart);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time);
        }
        var upTo = _requested;
        _lastStart = time.GetTimestamp();
        await write();
        _written = upTo;
    }
}
