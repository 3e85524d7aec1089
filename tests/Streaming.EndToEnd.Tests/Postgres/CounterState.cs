namespace Streaming.EndToEnd.Tests;

/// <summary>State of <see cref="CounterGrain"/>; stored as JSON by the System.Text.Json storage serializer.</summary>
[GenerateSerializer]
public sealed class CounterState
{
    [Id(0)]
    public int Count { get; set; }
}
