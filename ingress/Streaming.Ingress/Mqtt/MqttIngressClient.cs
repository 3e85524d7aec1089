using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;

namespace Streaming.Ingress;

/// <summary>
/// Client mode (<see cref="MqttMode.Client"/>): subscribes to an external broker with shared subscriptions at QoS 1 and
/// acknowledges each message only once it is durable. The handler is attached before connecting and returns at once
/// (acknowledgement is manual), so many messages are in flight and the batcher can group them. The connection is
/// watched by a ping loop and re-established with exponential back-off; the session outlives a disconnect, so the broker
/// redelivers what was never acknowledged.
/// </summary>
public sealed partial class MqttIngressClient(MqttIngestor ingestor, IOptions<MqttOptions> options, ILogger<MqttIngressClient> logger)
    : BackgroundService
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(500), CheckEvery = TimeSpan.FromSeconds(1);
    private const int PingEvery = 5; // checks: IsConnected every second, a real ping every fifth

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value.Client;
        if (options.Value.Mode != MqttMode.Client)
        {
            return;
        }
        using var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e => OnMessage(client, e, stoppingToken);
        var delay = FirstDelay;
        for (var check = 0; !stoppingToken.IsCancellationRequested; check++)
        {
            if (client.IsConnected && (check % PingEvery != 0 || await client.TryPingAsync(stoppingToken)))
            {
                await Wait(CheckEvery, stoppingToken);
                continue;
            }
            try
            {
                await MqttClientSession.ConnectAsync(client, o, stoppingToken);
                LogConnected(o.Host, o.Port, o.ClientId, o.SharedGroup);
                delay = FirstDelay;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogConnectFailed(o.Host, o.Port, delay.TotalSeconds, ex.Message);
                await Wait(delay, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, o.MaxReconnectDelay.Ticks));
            }
        }
        if (client.IsConnected)
        {
            // A clean disconnect keeps the session: unacknowledged messages wait at the broker for the next start.
            await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None);
        }
        LogStopped();
    }

    private Task OnMessage(IMqttClient client, MqttApplicationMessageReceivedEventArgs e, CancellationToken stoppingToken)
    {
        e.AutoAcknowledge = false;
        var m = e.ApplicationMessage;
        var handling = ingestor.HandleAsync(new MqttInbound(m.Topic, m.Payload, m.ContentType, options.Value.Client.ClientId), null, stoppingToken);
        _ = AcknowledgeWhenDurable(client, e, handling);
        return Task.CompletedTask;
    }

    private async Task AcknowledgeWhenDurable(IMqttClient client, MqttApplicationMessageReceivedEventArgs e, Task<MqttAnswer> handling)
    {
        try
        {
            if ((await handling).Retry)
            {
                // Not durable: no ack. Reconnecting makes the broker send every unacknowledged message again.
                LogNotDurable(e.ApplicationMessage.Topic);
                await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None);
                return;
            }
            await e.AcknowledgeAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is MqttCommunicationException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // The connection went away first: the broker redelivers the message, and the grains drop the duplicate.
            LogAckLost(ex.Message);
        }
    }

    private static async Task Wait(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the loop condition ends it.
        }
    }

    [LoggerMessage(1320, LogLevel.Information, "MQTT client connected to {Host}:{Port} as {ClientId}, shared group {Group}")]
    private partial void LogConnected(string host, int port, string clientId, string group);

    [LoggerMessage(1321, LogLevel.Warning, "MQTT client could not connect to {Host}:{Port} (retry in {DelaySeconds} s): {Error}")]
    private partial void LogConnectFailed(string host, int port, double delaySeconds, string error);

    [LoggerMessage(1322, LogLevel.Information, "MQTT client stopped")]
    private partial void LogStopped();

    [LoggerMessage(1323, LogLevel.Error, "A message on {Topic} could not be made durable; reconnecting so the broker sends it again")]
    private partial void LogNotDurable(string topic);

    [LoggerMessage(1324, LogLevel.Debug, "Acknowledgement not sent (connection lost; the broker will redeliver): {Error}")]
    private partial void LogAckLost(string error);
}
