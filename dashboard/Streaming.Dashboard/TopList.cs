namespace Streaming.Dashboard;

/// <summary>
/// The top entities of one metric (<c>{kind}/{metric}</c>) by the mean of their newest window of <see cref="Size"/>, at most
/// <see cref="TopEntities.Shown"/>; <see cref="Ranked"/> says among how many entities.
/// </summary>
[GenerateSerializer, Immutable, Alias("streaming.dashboard.top-list.v1")]
public sealed record TopList(
    [property: Id(0)] string Metric, [property: Id(1)] string Size, [property: Id(2)] IReadOnlyList<TopEntity> Entities, [property: Id(3)] int Ranked);
