using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Streaming.Ingress;

/// <summary>Connects the client-mode subscriber and makes its shared subscriptions.</summary>
internal static class MqttClientSession
{
    /// <summary>Connects (MQTT 5, persistent session) and subscribes to <c>$share/{group}/{topic}</c> at QoS 1; throws if refused.</summary>
    public static async Task ConnectAsync(IMqttClient client, MqttClientModeOptions o, CancellationToken cancellationToken)
    {
        var factory = new MqttClientFactory();
        var builder = factory.CreateClientOptionsBuilder()
            .WithTcpServer(o.Host, o.Port)
            .WithClientId(o.ClientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(false)
            .WithSessionExpiryInterval((uint)o.SessionExpirySeconds)
            .WithReceiveMaximum((ushort)o.MaxInFlight)
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (!string.IsNullOrEmpty(o.Username))
        {
            builder = builder.WithCredentials(o.Username, o.Password);
        }
        var connected = await client.ConnectAsync(builder.Build(), cancellationToken);
        if (connected.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new MqttCommunicationException($"the broker refused the connection: {connected.ResultCode} {connected.ReasonString}");
        }
        var topics = o.Topics.Count > 0 ? o.Topics : MqttClientModeOptions.DefaultTopics;
        var subscribe = factory.CreateSubscribeOptionsBuilder();
        foreach (var topic in topics)
        {
            subscribe = subscribe.WithTopicFilter(f => f.WithTopic($"$share/{o.SharedGroup}/{topic}").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce));
        }
        var subscribed = await client.SubscribeAsync(subscribe.Build(), cancellationToken);
        var refused = subscribed.Items.Where(i => i.ResultCode > MqttClientSubscribeResultCode.GrantedQoS2).Select(i => $"{i.TopicFilter.Topic}: {i.ResultCode}").ToList();
        if (refused.Count > 0)
        {
            await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), cancellationToken);
            throw new MqttCommunicationException("the broker refused subscriptions: " + string.Join(", ", refused));
        }
    }
}
