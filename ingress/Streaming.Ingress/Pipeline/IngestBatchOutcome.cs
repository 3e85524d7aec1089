using Streaming.Domain;
using Streaming.Grains.Abstractions;

namespace Streaming.Ingress;

/// <summary>What became of a batch of bodies submitted together (<see cref="IngestService.IngestBatchAsync"/>).</summary>
/// <param name="Decoded">The decoder's result for each body, in batch order.</param>
/// <param name="Report">The grains' combined report on every decoded event.</param>
/// <param name="DeadLetters">One per refused item or reading, already posted.</param>
public sealed record IngestBatchOutcome(IReadOnlyList<DecodeResult> Decoded, IngestReport Report, IReadOnlyList<DeadLetter> DeadLetters);
