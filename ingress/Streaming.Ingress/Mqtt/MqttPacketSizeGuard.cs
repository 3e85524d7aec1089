using System.Buffers;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Channel;

namespace Streaming.Ingress;

/// <summary>
/// Sits between a client's socket and MQTTnet's packet reader and follows the MQTT framing of every byte read: the
/// packet type byte, the "remaining length" (1 to 4 bytes, 7 bits each) and the body. MQTTnet allocates the whole body
/// as soon as it has the remaining length, so the guard never hands over a length byte that makes the declared length
/// exceed <c>maxRemainingLength</c>: it calls <see cref="TooLargeAsync"/> and then reports end of stream, which MQTTnet
/// treats as the client going away. Nothing larger than one read buffer is ever allocated for the refused packet.
/// It also reads ahead: MQTTnet asks for a packet's type and length bytes and then its body in separate reads, each a
/// receive call on the socket (four per small PUBLISH, counting the one that finds the socket empty); the guard takes
/// what the socket has, up to <see cref="ReadAheadBytes"/> a connection, and hands it out from there. A read at least that
/// large (a big body) goes to the socket directly once nothing is held.
/// </summary>
internal sealed class MqttPacketSizeGuard(IMqttChannel inner, int maxRemainingLength) : IMqttChannel
{
    /// <summary>The most the guard reads from the socket at once, and holds ahead of MQTTnet.</summary>
    public const int ReadAheadBytes = 2048;

    private const int MaxLengthBytes = 4;
    private readonly byte[] _ahead = new byte[ReadAheadBytes];
    private int _aheadStart, _aheadEnd;
    private State _state = State.TypeByte;
    private long _length, _multiplier;
    private int _lengthBytes;
    private long _bodyLeft;

    private enum State { TypeByte, Length, Body, Refused }

    /// <summary>Called once, with the declared remaining length so far, when a packet is refused.</summary>
    public Func<long, Task> TooLargeAsync { get; set; } = _ => Task.CompletedTask;

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
        if (_state == State.Refused)
        {
            return 0;
        }
        int read;
        if (_aheadStart == _aheadEnd && count >= _ahead.Length)
        {
            read = await inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            if (_aheadStart == _aheadEnd)
            {
                (_aheadStart, _aheadEnd) = (0, await inner.ReadAsync(_ahead, 0, _ahead.Length, cancellationToken).ConfigureAwait(false));
            }
            read = Math.Min(count, _aheadEnd - _aheadStart);
            _ahead.AsSpan(_aheadStart, read).CopyTo(buffer.AsSpan(offset));
            _aheadStart += read;
        }
        if (Follow(buffer.AsSpan(offset, read)))
        {
            return read;
        }
        _state = State.Refused;
        await TooLargeAsync(_length).ConfigureAwait(false);
        return 0; // the bytes just read never reach MQTTnet: it sees the connection end
    }

    /// <summary>Advances the framing over <paramref name="bytes"/>; false when a declared length exceeds the limit.</summary>
    private bool Follow(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            switch (_state)
            {
                case State.TypeByte:
                    (_state, _length, _multiplier, _lengthBytes) = (State.Length, 0, 1, 0);
                    bytes = bytes[1..];
                    break;
                case State.Length:
                    var b = bytes[0];
                    bytes = bytes[1..];
                    _length += (b & 0x7F) * _multiplier;
                    _multiplier *= 128;
                    _lengthBytes++;
                    if (_length > maxRemainingLength)
                    {
                        return false;
                    }
                    if ((b & 0x80) == 0 || _lengthBytes == MaxLengthBytes)
                    {
                        // A fifth length byte is malformed; MQTTnet refuses it itself, so just start over.
                        _bodyLeft = (b & 0x80) == 0 ? _length : 0;
                        _state = _bodyLeft == 0 ? State.TypeByte : State.Body;
                    }
                    break;
                case State.Body:
                    var n = (int)Math.Min(_bodyLeft, bytes.Length);
                    bytes = bytes[n..];
                    _bodyLeft -= n;
                    _state = _bodyLeft == 0 ? State.TypeByte : State.Body;
                    break;
                default:
                    return false;
            }
        }
        return true;
    }
}
