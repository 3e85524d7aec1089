namespace Streaming.Domain;

/// <summary>
/// One emission of one window. <see cref="Revision"/> counts the emissions of that window, starting at 1;
/// the one with <see cref="Final"/> set is the last, unless a roll-up later revises it with data from a
/// source that had been idle. Open windows read through a query have revision 0 until first emitted.
/// </summary>
[GenerateSerializer, Immutable, Alias("streaming.window-result.v1")]
public sealed record WindowResult(
    [property: Id(0)] SeriesKey Series,
    [property: Id(1)] TimeSpan Size,
    [property: Id(2)] DateTimeOffset Start,
    [property: Id(3)] DateTimeOffset End,
    [property: Id(4)] WindowAggregate Aggregate,
    [property: Id(5)] int Revision,
    [property: Id(6)] bool Final);
