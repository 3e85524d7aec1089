using Streaming.Domain;

namespace Streaming.Ingress;

/// <summary>One owner's windows in a sandbox run: an entity key, <c>area:{name}</c> or <c>system</c>, and its windows.</summary>
public sealed record SandboxOwner(string Owner, WindowResult[] Windows);
