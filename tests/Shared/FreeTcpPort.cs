using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Streaming.Testing;

/// <summary>
/// Picks loopback ports that are free right now, for services the tests and the harness start. They come from below the kernel's
/// ephemeral range, which the local ends of outgoing connections are drawn from: a port the kernel handed out and took
/// back could go to one of those (a test's HTTP or Kafka client) in the seconds before the service binds it.
/// </summary>
internal static class FreeTcpPort
{
    private const int Lowest = 20_000;
    private static readonly int BelowEphemeral = EphemeralLow();
    private static readonly ConcurrentDictionary<int, bool> Given = new();

    public static int Next()
    {
        for (var attempt = 0; attempt < 200 && BelowEphemeral - Lowest >= 1_000; attempt++)
        {
            var port = Random.Shared.Next(Lowest, BelowEphemeral);
            if (Given.TryAdd(port, true) && IsFree(port))
            {
                return port;
            }
        }
        // A machine whose ephemeral range starts low: let the kernel choose.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    // The first port of /proc/sys/net/ipv4/ip_local_port_range (32768 on Linux by default).
    private static int EphemeralLow()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            return int.Parse(range[0], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return 32_768;
        }
    }
}
