using System.Collections.Concurrent;
using Streaming.Grains.Abstractions;

namespace Streaming.Grains.Tests;

/// <summary>
/// A filter on every silo of the test cluster: records which children each <see cref="IRollupGrain.MergeChildren"/> call
/// carried, and fails the first call that carries a child named by <see cref="FailOnce"/>. Children are keyed uniquely
/// per test, so tests read only their own calls.
/// </summary>
public sealed class RollupCalls : IIncomingGrainCallFilter
{
    private static readonly ConcurrentQueue<(string Area, string[] Children)> Merges = new();
    private static readonly ConcurrentDictionary<string, bool> Failing = new();
    private static int _failed;

    /// <summary>Makes the next merge that carries <paramref name="child"/> fail, before the area applies anything.</summary>
    public static void FailOnce(string child) => Failing[child] = true;

    /// <summary>How many merges have been failed on purpose.</summary>
    public static int Failed => Volatile.Read(ref _failed);

    /// <summary>The children of each merge so far that carried any child <paramref name="belongs"/> accepts.</summary>
    public static List<string[]> MergesOf(Func<string, bool> belongs) =>
        [.. Merges.Where(m => m.Children.Any(belongs)).Select(m => m.Children.Where(belongs).ToArray())];

    /// <summary>Children sent through the single-child <see cref="IRollupGrain.Merge"/> instead.</summary>
    public static List<string> SingleMerges { get; } = [];

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod.DeclaringType == typeof(IRollupGrain))
        {
            if (context.MethodName == nameof(IRollupGrain.MergeChildren))
            {
                var children = ((RollupChild[])context.Request.GetArgument(0)!).Select(c => c.Child).ToArray();
                Merges.Enqueue((context.TargetId.Key.ToString()!, children));
                if (children.FirstOrDefault(c => Failing.TryRemove(c, out _)) is { } failing)
                {
                    Interlocked.Increment(ref _failed);
                    throw new InvalidOperationException($"merge carrying {failing} failed by the test");
                }
            }
            else if (context.MethodName == nameof(IRollupGrain.Merge))
            {
                lock (SingleMerges)
                {
                    SingleMerges.Add((string)context.Request.GetArgument(0)!);
                }
            }
        }
        return context.Invoke();
    }
}
