namespace Streaming.Grains;

/// <summary>
/// Coalesces state writes in a grain whose calls interleave: every caller that changed the state awaits a write that began
/// after its change, and only one write is ever in flight, so a burst of calls costs one write (plus the one running).
/// A failed write fails every caller it covered. Runs on the grain's own scheduler, so it needs no lock.
/// </summary>
internal sealed class GroupCommit(Func<Task> write)
{
    private long _requested;
    private long _written;
    private Task? _writing;

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
            var upTo = _requested;
            _writing = write();
            try
            {
                await _writing;
                _written = upTo;
            }
            finally
            {
                _writing = null;
            }
        }
    }
}
