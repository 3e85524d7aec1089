using System.Net;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Adapter;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace Streaming.Ingress;

/// <summary>
/// One client connection as the embedded broker hands it to MQTTnet: MQTTnet's own channel adapter, plus what MQTTnet
/// offers no setting for. Its CONNACK advertises the Maximum Packet Size (MQTT 5 clients then do not send larger
/// packets; MQTT 3.1.1 has no such field and the encoder leaves it out), and it remembers the client id so that a
/// packet refused by <see cref="MqttPacketSizeGuard"/> can be dead-lettered under it.
/// </summary>
internal sealed class MqttSizeLimitedConnection(MqttChannelAdapter inner, uint maximumPacketSize) : IMqttChannelAdapter
{
    /// <summary>The client id from CONNECT; null until one has been read.</summary>
    public string? ClientId { get; private set; }

    public long BytesReceived => inner.BytesReceived;
    public long BytesSent => inner.BytesSent;
    public X509Certificate2 ClientCertificate => inner.ClientCertificate;
    public EndPoint RemoteEndPoint => inner.RemoteEndPoint;
    public EndPoint LocalEndPoint => inner.LocalEndPoint;
    public bool IsSecureConnection => inner.IsSecureConnection;
    public MqttPacketFormatterAdapter PacketFormatterAdapter => inner.PacketFormatterAdapter;

    public Task ConnectAsync(CancellationToken cancellationToken) => inner.ConnectAsync(cancellationToken);
    public Task DisconnectAsync(CancellationToken cancellationToken) => inner.DisconnectAsync(cancellationToken);
    public void ResetStatistics() => inner.ResetStatistics();
    public void Dispose() => inner.Dispose();

    public async Task<MqttPacket> ReceivePacketAsync(CancellationToken cancellationToken)
    {
        var packet = await inner.ReceivePacketAsync(cancellationToken).ConfigureAwait(false);
        if (packet is MqttConnectPacket connect)
        {
            ClientId = connect.ClientId;
        }
        return packet;
    }

    public Task SendPacketAsync(MqttPacket packet, CancellationToken cancellationToken)
    {
        if (packet is MqttConnAckPacket connAck)
        {
            connAck.MaximumPacketSize = maximumPacketSize;
        }
        return inner.SendPacketAsync(packet, cancellationToken);
    }

    /// <summary>
    /// Tells an MQTT 5 client why it is being dropped (DISCONNECT, Packet Too Large). Sent through MQTTnet's adapter, which
    /// serialises it with any packet MQTTnet is writing. MQTT 3.1.1 has no server DISCONNECT: the connection just closes.
    /// </summary>
    public async Task<bool> TrySendPacketTooLargeAsync(CancellationToken cancellationToken)
    {
        if (inner.PacketFormatterAdapter.ProtocolVersion != MqttProtocolVersion.V500)
        {
            return false;
        }
        var disconnect = new MqttDisconnectPacket
        {
            ReasonCode = MqttDisconnectReasonCode.PacketTooLarge,
            ReasonString = $"packets are limited to {maximumPacketSize} bytes",
        };
        await inner.SendPacketAsync(disconnect, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
