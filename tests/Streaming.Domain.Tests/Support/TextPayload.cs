namespace Streaming.Domain.Tests;

/// <summary>A payload that is not sensor readings, for the cleaning rule that rejects other kinds.</summary>
internal sealed record TextPayload(string Text) : Payload;
