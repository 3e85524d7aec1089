using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Streaming.Domain;
using Streaming.Grains;
using Streaming.Grains.Abstractions;
using Streaming.Ingress;

namespace Streaming.Silo;

/// <summary>
/// Fills a sandbox: records the run in its <see cref="ISandboxGrain"/> and clears the previous run's windows, replays the
/// range through the pure pipeline with the silo's settings plus the sandbox's overrides (<see cref="SandboxReplay"/>),
/// then stores each owner's windows in its own <see cref="ISandboxWindowsGrain"/> and publishes them to the sandbox's
/// topic. Live grains, live topics and the dashboard are never touched. A run cancelled or failed leaves no windows.
/// </summary>
public sealed class SandboxRunner(
    IGrainFactory grains, IOptions<ReplayOptions> replay, IOptions<CleaningOptions> cleaning, IOptions<WindowOptions> windows,
    IOptions<LinkingOptions> linking, IPlaceRegistry places, ISandboxPublisher publisher, TimeProvider time)
{
    private const int StoreConcurrency = 8;

    /// <summary>The silo's settings with a sandbox's overrides, or null with the reason.</summary>
    public ReplaySettings? Settings(IReadOnlyDictionary<string, string> overrides, out string? error) =>
        ReplayOverrides.Apply(ReplaySetup.Settings(cleaning.Value, windows.Value, linking.Value, places), overrides, out error);

    /// <summary>Runs the sandbox described by <paramref name="info"/> (state <c>Running</c>) for <paramref name="run"/>.</summary>
    public async Task RunAsync(ReplayRun run, SandboxInfo info, ReplayPlan plan, ReplaySettings settings, double? maxEventsPerSecond)
    {
        var sandbox = grains.GetGrain<ISandboxGrain>(info.Name);
        var previous = await sandbox.Replace(info);
        await ClearAsync(info.Name, previous?.Owners ?? []);
        var stored = new ConcurrentBag<string>();
        try
        {
            var result = await new SandboxReplay(replay.Value.ArchiveFolder, settings, time) { MaxEventsPerSecond = maxEventsPerSecond }
                .RunAsync(plan, run, run.Token);
            await Parallel.ForEachAsync(result.Owners, new ParallelOptions { MaxDegreeOfParallelism = StoreConcurrency, CancellationToken = run.Token },
                async (owner, _) =>
                {
                    stored.Add(owner.Owner);
                    await grains.GetGrain<ISandboxWindowsGrain>(SandboxKeys.Windows(info.Name, owner.Owner)).Store(owner.Windows);
                });
            publisher.Publish(info.Name, result.Owners);
            await sandbox.Replace(info with
            {
                State = SandboxRunState.Completed, FinishedAt = time.GetUtcNow(), Events = result.Events,
                Windows = result.Owners.Sum(o => (long)o.Windows.Length), Owners = [.. result.Owners.Select(o => o.Owner)],
            });
        }
        catch (Exception ex)
        {
            // Whatever was stored goes, so a sandbox never shows part of a run; the exception ends the run as it is.
            await ClearAsync(info.Name, stored);
            var cancelled = ex is OperationCanceledException && run.Token.IsCancellationRequested;
            await sandbox.Replace(info with
            {
                State = cancelled ? SandboxRunState.Cancelled : SandboxRunState.Failed, FinishedAt = time.GetUtcNow(),
                Error = cancelled ? null : ex.Message,
            });
            throw;
        }
    }

    /// <summary>Forgets a sandbox and its windows; returns what it was, or null when there was none.</summary>
    public async Task<SandboxInfo?> RemoveAsync(string name)
    {
        var removed = await grains.GetGrain<ISandboxGrain>(name).Remove();
        await ClearAsync(name, removed?.Owners ?? []);
        return removed;
    }

    private Task ClearAsync(string name, IEnumerable<string> owners) =>
        Parallel.ForEachAsync(owners, new ParallelOptions { MaxDegreeOfParallelism = StoreConcurrency },
            async (owner, _) => await grains.GetGrain<ISandboxWindowsGrain>(SandboxKeys.Windows(name, owner)).Clear());
}
