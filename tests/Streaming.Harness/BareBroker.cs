using System.Net;
using MQTTnet.Server;

namespace Streaming.Harness;

/// <summary>
/// The bare transport: an MQTTnet server (the same library and version the platform's embedded broker uses) in the
/// harness process on a free 127.0.0.1 port, routing publishes to subscribers with no processing at all.
/// </summary>
internal sealed class BareBroker : IAsyncDisposable
{
    private readonly MqttServer _server;

    private BareBroker(MqttServer server, int port)
    {
        _server = server;
        Port = port;
    }

    public int Port { get; }

    public static async Task<BareBroker> StartAsync()
    {
        var port = FreeTcpPort.Next();
        var factory = new MqttServerFactory();
        var options = factory.CreateServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointPort(port)
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointBoundIPV6Address(IPAddress.None)
            // MQTTnet keeps 250 messages per subscriber by default and then drops the oldest: a ceiling measured
            // through that would count drops as throughput. Queue everything instead; the backlog bound catches overload.
            .WithMaxPendingMessagesPerClient(10_000_000)
            .Build();
        var server = factory.CreateMqttServer(options);
        await server.StartAsync();
        return new BareBroker(server, port);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync();
        _server.Dispose();
    }
}
