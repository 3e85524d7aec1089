namespace Streaming.Ingress;

/// <summary>The body of a 4xx or 5xx answer: what was wrong, in words.</summary>
public sealed record ProblemResponse(string Error, string Detail);
