using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace Streaming.Harness;

/// <summary>
/// The silo's own GC figures, read from outside through the .NET diagnostics port (EventPipe), as dotnet-counters and
/// dotnet-gcdump do, so the platform needs no endpoint for them: the <c>System.Runtime</c> counters every second
/// (bytes allocated, GC heap size) and, on request, a full blocking GC (the runtime's GCHeapCollect keyword).
/// </summary>
internal sealed class RuntimeCounters : IDisposable
{
    // Microsoft-Windows-DotNETRuntime keywords: GC (0x1) and GCHeapCollect (0x800000), which makes the runtime run a
    // full, blocking, compacting collection when a session with it starts.
    private const long GcKeywords = 0x1 | 0x800000;
    private readonly DiagnosticsClient _client;
    private readonly EventPipeSession _session;
    private readonly Thread _thread;
    private readonly object _lock = new();
    private double _allocatedBytes;
    private double _heapMegabytes;
    private long _reports;

    public RuntimeCounters(int pid)
    {
        _client = new DiagnosticsClient(pid);
        _session = _client.StartEventPipeSession(
            new EventPipeProvider("System.Runtime", EventLevel.Informational, -1,
                new Dictionary<string, string> { ["EventCounterIntervalSec"] = "1" }),
            requestRundown: false);
        _thread = new Thread(Read) { IsBackground = true, Name = "runtime-counters" };
        _thread.Start();
    }

    /// <summary>Managed bytes the silo allocated since these counters started (the sum of <c>alloc-rate</c>).</summary>
    public double AllocatedBytes
    {
        get
        {
            lock (_lock)
            {
                return _allocatedBytes;
            }
        }
    }

    /// <summary>The newest <c>gc-heap-size</c>, in bytes (the counter's resolution is 1 MB).</summary>
    public double HeapBytes
    {
        get
        {
            lock (_lock)
            {
                return _heapMegabytes * 1_000_000;
            }
        }
    }

    /// <summary>Forces a full blocking GC in the silo, then waits for two counter reports so <see cref="HeapBytes"/> is after it.</summary>
    public async Task FullGcAsync()
    {
        using (var gc = _client.StartEventPipeSession(
            new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, GcKeywords), requestRundown: false))
        {
            // The collection runs when the session starts; drain its stream so the runtime is not blocked on it.
            var drain = Task.Run(() => gc.EventStream.CopyTo(Stream.Null));
            await Task.Delay(2000);
            gc.Stop();
            await drain;
        }
        var seen = Interlocked.Read(ref _reports);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Interlocked.Read(ref _reports) < seen + 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
    }

    private void Read()
    {
        using var source = new EventPipeEventSource(_session.EventStream);
        source.Dynamic.All += e =>
        {
            // As dotnet-counters reads them: the event's first payload value holds a "Payload" of the counter's fields.
            if (e.EventName != "EventCounters" || e.PayloadNames.Length == 0 || e.PayloadValue(0) is not IDictionary<string, object> outer
                || !outer.TryGetValue("Payload", out var inner) || inner is not IDictionary<string, object> payload)
            {
                return;
            }
            var name = payload.TryGetValue("Name", out var n) ? n as string : null;
            lock (_lock)
            {
                if (name == "alloc-rate" && payload.TryGetValue("Increment", out var increment))
                {
                    _allocatedBytes += Convert.ToDouble(increment, System.Globalization.CultureInfo.InvariantCulture);
                }
                else if (name == "gc-heap-size" && payload.TryGetValue("Mean", out var mean))
                {
                    _heapMegabytes = Convert.ToDouble(mean, System.Globalization.CultureInfo.InvariantCulture);
                    Interlocked.Increment(ref _reports);
                }
            }
        };
        try
        {
            source.Process();
        }
        catch (Exception ex) when (ex is EndOfStreamException or ObjectDisposedException or IOException or FormatException)
        {
            // The session ended with the silo (a silo that dies mid-block, out of memory say, cuts the stream short: the
            // run then fails with the silo's last lines rather than the harness with this thread's exception).
        }
    }

    public void Dispose()
    {
        try
        {
            _session.Stop();
        }
        catch (Exception ex) when (ex is ServerNotAvailableException or IOException or TimeoutException)
        {
            // The silo is already gone.
        }
        _thread.Join(TimeSpan.FromSeconds(5));
        _session.Dispose();
    }
}
