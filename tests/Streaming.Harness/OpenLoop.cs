using System.Diagnostics;
using System.Globalization;
using HdrHistogram;

namespace Streaming.Harness;

/// <summary>What one step came to.</summary>
internal sealed record StepResult(Step Step, HistogramBase Delivery, HistogramBase LastQuarter, HistogramBase Ack, double? CpuSeconds,
    double? AllocatedBytes, double ElapsedSeconds, bool Sustainable, string Verdict)
{
    /// <summary>
    /// CPU seconds over the step of the platform's processes besides the silo (the separate broker, PostgreSQL), each by
    /// name; empty when the silo runs alone.
    /// </summary>
    public IReadOnlyList<(string Name, double Seconds)> OtherCpu { get; init; } = [];

    /// <summary><see cref="Stopwatch.GetTimestamp"/> when the step's drain ended (its figures were taken).</summary>
    public long EndTimestamp { get; init; }

    /// <summary>Events out per CPU second of the silo and the <see cref="OtherCpu"/> processes together.</summary>
    public double? EventsPerCpuSecondTogether =>
        CpuSeconds is { } c && OtherCpu.Count > 0 && c + OtherCpu.Sum(o => o.Seconds) is var all and > 0 ? Step.Delivered / all : null;

    /// <summary>Managed bytes the silo allocated per event out (counter resolution: one second at each end of the step).</summary>
    public double? AllocatedPerEvent => AllocatedBytes is { } a && Step.Delivered > 0 ? a / Step.Delivered : null;

    /// <summary>Events out per second of the step's sending time.</summary>
    public double AchievedRate => Step.Delivered / Step.Duration.TotalSeconds;

    public double? EventsPerCpuSecond => CpuSeconds is > 0 ? Step.Delivered / CpuSeconds.Value : null;
}

/// <summary>One of the platform's processes besides the silo, whose CPU seconds so far <see cref="Read"/> returns.</summary>
internal sealed record CpuMeter(string Name, Func<double> Read);

/// <summary>
/// The open-loop generator: a dedicated thread starts each event's send when it is due (from the schedule, not from
/// when earlier sends finished), sleeping in between, so within about a millisecond; the step is judged on its latency
/// from the intended send times and its backlog.
/// </summary>
internal sealed class OpenLoop(IEventSender sender, IMessages messages, Arrivals arrivals, Settings settings, Func<double>? cpuSeconds,
    Func<double>? allocatedBytes = null, IReadOnlyList<CpuMeter>? others = null)
{
    private int _steps;
    // Events sent by the steps before: each step goes on round the sources from where the last one stopped, so every
    // source keeps its interval (sources / rate) from the warm-up into the steps, as a real sensor would. Starting each
    // step at the first source again made the step's sources ones heard from moments before, not an interval before.
    private long _sentBefore;
    private readonly string _run = Guid.NewGuid().ToString("N")[..6];

    /// <summary>Runs one step; a warm-up step is never stopped for its backlog and waits longer for its last events (as long as it ran).</summary>
    public async Task<StepResult> RunAsync(double rate, TimeSpan duration, bool warmUp = false)
    {
        var step = new Step($"b{_run}s{_steps++}", rate, duration);
        arrivals.Add(step);
        var cpuBefore = cpuSeconds?.Invoke();
        var allocatedBefore = allocatedBytes?.Invoke();
        var othersBefore = others?.Select(o => o.Read()).ToArray() ?? [];
        var started = Stopwatch.GetTimestamp();
        var maxBacklog = warmUp ? long.MaxValue : (long)Math.Max(1000, rate * settings.BacklogSeconds);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Dispatch(step, maxBacklog);
                done.SetResult();
            }
            catch (Exception ex)
            {
                done.SetException(ex);
            }
        })
        { IsBackground = true, Name = "open-loop", Priority = ThreadPriority.AboveNormal };
        thread.Start();
        await done.Task;

        // Drain: the events already sent may still be on their way. A warm-up that activates many grains can fall far
        // behind; what it leaves queued would land in the first measured step, so it may take as long again to drain.
        var drainSeconds = warmUp ? Math.Max(120, duration.TotalSeconds) : settings.DrainSeconds;
        var drainUntil = Stopwatch.GetTimestamp() + (long)(drainSeconds * Stopwatch.Frequency);
        while (step.Delivered + step.SendErrors < step.Sent && Stopwatch.GetTimestamp() < drainUntil)
        {
            await Task.Delay(20);
        }
        var end = Stopwatch.GetTimestamp();
        var elapsed = Stopwatch.GetElapsedTime(started, end).TotalSeconds;
        var cpu = cpuBefore is { } before ? cpuSeconds!() - before : (double?)null;
        (string, double)[] otherCpu = others is null ? [] : [.. others.Select((o, i) => (o.Name, o.Read() - othersBefore[i]))];
        var allocated = allocatedBefore is { } allocBefore ? allocatedBytes!() - allocBefore : (double?)null;
        var (delivery, lastQuarter) = step.SnapshotDelivery();
        var ack = step.Ack.Copy();
        var verdict = Judge(step, delivery, lastQuarter, drainSeconds);
        return new StepResult(step, delivery, lastQuarter, ack, cpu, allocated, elapsed, verdict is null, verdict ?? "bounded")
        {
            OtherCpu = otherCpu,
            EndTimestamp = end,
        };
    }

    /// <summary>Waits until everything a step sent is out (or failed), or the timeout passes.</summary>
    public static async Task SettleAsync(Step step, TimeSpan timeout)
    {
        var until = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (step.Delivered + step.SendErrors < step.Sent && Stopwatch.GetTimestamp() < until)
        {
            await Task.Delay(100);
        }
    }

    private void Dispatch(Step step, long maxBacklog)
    {
        step.WallStart = DateTimeOffset.UtcNow;
        step.Start = Stopwatch.GetTimestamp();
        var perTick = step.Rate / Stopwatch.Frequency;
        long k = 0;
        long maxLag = 0;
        while (k < step.Count)
        {
            var now = Stopwatch.GetTimestamp();
            var due = Math.Min(step.Count, (long)((now - step.Start) * perTick) + 1);
            if (k < due)
            {
                maxLag = Math.Max(maxLag, now - step.Intended(k));
            }
            for (; k < due; k++)
            {
                var source = messages.Source(_sentBefore + k);
                sender.Send(step, k, source, messages.Event(step.Prefix, k, source, step.IntendedWall(k)));
            }
            // Open loop: nothing waits for replies. But a backlog that keeps growing means the rate is not sustainable;
            // stop there rather than pile up memory in the harness and the broker.
            var backlog = step.Sent - step.Delivered - step.SendErrors;
            if (backlog > maxBacklog)
            {
                step.Aborted = string.Create(CultureInfo.InvariantCulture, $"backlog passed {maxBacklog:N0} events after {Stopwatch.GetElapsedTime(step.Start).TotalSeconds:F1} s");
                break;
            }
            if (k < step.Count && step.Intended(k) - Stopwatch.GetTimestamp() is var wait and > 0)
            {
                // Sleep, never spin: yielding in a loop until the next event was due kept this thread busy on most of a
                // core at any rate above 1,000 ev/s, a core the platform under test then lacked. Events that fall due
                // during the sleep go together on waking, up to about a millisecond late, and that counts in their latency.
                var ticks = Math.Clamp(wait, Stopwatch.Frequency / 1000, Stopwatch.Frequency / 100);
                Thread.Sleep(TimeSpan.FromTicks(ticks * TimeSpan.TicksPerSecond / Stopwatch.Frequency));
            }
        }
        step.MaxSendLagMicros = Step.Micros(maxLag);
        _sentBefore += k;
    }

    private string? Judge(Step step, LongHistogram delivery, LongHistogram lastQuarter, double drainSeconds)
    {
        var limit = (long)(settings.MaxP99Ms * 1000);
        if (step.Aborted is { } aborted)
        {
            return aborted;
        }
        if (step.SendErrors > step.Sent / 1000)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{step.SendErrors:N0} sends refused or failed ({sender.FirstError})");
        }
        if (step.Delivered < step.Sent * 0.999)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{step.Sent - step.Delivered:N0} of {step.Sent:N0} not out within {drainSeconds:N0} s of the end");
        }
        if (delivery.TotalCount > 0 && delivery.GetValueAtPercentile(99) > limit)
        {
            return string.Create(CultureInfo.InvariantCulture, $"p99 {Report.Ms(delivery.GetValueAtPercentile(99))} over {settings.MaxP99Ms} ms");
        }
        if (lastQuarter.TotalCount > 0 && lastQuarter.GetValueAtPercentile(99) > limit)
        {
            return string.Create(CultureInfo.InvariantCulture, $"last quarter's p99 {Report.Ms(lastQuarter.GetValueAtPercentile(99))} over {settings.MaxP99Ms} ms");
        }
        return null;
    }
}
