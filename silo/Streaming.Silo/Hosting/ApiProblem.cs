namespace Streaming.Silo;

/// <summary>The body of a 4xx answer from the read API.</summary>
public sealed record ApiProblem(string Error, string Detail);
