using System.Net;
using System.Net.Sockets;

namespace Streaming.EndToEnd.Tests;

/// <summary>Picks loopback ports that are free right now, for services the tests start.</summary>
internal static class FreeTcpPort
{
    public static int Next()
    {
        // Port 0 lets the OS choose an unused port; it is released again before the caller binds it.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
