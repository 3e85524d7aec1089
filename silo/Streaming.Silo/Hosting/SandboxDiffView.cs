using Streaming.Domain;

namespace Streaming.Silo;

/// <summary>
/// <c>GET /api/replay/sandbox/{name}/diff</c>: the sandbox's range, whether roll-ups were compared (not when the sandbox
/// replayed only some sources), the counts, and the windows changed, only in the sandbox and only in live (each list at
/// most the request's limit; <see cref="Truncated"/> says when one was cut).
/// </summary>
public sealed record SandboxDiffView(
    string Sandbox, DateTimeOffset From, DateTimeOffset To, bool RollupsCompared, WindowDiffSummary Summary,
    WindowChangeView[] Changed, WindowChangeView[] OnlyInSandbox, WindowChangeView[] OnlyInLive, bool Truncated);
