using System.Net.Http.Json;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Protocol;

namespace Streaming.EndToEnd.Tests;

/// <summary>The embedded broker with device credentials: refusals carry MQTT 5 reason codes and reach no grain.</summary>
[Trait("Category", "EndToEnd")]
[Collection(MqttCollection.Name)]
public sealed class EmbeddedBrokerAuthTests(AuthBrokerSilo fixture) : IClassFixture<AuthBrokerSilo>
{
    private SiloProcess Silo => fixture.Silo;

    [Fact]
    public async Task Connect_WrongPasswordOrUnknownDevice_RefusedAndNothingReachesAGrain()
    {
        var (wrong, wrongResult) = await MqttTestClient.ConnectAsync(fixture.Port, "dev-good", "not the secret");
        var (unknown, unknownResult) = await MqttTestClient.ConnectAsync(fixture.Port, "dev-stranger", AuthBrokerSilo.Secret);
        var (anonymous, anonymousResult) = await MqttTestClient.ConnectAsync(fixture.Port, "dev-anonymous");
        using (wrong)
        using (unknown)
        using (anonymous)
        {
            Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, wrongResult.ResultCode);
            Assert.Equal(MqttClientConnectResultCode.NotAuthorized, unknownResult.ResultCode);
            Assert.Equal(MqttClientConnectResultCode.NotAuthorized, anonymousResult.ResultCode);
            Assert.False(wrong.IsConnected || unknown.IsConnected || anonymous.IsConnected);
        }
        Assert.Equal(0, await SiloCounts.EventsAppliedAsync(Silo, "dev-stranger"));
        Assert.Equal(0, await SiloCounts.EventsAppliedAsync(Silo, "dev-anonymous"));
        Assert.True(await SiloCounts.DeadLettersAsync(Silo, "Auth/BadUserNameOrPassword") >= 1);
    }

    [Fact]
    public async Task Publish_GoodDeviceOwnTopic_AcknowledgedAndApplied()
    {
        var (client, connected) = await MqttTestClient.ConnectAsync(fixture.Port, "dev-good", AuthBrokerSilo.Secret);
        using (client)
        {
            Assert.Equal(MqttClientConnectResultCode.Success, connected.ResultCode);
            var before = await SiloCounts.EventsAppliedAsync(Silo, "dev-good");
            var result = await MqttTestClient.PublishAsync(client, "sensors/dev-good", MqttTestClient.Reading(1, 22.5));

            Assert.Equal(MqttClientPublishReasonCode.Success, result.ReasonCode);
            // The PUBACK comes only once the event is durable: it is applied by the time the acknowledgement arrives.
            Assert.Equal(before + 1, await SiloCounts.EventsAppliedAsync(Silo, "dev-good"));
            var bare = await MqttTestClient.PublishAsync(client, "sensors/dev-good/humidity", "55");
            Assert.Equal(MqttClientPublishReasonCode.Success, bare.ReasonCode);
            var entity = await Silo.Http.GetFromJsonAsync<JsonElement>("/api/entities/source:dev-good");
            Assert.Equal(55, entity.GetProperty("current").GetProperty("humidity").GetProperty("value").GetDouble());
        }
    }

    [Fact]
    public async Task Publish_OutsideOwnTopic_NotAuthorizedAndNothingReachesAGrain()
    {
        var (client, _) = await MqttTestClient.ConnectAsync(fixture.Port, "dev-good", AuthBrokerSilo.Secret);
        using (client)
        {
            var before = await SiloCounts.DeadLettersAsync(Silo, "Auth/NotAuthorized");
            var result = await MqttTestClient.PublishAsync(client, "sensors/dev-calm", MqttTestClient.Reading(1));
            var unknownTopic = await MqttTestClient.PublishAsync(client, "elsewhere/dev-good", MqttTestClient.Reading(2));
            var subscribe = await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("sensors/dev-calm").Build());
            var own = await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("sensors/dev-good/#").Build());

            Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, result.ReasonCode);
            Assert.Equal(MqttClientPublishReasonCode.TopicNameInvalid, unknownTopic.ReasonCode);
            Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, Assert.Single(subscribe.Items).ResultCode);
            Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS0, Assert.Single(own.Items).ResultCode);
            Assert.Equal(before + 1, await SiloCounts.DeadLettersAsync(Silo, "Auth/NotAuthorized"));
            Assert.Equal(0, await SiloCounts.EventsAppliedAsync(Silo, "dev-calm"));
        }
    }

    [Fact]
    public async Task Publish_Oversized_QuotaExceededAndDeadLettered()
    {
        var (client, _) = await MqttTestClient.ConnectAsync(fixture.Port, "dev-good", AuthBrokerSilo.Secret);
        using (client)
        {
            var before = await SiloCounts.DeadLettersAsync(Silo, "Decode/TooLarge");
            var result = await MqttTestClient.PublishAsync(client, "sensors/dev-good", new byte[AuthBrokerSilo.MaxPacketBytes + 1]);

            Assert.Equal(MqttClientPublishReasonCode.QuotaExceeded, result.ReasonCode);
            Assert.Equal(before + 1, await SiloCounts.DeadLettersAsync(Silo, "Decode/TooLarge"));
            Assert.True(client.IsConnected, "an oversized publish is refused, not a reason to drop the device");
        }
    }

    [Fact]
    public async Task Publish_FloodFromOneDevice_RateLimitedWhileAnotherFlows()
    {
        var (flood, _) = await MqttTestClient.ConnectAsync(fixture.Port, "dev-flood", AuthBrokerSilo.Secret);
        var (calm, _) = await MqttTestClient.ConnectAsync(fixture.Port, "dev-calm", AuthBrokerSilo.Secret);
        using (flood)
        using (calm)
        {
            const int floodCount = 300, calmCount = 10;
            var flooding = Task.WhenAll(Enumerable.Range(1, floodCount).Select(i => MqttTestClient.PublishAsync(flood, "sensors/dev-flood", MqttTestClient.Reading(i))));
            var calmResults = new List<MqttClientPublishResult>();
            for (var i = 1; i <= calmCount; i++)
            {
                calmResults.Add(await MqttTestClient.PublishAsync(calm, "sensors/dev-calm", MqttTestClient.Reading(i)));
            }
            var floodResults = await flooding;

            var limited = floodResults.Count(r => r.ReasonCode == MqttClientPublishReasonCode.QuotaExceeded);
            var accepted = floodResults.Count(r => r.ReasonCode == MqttClientPublishReasonCode.Success);
            Assert.True(limited > 0, "a flood above the rate limit is refused with QuotaExceeded");
            Assert.Equal(floodCount, limited + accepted);
            Assert.Equal(limited, await SiloCounts.DeadLettersAsync(Silo, "RateLimit/RateLimited"));
            Assert.Equal(accepted, await SiloCounts.EventsAppliedAsync(Silo, "dev-flood"));
            Assert.All(calmResults, r => Assert.Equal(MqttClientPublishReasonCode.Success, r.ReasonCode));
            Assert.Equal(calmCount, await SiloCounts.EventsAppliedAsync(Silo, "dev-calm"));
        }
    }
}
