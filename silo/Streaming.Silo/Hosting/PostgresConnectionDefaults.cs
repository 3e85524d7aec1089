using System.Data.Common;
using Npgsql;

namespace Streaming.Silo;

/// <summary>
/// Npgsql settings for Orleans' ADO.NET providers, applied to <c>ConnectionStrings:Orleans</c> unless it sets them itself.
/// The providers send a handful of statements (a state write, a read, a heartbeat), thousands of times a second.
/// </summary>
internal static class PostgresConnectionDefaults
{
    // Each statement is prepared once per connection rather than parsed and planned on every call.
    private const string MaxAutoPrepare = "Max Auto Prepare";
    private const int PreparedStatements = 32;

    // A pooled connection keeps its session when returned: the reset (DISCARD ALL) threw away the cached plans of the
    // state-write function, which PostgreSQL then planned again on every write.
    private const string NoResetOnClose = "No Reset On Close";

    /// <summary><paramref name="connectionString"/> with the settings above wherever it is silent on them.</summary>
    public static string Apply(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Sets(given, MaxAutoPrepare))
        {
            builder.MaxAutoPrepare = PreparedStatements;
        }
        if (!Sets(given, NoResetOnClose))
        {
            builder.NoResetOnClose = true;
        }
        return builder.ConnectionString;
    }

    // Npgsql accepts each keyword with or without its spaces, in any case.
    private static bool Sets(DbConnectionStringBuilder given, string keyword) =>
        given.Keys.Cast<string>().Any(k => string.Equals(k.Replace(" ", "", StringComparison.Ordinal), keyword.Replace(" ", "", StringComparison.Ordinal),
            StringComparison.OrdinalIgnoreCase));
}
