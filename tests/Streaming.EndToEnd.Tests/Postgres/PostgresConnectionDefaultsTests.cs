using Npgsql;
using Streaming.Silo;

namespace Streaming.EndToEnd.Tests;

/// <summary>The silo prepares the providers' statements and keeps pooled sessions, unless the connection string says otherwise.</summary>
[Trait("Category", "EndToEnd")]
public sealed class PostgresConnectionDefaultsTests
{
    [Fact]
    public void Apply_ConnectionStringSilentOnThem_PreparesStatementsAndKeepsSessions()
    {
        var applied = new NpgsqlConnectionStringBuilder(PostgresConnectionDefaults.Apply("Host=db;Database=streaming;Username=orleans"));

        Assert.Equal((32, true), (applied.MaxAutoPrepare, applied.NoResetOnClose));
        Assert.Equal(("db", "streaming", "orleans"), (applied.Host, applied.Database, applied.Username));
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0;No Reset On Close=false")]
    [InlineData("Host=db;maxautoprepare=0;NORESETONCLOSE=false")]
    public void Apply_ConnectionStringSettingThem_KeepsWhatItSays(string connectionString)
    {
        var applied = new NpgsqlConnectionStringBuilder(PostgresConnectionDefaults.Apply(connectionString));

        Assert.Equal((0, false), (applied.MaxAutoPrepare, applied.NoResetOnClose));
    }
}
