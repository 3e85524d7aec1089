using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streaming.Domain;
using Streaming.Grains.Abstractions;

namespace Streaming.Grains;

/// <summary>
/// Gathers what this silo's entities owe their areas and sends each area one <see cref="IRollupGrain.MergeChildren"/>
/// per <see cref="RollupOptions.ForwardInterval"/> (sooner once <see cref="RollupOptions.MaxChildrenPerMerge"/> children
/// wait), where each entity used to call its area itself: an area has every entity in it as a child, so that was a grain
/// call, a timer turn and a turn of one area grain for every event of the platform. Nothing here is durable: the
/// segments stay in each entity's persisted outbox until the answer confirms them. An entity keeps one submission open
/// at a time and sends every segment not yet confirmed, and the area applies each segment once, by sequence, so a batch
/// lost, failed or late loses and reorders nothing.
/// </summary>
public sealed partial class RollupForwarder(IGrainFactory grains, IOptions<RollupOptions> options, TimeProvider time,
    ILogger<RollupForwarder> logger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Batch> _gathering = [];

    /// <summary>
    /// Queues <paramref name="segments"/> (oldest first, none confirmed yet) of <paramref name="child"/> for
    /// <paramref name="area"/>; completes with the highest sequence the area durably applied for the child, or fails with
    /// the merge.
    /// </summary>
    public Task<long> Submit(string area, string child, RollupSegment[] segments)
    {
        ArgumentOutOfRangeException.ThrowIfZero(segments.Length);
        Batch? full = null;
        Task<long> answer;
        lock (_gate)
        {
            if (!_gathering.TryGetValue(area, out var batch))
            {
                batch = new Batch();
                _gathering[area] = batch;
                // Off the caller's scheduler: the caller is a grain turn, and the send must not belong to that activation.
                _ = Task.Run(() => SendAfterInterval(area, batch));
            }
            answer = batch.Add(child, segments);
            if (batch.Count >= options.Value.MaxChildrenPerMerge)
            {
                _gathering.Remove(area);
                batch.Gone = true;
                full = batch;
            }
        }
        if (full is not null)
        {
            _ = Task.Run(() => Send(area, full));
        }
        return answer;
    }

    private async Task SendAfterInterval(string area, Batch batch)
    {
        await Task.Delay(options.Value.ForwardInterval, time);
        lock (_gate)
        {
            if (batch.Gone)
            {
                return; // it filled up and went early
            }
            _gathering.Remove(area);
            batch.Gone = true;
        }
        await Send(area, batch);
    }

    private async Task Send(string area, Batch batch)
    {
        var children = batch.Children;
        try
        {
            batch.Confirm(await GrainReferences.Get<IRollupGrain>(grains, area).MergeChildren([.. children]));
        }
        catch (Exception ex)
        {
            LogMergeFailed(ex, area, children.Count);
            batch.Fail(ex);
        }
    }

    // One area's children gathered for one merge; only touched under the forwarder's lock until it is sent.
    private sealed class Batch
    {
        private readonly Dictionary<string, int> _at = [];
        private readonly List<TaskCompletionSource<long>> _answers = [];

        public List<RollupChild> Children { get; } = [];

        /// <summary>Taken out of the gathering to be sent; nothing joins it after.</summary>
        public bool Gone { get; set; }

        public int Count => Children.Count;

        public Task<long> Add(string child, RollupSegment[] segments)
        {
            if (_at.TryGetValue(child, out var at))
            {
                // Two activations of one entity (one on its way out): the list that reaches further holds the other's.
                if (segments[^1].Seq > Children[at].Segments[^1].Seq)
                {
                    Children[at] = new RollupChild(child, segments);
                }
                return _answers[at].Task;
            }
            _at[child] = Children.Count;
            Children.Add(new RollupChild(child, segments));
            var answer = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            _answers.Add(answer);
            return answer.Task;
        }

        public void Confirm(long[] applied)
        {
            for (var i = 0; i < _answers.Count; i++)
            {
                _answers[i].TrySetResult(applied[i]);
            }
        }

        public void Fail(Exception ex)
        {
            foreach (var answer in _answers)
            {
                answer.TrySetException(ex);
            }
        }
    }

    [LoggerMessage(2301, LogLevel.Warning, "Merging {Children} children into {Area} failed; they keep their segments and send them again")]
    private partial void LogMergeFailed(Exception exception, string area, int children);
}
