using Streaming.Grains.Abstractions;

namespace Streaming.Grains;

/// <summary>Persisted state of <see cref="RecordLinkGrain"/>.</summary>
[GenerateSerializer, Alias("streaming.record-link-state.v1")]
public sealed class RecordLinkState
{
    /// <summary>The current link, once the row has been seen.</summary>
    [Id(0)] public RecordLinkDecision? Current { get; set; }
}
