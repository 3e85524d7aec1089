using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MQTTnet.Adapter;
using MQTTnet.Channel;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Formatter;
using MQTTnet.Implementations;
using MQTTnet.Packets;

namespace Streaming.Ingress.Tests;

/// <summary>
/// The embedded broker's guard between a client's socket and MQTTnet's packet reader, over a real loopback connection
/// and MQTTnet's own adapter: packets that arrive together are read from the socket together, whatever their sizes, and
/// a packet declaring more than the limit is refused before its body is read.
/// </summary>
[Trait("Category", "Ingress")]
public sealed class MqttPacketSizeGuardTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task PacketsSentTogether_EachDecoded_WithFewerSocketReadsThanPackets()
    {
        await using var pair = await SocketPair.OpenAsync();
        var payloads = new[] { "{\"t\":21.5}", new string('x', 300), "{\"t\":22}", new string('y', 5_000), "{\"rh\":40}" };
        await pair.Client.SendAsync(payloads.SelectMany((p, i) => Publish($"sensors/s{i}", p)).ToArray());

        var (adapter, reads) = pair.GuardedAdapter(maxRemainingLength: 64 * 1024);
        foreach (var (expected, i) in payloads.Select((p, i) => (p, i)))
        {
            var publish = Assert.IsType<MqttPublishPacket>(await adapter.ReceivePacketAsync(new CancellationTokenSource(Timeout).Token));
            Assert.Equal($"sensors/s{i}", publish.Topic);
            Assert.Equal(expected, Encoding.UTF8.GetString(publish.Payload.ToArray()));
        }
        // Without reading ahead MQTTnet asks for the type and length bytes and the body apart: at least three reads a packet.
        Assert.InRange(reads.Count, 1, payloads.Length - 1);
    }

    [Fact]
    public async Task PacketDeclaringMoreThanTheLimit_Refused_AndTheConnectionEnds()
    {
        await using var pair = await SocketPair.OpenAsync();
        await pair.Client.SendAsync(Publish("sensors/ok", "{\"t\":1}").Concat(Publish("sensors/big", new string('z', 2_000))).ToArray());

        var (adapter, _) = pair.GuardedAdapter(maxRemainingLength: 1_000, out var refusedAt);
        Assert.IsType<MqttPublishPacket>(await adapter.ReceivePacketAsync(new CancellationTokenSource(Timeout).Token));

        Assert.Null(await adapter.ReceivePacketAsync(new CancellationTokenSource(Timeout).Token));
        Assert.True(refusedAt() > 1_000, $"refused at a declared length of {refusedAt()}");
    }

    // MQTT 3.1.1 PUBLISH at QoS 0: fixed header, topic, payload.
    private static byte[] Publish(string topic, string payload)
    {
        var t = Encoding.UTF8.GetBytes(topic);
        byte[] body = [(byte)(t.Length >> 8), (byte)t.Length, .. t, .. Encoding.UTF8.GetBytes(payload)];
        var length = new List<byte>();
        var n = body.Length;
        do
        {
            var b = (byte)(n % 128);
            n /= 128;
            length.Add(n > 0 ? (byte)(b | 0x80) : b);
        }
        while (n > 0);
        return [0x30, .. length, .. body];
    }

    /// <summary>A connected loopback pair: <see cref="Client"/> writes, the server side is read through the guard.</summary>
    private sealed class SocketPair(Socket client, Socket server) : IAsyncDisposable
    {
        public Socket Client => client;

        public static async Task<SocketPair> OpenAsync()
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen();
            var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await client.ConnectAsync(listener.LocalEndPoint!);
            return new SocketPair(client, await listener.AcceptAsync());
        }

        public (MqttChannelAdapter Adapter, List<int> Reads) GuardedAdapter(int maxRemainingLength) =>
            GuardedAdapter(maxRemainingLength, out _);

        public (MqttChannelAdapter Adapter, List<int> Reads) GuardedAdapter(int maxRemainingLength, out Func<long> refusedAt)
        {
            var counted = new CountingChannel(new MqttTcpChannel(new NetworkStream(server), server.LocalEndPoint, server.RemoteEndPoint, null));
            var guard = new MqttPacketSizeGuard(counted, maxRemainingLength);
            long declared = 0;
            guard.TooLargeAsync = d =>
            {
                declared = d;
                return Task.CompletedTask;
            };
            refusedAt = () => declared;
            var formatter = new MqttPacketFormatterAdapter(MqttProtocolVersion.V311, new MqttBufferWriter(4096, 65536));
            return (new MqttChannelAdapter(guard, formatter, MqttNetNullLogger.Instance), counted.Reads);
        }

        public ValueTask DisposeAsync()
        {
            client.Dispose();
            server.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>The real channel, noting the size of every read that reached the socket.</summary>
    private sealed class CountingChannel(IMqttChannel inner) : IMqttChannel
    {
        public List<int> Reads { get; } = [];
        public X509Certificate2 ClientCertificate => inner.ClientCertificate;
        public EndPoint RemoteEndPoint => inner.RemoteEndPoint;
        public EndPoint LocalEndPoint => inner.LocalEndPoint;
        public bool IsSecureConnection => inner.IsSecureConnection;
        public Task ConnectAsync(CancellationToken cancellationToken) => inner.ConnectAsync(cancellationToken);
        public Task DisconnectAsync(CancellationToken cancellationToken) => inner.DisconnectAsync(cancellationToken);
        public Task WriteAsync(ReadOnlySequence<byte> buffer, bool isEndOfPacket, CancellationToken cancellationToken) =>
            inner.WriteAsync(buffer, isEndOfPacket, cancellationToken);
        public void Dispose() => inner.Dispose();

        public async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            var read = await inner.ReadAsync(buffer, offset, count, cancellationToken);
            Reads.Add(read);
            return read;
        }
    }
}
