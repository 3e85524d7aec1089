using Orleans.Core.Internal;
using Orleans.Runtime;

namespace Streaming.Grains.Tests;

internal static class Deactivation
{
    /// <summary>Ends activations at once, whatever keeps them (a timer still due), so the next call reads their state from storage.</summary>
    public static async Task Deactivate(params IAddressable[] grains)
    {
        foreach (var grain in grains)
        {
            await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        }
    }

    /// <summary>
    /// Runs the idle collection (every activation idle at all is due) until <paramref name="gone"/> is no longer active: a
    /// grain that ends a call just as the collector looks is skipped, so one pass proves nothing.
    /// </summary>
    public static Task CollectUntilGone(IGrainFactory grains, IAddressable gone)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        return Wait.Until(async () =>
        {
            await management.ForceActivationCollection(TimeSpan.Zero);
            return await management.GetGrainActivationCount((GrainReference)gone);
        }, count => count == 0, $"{gone} collected");
    }

    /// <summary>
    /// Runs the idle collection pass after pass for <paramref name="during"/>; false as soon as <paramref name="grain"/> is
    /// gone. Many passes, since a grain busy with a timer's tick as the collector looks is skipped that once.
    /// </summary>
    public static Task<bool> SurvivesCollection(IGrainFactory grains, IAddressable grain, TimeSpan during) =>
        ActiveThroughout(grains, grain, during, management => management.ForceActivationCollection(TimeSpan.Zero));

    /// <summary>
    /// True if <paramref name="grain"/> is still active after <paramref name="during"/>, nothing forcing a collection; false
    /// as soon as it is gone. For what a grain must not do by itself, such as leave after its call.
    /// </summary>
    public static Task<bool> StaysActive(IGrainFactory grains, IAddressable grain, TimeSpan during) =>
        ActiveThroughout(grains, grain, during, _ => Task.Delay(20));

    private static async Task<bool> ActiveThroughout(IGrainFactory grains, IAddressable grain, TimeSpan during, Func<IManagementGrain, Task> eachPass)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var until = DateTime.UtcNow + during;
        while (DateTime.UtcNow < until)
        {
            await eachPass(management);
            if (await management.GetGrainActivationCount((GrainReference)grain) == 0)
            {
                return false;
            }
        }
        return true;
    }
}
