using Streaming.Domain;

namespace Streaming.Ingress;

/// <summary>How many items this silo has refused at one stage for one reason since it started.</summary>
public sealed record DeadLetterCount(DeadLetterStage Stage, string Reason, long Count);
