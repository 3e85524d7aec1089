using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using MQTTnet.Server;
using Streaming.Domain;

namespace Streaming.Ingress;

/// <summary>
/// The embedded broker (<see cref="MqttMode.Embedded"/>): an MQTTnet server on <see cref="MqttOptions.BindAddress"/> that
/// authenticates devices against hashed secrets, holds each device to its own topics, rate-limits each source, and
/// consumes every publish itself: the PUBACK goes out only once the publish is durable (or refused and dead-lettered).
/// </summary>
public sealed partial class EmbeddedMqttBroker(MqttIngestor ingestor, MqttDeviceAuthenticator devices, SourceRateLimiter rates,
    IOptions<MqttOptions> options, ILogger<EmbeddedMqttBroker> logger) : IHostedService, IDisposable
{
    // Session items: the authenticated device (absent for anonymous clients) and the protocol version.
    private const string DeviceKey = "streaming.device", ProtocolKey = "streaming.protocol";

    // Longest a connection waits for an earlier one of the same client id to finish ending; past it MQTTnet takes the
    // earlier one over, as MQTT says.
    private static readonly TimeSpan HandoverWait = TimeSpan.FromSeconds(1);

    // Accepted connections that have not yet ended: by remote end point (unique while a connection is open), and the
    // latest of each client id.
    private readonly ConcurrentDictionary<EndPoint, OpenConnection> _open = new();
    private readonly ConcurrentDictionary<string, OpenConnection> _latest = new(StringComparer.Ordinal);
    private MqttServer? _server;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (o.Mode != MqttMode.Embedded)
        {
            return;
        }
        var factory = new MqttServerFactory();
        // MQTTnet's own TCP endpoint stays off: ours listens on BindAddress:Port and bounds each packet's declared size
        // before MQTTnet allocates its body (MQTTnet has no such limit).
        var serverOptions = factory.CreateServerOptionsBuilder().WithPersistentSessions().Build();
        _server = factory.CreateMqttServer(serverOptions, [new MqttSizeLimitedServerAdapter(o, ingestor, logger)]);
        _server.ValidatingConnectionAsync += ValidateAsync;
        _server.ClientDisconnectedAsync += ForgetConnection;
        _server.InterceptingPublishAsync += PublishAsync;
        _server.InterceptingSubscriptionAsync += SubscribeAsync;
        await _server.StartAsync();
        LogStarted(o.BindAddress, o.Port, o.Devices.Count, o.MaxPacketBytes, o.RateLimitPerSecond);
        if (o.AllowAnonymous)
        {
            LogAnonymousAllowed(o.BindAddress, o.Port);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is { } server)
        {
            await server.StopAsync(new MqttServerStopOptions());
            LogStopped();
        }
    }

    public void Dispose() => _server?.Dispose();

    private async Task ValidateAsync(ValidatingConnectionEventArgs e)
    {
        e.SessionItems[ProtocolKey] = e.ProtocolVersion;
        var clientId = e.ClientId ?? "";
        var (code, reason, device) = devices.Authenticate(clientId, e.UserName, e.RawPassword);
        e.ReasonCode = code;
        if (device is not null)
        {
            e.SessionItems[DeviceKey] = device;
        }
        else if (code != MqttConnectReasonCode.Success)
        {
            e.ReasonString = reason;
            ingestor.RefuseConnection(clientId.Length <= MqttTopics.MaxSegmentLength ? clientId : clientId[..MqttTopics.MaxSegmentLength], code.ToString(), reason);
        }
        if (code == MqttConnectReasonCode.Success && clientId.Length > 0)
        {
            await AwaitEarlierConnectionAsync(clientId, e.RemoteEndPoint, e.CancellationToken);
        }
    }

    // MQTTnet ends a connection by first taking its client id out of its table and then deleting the session, which also
    // closes whatever connection holds that id by then. A device that publishes, disconnects and connects again at once
    // (mosquitto_pub in a loop, a duty-cycled sensor) could land in between and lose its new connection before its PUBACK.
    // So a connection waits, briefly, until the earlier one of its client id has ended.
    private async Task AwaitEarlierConnectionAsync(string clientId, EndPoint? endPoint, CancellationToken cancellationToken)
    {
        if (endPoint is null)
        {
            return;
        }
        var mine = new OpenConnection(clientId);
        _open[endPoint] = mine;
        OpenConnection? earlier = null;
        _latest.AddOrUpdate(clientId, mine, (_, current) =>
        {
            earlier = current;
            return mine;
        });
        if (earlier is null)
        {
            return;
        }
        try
        {
            await earlier.Ended.Task.WaitAsync(HandoverWait, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Still open: a device back before the broker saw its old connection drop. MQTTnet closes that one now.
        }
        catch (OperationCanceledException)
        {
            Forget(endPoint); // the server is stopping: this connection never opens, so no disconnect will come for it
            throw;
        }
    }

    private Task ForgetConnection(ClientDisconnectedEventArgs e)
    {
        if (e.RemoteEndPoint is { } endPoint)
        {
            Forget(endPoint);
        }
        return Task.CompletedTask;
    }

    private void Forget(EndPoint endPoint)
    {
        if (_open.TryRemove(endPoint, out var ended))
        {
            _latest.TryRemove(new KeyValuePair<string, OpenConnection>(ended.ClientId, ended));
            ended.Ended.TrySetResult();
        }
    }

    private async Task PublishAsync(InterceptingPublishEventArgs e)
    {
        e.ProcessPublish = false; // consumed here, never forwarded to subscribers
        var message = e.ApplicationMessage;
        var inbound = new MqttInbound(message.Topic, message.Payload, message.ContentType, e.ClientId);
        var device = e.SessionItems[DeviceKey] as string;
        MqttAnswer answer;
        try
        {
            answer = await ingestor.HandleAsync(inbound, (route, m) => Gate(route, m, device), e.CancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPublishFailed(ex, e.ClientId);
            answer = MqttAnswer.NotDurable;
        }
        if (answer.Retry && e.SessionItems[ProtocolKey] is not MqttProtocolVersion.V500)
        {
            // MQTT 3.1.1 has no failure PUBACK: close the connection instead, so the client sends it again.
            e.CloseConnection = true;
            return;
        }
        e.Response.ReasonCode = answer.Code;
        e.Response.ReasonString = answer.Reason;
    }

    private MqttAnswer? Gate(MqttTopicRoute route, MqttInbound inbound, string? device)
    {
        // Anonymous clients have no proven identity to hold them to; listed devices publish only as themselves.
        if (device is not null && route.Source.Value != device)
        {
            return ingestor.Refuse(inbound, DeadLetterStage.Auth, "NotAuthorized", MqttPubAckReasonCode.NotAuthorized,
                $"device '{device}' may publish only under its own source id, not '{route.Source}'", inbound.Payload.ToArray(), device);
        }
        var o = options.Value;
        return rates.TryAcquire(route.Source.Value)
            ? null
            : ingestor.Refuse(inbound, DeadLetterStage.RateLimit, "RateLimited", MqttPubAckReasonCode.QuotaExceeded,
                $"source sent more than {o.RateLimitPerSecond}/s (burst {o.RateLimitBurst})", inbound.Payload.ToArray(), route.Source.Value);
    }

    private Task SubscribeAsync(InterceptingSubscriptionEventArgs e)
    {
        if (!MqttTopics.MaySubscribe(e.TopicFilter.Topic, e.ClientId))
        {
            e.ProcessSubscription = false;
            e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
            e.Response.ReasonString = "a client may subscribe only to its own topics: {kind}/{client id}/...";
            LogSubscriptionRefused(e.ClientId);
        }
        return Task.CompletedTask;
    }

    private sealed class OpenConnection(string clientId)
    {
        public string ClientId { get; } = clientId;

        public TaskCompletionSource Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(1300, LogLevel.Information, "Embedded MQTT broker on {Address}:{Port}: {Devices} devices, packets up to {MaxPacketBytes} bytes, {RatePerSecond} publishes/s per source")]
    private partial void LogStarted(string address, int port, int devices, int maxPacketBytes, int ratePerSecond);

    [LoggerMessage(1301, LogLevel.Warning, "Embedded MQTT broker on {Address}:{Port} allows ANONYMOUS devices (any client not in Mqtt:Devices may publish). Set Mqtt:AllowAnonymous=false and list devices for anything beyond this machine.")]
    private partial void LogAnonymousAllowed(string address, int port);

    [LoggerMessage(1302, LogLevel.Information, "Embedded MQTT broker stopped")]
    private partial void LogStopped();

    [LoggerMessage(1303, LogLevel.Warning, "Subscription refused for client {ClientId}: not its own topics")]
    private partial void LogSubscriptionRefused(string clientId);

    [LoggerMessage(1304, LogLevel.Error, "Publish from client {ClientId} failed; answered so that it is sent again")]
    private partial void LogPublishFailed(Exception exception, string clientId);
}
