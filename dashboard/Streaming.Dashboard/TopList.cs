namespace Streaming.Dashboard;

/// <summary>
/// The top entities of one metric (<c>{kind}/{metric}</c>) by the mean of their newest window of <see cref="Size"/>, at most
/// <see cref="TopEntities.Shown"/>; <see cref="Ranked"/> says among how many entities.
/// </summary>
public sealed record TopList(string Metric, string Size, IReadOnlyList<TopEntity> Entities, int Ranked);
