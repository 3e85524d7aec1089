namespace Streaming.Dashboard;

/// <summary>What the server calls on a dashboard page: one batched update per group per push interval.</summary>
public interface ITrendClient
{
    /// <summary>What changed for one group since the previous push.</summary>
    Task Update(TrendUpdate update);
}
