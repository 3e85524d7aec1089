namespace Streaming.Domain;

/// <summary>One firing of an <see cref="AlertRule"/> for one entity's window.</summary>
/// <param name="Id">Stable per rule, entity, series, size and window start: <c>{rule}|{entity}|{kind}/{metric}|{size ticks}|{start ticks}</c>.</param>
/// <param name="Rule">The rule's name.</param>
/// <param name="Entity">The entity key whose window crossed the threshold.</param>
/// <param name="Series">The window's kind and metric.</param>
/// <param name="Size">The window's size.</param>
/// <param name="Start">The window's start.</param>
/// <param name="End">The window's end.</param>
/// <param name="Mean">The window's mean when the alert fired.</param>
/// <param name="Count">Readings in the window when the alert fired.</param>
/// <param name="Threshold">The threshold crossed.</param>
/// <param name="IsAbove">True: the mean is above the threshold; false: below it.</param>
/// <param name="Final">Whether the window was final (else provisional) when the alert fired.</param>
/// <param name="FiredAt">When it fired (processing time).</param>
public sealed record Alert(
    string Id, string Rule, string Entity, SeriesKey Series, TimeSpan Size, DateTimeOffset Start, DateTimeOffset End,
    double Mean, long Count, double Threshold, bool IsAbove, bool Final, DateTimeOffset FiredAt);
