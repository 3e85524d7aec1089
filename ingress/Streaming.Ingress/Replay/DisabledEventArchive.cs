using Streaming.Domain;

namespace Streaming.Ingress;

/// <summary>The archive when <c>Replay:Archive=false</c>: keeps nothing, so there is no history to replay.</summary>
public sealed class DisabledEventArchive : IEventArchive
{
    /// <inheritdoc />
    public Task AppendAsync(IReadOnlyList<EventEnvelope> accepted, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
