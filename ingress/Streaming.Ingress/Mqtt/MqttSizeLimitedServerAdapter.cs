using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Formatter;
using MQTTnet.Implementations;
using MQTTnet.Server;

namespace Streaming.Ingress;

/// <summary>
/// The embedded broker's TCP listener, in place of MQTTnet's own (which has no packet size limit and allocates every
/// packet's body as soon as its fixed header declares the length, up to 256 MB). It builds each connection from
/// MQTTnet's public parts, with a <see cref="MqttPacketSizeGuard"/> between socket and reader, so a packet that declares
/// more than <see cref="MaxRemainingLength"/> is refused before its body is read: the client gets an MQTT 5 DISCONNECT
/// (Packet Too Large) where the protocol has one, the connection is closed, and the refusal is dead-lettered.
/// </summary>
internal sealed partial class MqttSizeLimitedServerAdapter(MqttOptions options, MqttIngestor ingestor, ILogger logger) : IMqttServerAdapter
{
    /// <summary>Room for what a PUBLISH carries besides its payload: topic, packet id and MQTT 5 properties.</summary>
    public const int HeaderAllowance = 16 * 1024;
    private static readonly TimeSpan DisconnectTimeout = TimeSpan.FromSeconds(2);
    private readonly CancellationTokenSource _stop = new();
    private TcpListener? _listener;
    private MqttServerOptions _serverOptions = new();
    private IMqttNetLogger _mqttLogger = MqttNetNullLogger.Instance;

    /// <summary>Largest "remaining length" (everything after the fixed header) a client may declare.</summary>
    public int MaxRemainingLength => options.MaxPacketBytes + HeaderAllowance;

    /// <summary>MQTT 5 Maximum Packet Size: the remaining length plus the largest fixed header (1 + 4 bytes).</summary>
    public uint MaxPacketSize => (uint)MaxRemainingLength + 5;

    public Func<IMqttChannelAdapter, Task>? ClientHandler { get; set; }

    public Task StartAsync(MqttServerOptions serverOptions, IMqttNetLogger mqttLogger)
    {
        (_serverOptions, _mqttLogger) = (serverOptions, mqttLogger);
        _listener = new TcpListener(IPAddress.Parse(options.BindAddress), options.Port);
        _listener.Start();
        _ = Task.Run(() => AcceptAsync(_listener, _stop.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync()
    {
        _stop.Cancel();
        _listener?.Stop();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener?.Dispose();
        _stop.Dispose();
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException || cancellationToken.IsCancellationRequested)
            {
                return; // stopped
            }
            catch (SocketException ex)
            {
                LogAcceptFailed(ex); // e.g. out of file descriptors: give it a moment
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                continue;
            }
            socket.NoDelay = true;
            _ = Task.Run(() => ServeAsync(socket), CancellationToken.None);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        var remote = socket.RemoteEndPoint;
        try
        {
            await using var stream = new NetworkStream(socket, ownsSocket: true);
            var guard = new MqttPacketSizeGuard(new MqttTcpChannel(stream, socket.LocalEndPoint, remote, null), MaxRemainingLength);
            var formatter = new MqttPacketFormatterAdapter(new MqttBufferWriter(_serverOptions.WriterBufferSize, _serverOptions.WriterBufferSizeMax));
            using var connection = new MqttSizeLimitedConnection(new MqttChannelAdapter(guard, formatter, _mqttLogger), MaxPacketSize);
            guard.TooLargeAsync = declared => RefuseAsync(connection, declared);
            await (ClientHandler?.Invoke(connection) ?? Task.CompletedTask).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogConnectionFailed(ex, remote?.ToString());
        }
        finally
        {
            socket.Dispose();
        }
    }

    private async Task RefuseAsync(MqttSizeLimitedConnection connection, long declared)
    {
        var clientId = connection.ClientId is { Length: > MqttTopics.MaxSegmentLength } id ? id[..MqttTopics.MaxSegmentLength] : connection.ClientId ?? "";
        var remote = connection.RemoteEndPoint?.ToString();
        LogPacketTooLarge(clientId, remote, declared, MaxRemainingLength);
        ingestor.RefuseOversizedPacket(clientId, $"a packet from {remote} declared a remaining length of at least {declared} bytes; " +
            $"the limit is {MaxRemainingLength} ({options.MaxPacketBytes} payload + {HeaderAllowance} topic and properties). " +
            "The connection was closed before the body was read.");
        using var timeout = new CancellationTokenSource(DisconnectTimeout);
        try
        {
            await connection.TrySendPacketTooLargeAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogDisconnectNotSent(clientId, ex.Message); // the connection closes either way
        }
    }

    [LoggerMessage(1305, LogLevel.Warning, "MQTT client '{ClientId}' ({Remote}) sent a packet declaring at least {Declared} bytes (limit {Limit}); refused unread and disconnected")]
    private partial void LogPacketTooLarge(string clientId, string? remote, long declared, int limit);

    [LoggerMessage(1306, LogLevel.Debug, "DISCONNECT (Packet Too Large) not sent to MQTT client '{ClientId}': {Error}")]
    private partial void LogDisconnectNotSent(string clientId, string error);

    [LoggerMessage(1307, LogLevel.Warning, "MQTT connection from {Remote} failed")]
    private partial void LogConnectionFailed(Exception exception, string? remote);

    [LoggerMessage(1308, LogLevel.Error, "Embedded MQTT broker could not accept a connection; retrying in 1 s")]
    private partial void LogAcceptFailed(Exception exception);
}
