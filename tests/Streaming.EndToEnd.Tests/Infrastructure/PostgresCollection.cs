namespace Streaming.EndToEnd.Tests;

/// <summary>Test classes marked <c>[Collection("postgres")]</c> share one throwaway PostgreSQL cluster.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
