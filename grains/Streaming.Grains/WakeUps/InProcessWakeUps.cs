using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Streaming.Grains.Abstractions;

namespace Streaming.Grains;

/// <summary>
/// Wake-ups kept in this silo's memory, for a silo whose grain state is kept there too (the embedded default): nothing
/// would be left to close after the process ends, so nothing needs to outlive it. A waiting grain costs a queue entry
/// (its id and due time, about a hundred bytes) where an Orleans reminder in memory costs its table row, its timer and a
/// call to the reminder table to register, and each silo re-reads its whole range of that table every five minutes. Once a
/// second it wakes what is due, a few grains at a time, so a silo whose entities' hours all end together wakes them at
/// the pace it can activate them rather than all at once. A wake-up that fails is tried again a minute later.
/// </summary>
public sealed partial class InProcessWakeUps(IGrainFactory grains, TimeProvider time, ILogger<InProcessWakeUps> logger)
    : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private const int Batch = 256, InFlight = 16;
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1), Retry = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private readonly WakeUpQueue<GrainId> _queue = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    /// <summary>When <paramref name="grain"/> is to be woken, if it is waiting.</summary>
    public DateTimeOffset? DueAt(GrainId grain)
    {
        lock (_gate)
        {
            return _queue.DueTicks(grain) is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
        }
    }

    /// <summary>Wakes <paramref name="grain"/> (an <see cref="IWakeUpGrain"/>) at <paramref name="due"/>, replacing an earlier registration.</summary>
    public void Register(GrainId grain, DateTimeOffset due)
    {
        lock (_gate)
        {
            _queue.Set(grain, due.UtcTicks);
        }
    }

    void ILifecycleParticipant<ISiloLifecycle>.Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(InProcessWakeUps), ServiceLifecycleStage.Active, Start, Stop);

    private Task Start(CancellationToken cancellationToken)
    {
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task Stop(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(Tick, time);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = InFlight, CancellationToken = stopping };
        while (await timer.WaitForNextTickAsync(stopping))
        {
            List<GrainId> due;
            do
            {
                lock (_gate)
                {
                    due = _queue.TakeDue(time.GetUtcNow().UtcTicks, Batch);
                }
                await Parallel.ForEachAsync(due, parallel, WakeAsync);
            }
            while (due.Count == Batch);
        }
    }

    private async ValueTask WakeAsync(GrainId grain, CancellationToken stopping)
    {
        try
        {
            await grains.GetGrain<IWakeUpGrain>(grain).WakeUp();
        }
        catch (Exception ex) when (!stopping.IsCancellationRequested)
        {
            LogWakeUpFailed(ex, grain);
            Register(grain, time.GetUtcNow() + Retry);
        }
    }

    public void Dispose() => _stopping.Dispose();

    [LoggerMessage(2403, LogLevel.Warning, "Waking {Grain} failed; it is tried again in a minute")]
    private partial void LogWakeUpFailed(Exception exception, GrainId grain);
}

/// <summary>Registers <see cref="InProcessWakeUps"/>.</summary>
public static class InProcessWakeUpsExtensions
{
    /// <summary>Keeps wake-ups in this silo's memory instead of Orleans reminders (see <see cref="InProcessWakeUps"/>).</summary>
    public static ISiloBuilder AddInProcessWakeUps(this ISiloBuilder silo)
    {
        silo.Services.AddSingleton<InProcessWakeUps>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(services => services.GetRequiredService<InProcessWakeUps>());
        return silo;
    }
}
