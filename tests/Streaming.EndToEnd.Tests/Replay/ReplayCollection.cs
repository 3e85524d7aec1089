namespace Streaming.EndToEnd.Tests;

/// <summary>The replay tests share one silo and its archive (<see cref="ReplaySilo"/>).</summary>
[CollectionDefinition(Name)]
public sealed class ReplayCollection : ICollectionFixture<ReplaySilo>
{
    public const string Name = "Replay";
}
