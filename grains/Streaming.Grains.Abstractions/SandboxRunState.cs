using System.Text.Json.Serialization;

namespace Streaming.Grains.Abstractions;

/// <summary>Where a sandbox's replay run stands (in JSON: <c>running</c>, <c>completed</c>, <c>cancelled</c>, <c>failed</c>).</summary>
[GenerateSerializer]
public enum SandboxRunState
{
    /// <summary>Replaying; its windows are not stored yet (the previous run's are cleared).</summary>
    [JsonStringEnumMemberName("running")]
    Running,

    /// <summary>Done: the windows are stored and queryable.</summary>
    [JsonStringEnumMemberName("completed")]
    Completed,

    /// <summary>Cancelled before it finished: nothing is stored.</summary>
    [JsonStringEnumMemberName("cancelled")]
    Cancelled,

    /// <summary>Failed (the run's error says why): nothing is stored.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,
}
