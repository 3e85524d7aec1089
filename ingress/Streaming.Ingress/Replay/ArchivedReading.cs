namespace Streaming.Ingress;

/// <summary>One sensor reading as archived: metric, value (NaN and infinity as named literals), unit as sent.</summary>
public sealed record ArchivedReading(string Metric, double Value, string? Unit);
