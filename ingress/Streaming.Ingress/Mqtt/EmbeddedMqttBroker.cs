using System.Buffers;
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

    private Task ValidateAsync(ValidatingConnectionEventArgs e)
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
        return Task.CompletedTask;
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
