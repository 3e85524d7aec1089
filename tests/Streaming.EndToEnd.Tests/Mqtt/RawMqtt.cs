using System.Net.Sockets;
using System.Text;

namespace Streaming.EndToEnd.Tests;

/// <summary>Hand-made MQTT 5 packets, for what a well-behaved client library will not send (a lying fixed header).</summary>
internal static class RawMqtt
{
    public const byte DisconnectType = 0xE0, PacketTooLarge = 0x95;

    /// <summary>CONNECT, MQTT 5, clean start, no credentials, no properties.</summary>
    public static byte[] Connect(string clientId)
    {
        byte[] variable = [0, 4, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 5, 0x02, 0, 60, 0];
        return Packet(0x10, [.. variable, .. Utf8(clientId)]);
    }

    /// <summary>The start of a QoS 1 PUBLISH whose fixed header declares <paramref name="declaredLength"/> bytes.</summary>
    public static byte[] PublishHead(string topic, int declaredLength, int bodyBytesSent)
    {
        byte[] start = [.. Utf8(topic), 0, 1, 0]; // topic, packet id 1, no properties
        return [0x32, .. RemainingLength(declaredLength), .. start, .. new byte[bodyBytesSent]];
    }

    /// <summary>Reads one packet: its type byte and body.</summary>
    public static async Task<(byte Type, byte[] Body)> ReadPacketAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var type = await ReadByteAsync(stream, cancellationToken);
        int length = 0, multiplier = 1;
        byte b;
        do
        {
            b = await ReadByteAsync(stream, cancellationToken);
            length += (b & 0x7F) * multiplier;
            multiplier *= 128;
        }
        while ((b & 0x80) != 0);
        var body = new byte[length];
        await stream.ReadExactlyAsync(body, cancellationToken);
        return (type, body);
    }

    private static async Task<byte> ReadByteAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var one = new byte[1];
        await stream.ReadExactlyAsync(one, cancellationToken);
        return one[0];
    }

    private static byte[] Packet(byte type, byte[] body) => [type, .. RemainingLength(body.Length), .. body];

    private static byte[] Utf8(string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        return [(byte)(bytes.Length >> 8), (byte)bytes.Length, .. bytes];
    }

    private static byte[] RemainingLength(int value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value % 128);
            value /= 128;
            bytes.Add(value > 0 ? (byte)(b | 0x80) : b);
        }
        while (value > 0);
        return [.. bytes];
    }
}
