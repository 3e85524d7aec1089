using System.Net;
using System.Net.Sockets;

namespace Streaming.Harness;

/// <summary>Picks loopback ports that are free right now.</summary>
internal static class FreePort
{
    public static int Next()
    {
        // Port 0 lets the OS choose an unused port; it is released again before the caller binds it, so a caller
        // that fails with "address already in use" starts again on fresh ports.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
