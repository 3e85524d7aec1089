using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Streaming.EndToEnd.Tests;

/// <summary>Posts over HTTP and MQTT into a real silo: linked to places, counted, hashtags trending, handles never kept in clear.</summary>
[Trait("Category", "EndToEnd")]
public sealed class SocialIngestTests : SiloTest
{
    private readonly int _mqttPort = FreeTcpPort.Next();
    private static readonly string Now = DateTimeOffset.UtcNow.AddMinutes(-2).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    protected override Dictionary<string, string> Settings => new()
    {
        ["Identifiers:Key"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("end-to-end-test-key-0123456789")),
        ["Mqtt:Port"] = _mqttPort.ToString(CultureInfo.InvariantCulture),
    };

    private async Task<JsonElement> Post(string body, string? source = null)
    {
        using var response = await Silo.Http.PostAsync("/api/ingest/social" + (source is null ? "" : $"?source={source}"),
            new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Posts_OurJsonAndTwitterShape_LinkedCountedTrendingPseudonymised()
    {
        var ours = $$"""
            [{"id":"p1","source":"council-feed","time":"{{Now}}","author":"alice_t","text":"Queue at French Weir again #NHS #Taunton @bob_w","postcode":"TA1 1NW"},
             {"id":"p2","source":"council-feed","time":"{{Now}}","author":"bob_w","text":"Thanks to the team #nhs","postcode":"TA1 1NW"},
             {"id":"p3","source":"council-feed","author":"carol","text":"no time given"}]
            """;
        var report = await Post(ours);
        Assert.Equal(2, report.GetProperty("accepted").GetInt32());
        Assert.Equal("MissingField", Assert.Single(report.GetProperty("rejections").EnumerateArray()).GetProperty("reason").GetString());

        var created = DateTimeOffset.Parse(Now, CultureInfo.InvariantCulture).ToString("ddd MMM dd HH:mm:ss +0000 yyyy", CultureInfo.InvariantCulture);
        var tweet = $$$"""
            {"created_at":"{{{created}}}","id":1850000000000000001,"id_str":"1850000000000000001","full_text":"Flu jabs today #NHS https://t.co/x",
             "user":{"id_str":"42","screen_name":"dave_d","name":"Dave D"},"coordinates":null,"place":null,
             "entities":{"hashtags":[{"text":"NHS","indices":[15,19]}],"user_mentions":[],"urls":[{"url":"https://t.co/x","expanded_url":"https://www.nhs.uk/flu"}]}}
            """;
        Assert.Equal(1, (await Post(tweet, source: "twitter-export")).GetProperty("accepted").GetInt32());

        var place = await Silo.Http.GetFromJsonAsync<JsonElement>("/api/entities/place:ods:L85001/windows?metric=posts&kind=social&size=1m");
        Assert.Equal(2, Assert.Single(place.EnumerateArray()).GetProperty("count").GetInt64());
        await Eventually.AssertAsync(async () =>
        {
            var system = await Silo.Http.GetFromJsonAsync<JsonElement>("/api/trends/windows?metric=posts&kind=social&size=1m");
            return system.EnumerateArray().Any(w => w.GetProperty("count").GetInt64() == 3
                && w.GetProperty("topTerms")[0].GetProperty("term").GetString() == "nhs" && w.GetProperty("topTerms")[0].GetProperty("count").GetInt64() == 3);
        }, TimeSpan.FromSeconds(20), "the system's posts window to count 3 posts with #nhs trending first (3 posts)");

        var letters = await Silo.Http.GetStringAsync("/api/deadletters?reason=MissingField");
        Assert.DoesNotContain("carol", Encoding.UTF8.GetString(JsonDocument.Parse(letters).RootElement[0].GetProperty("payload").GetBytesFromBase64()), StringComparison.Ordinal);
        var entity = await Silo.Http.GetStringAsync("/api/entities/place:ods:L85001");
        Assert.DoesNotContain("alice_t", entity, StringComparison.Ordinal);
        Assert.DoesNotContain("bob_w", entity, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_OverMqtt_Applied_BadOneRefused()
    {
        var (client, _) = await MqttTestClient.ConnectAsync(_mqttPort, "community-app");
        using (client)
        {
            var good = await MqttTestClient.PublishAsync(client, "social/community-app",
                $$"""{"id":"m1","time":"{{Now}}","author":"erin","text":"Pharmacy open late #health"}""");
            var bad = await MqttTestClient.PublishAsync(client, "social/community-app", """{"id":"m2","author":"erin"}""");
            Assert.True(good.IsSuccess, good.ReasonString);
            Assert.False(bad.IsSuccess);
        }
        var source = await Silo.Http.GetFromJsonAsync<JsonElement>("/api/entities/source:community-app");
        Assert.Equal(1, source.GetProperty("eventsApplied").GetInt64());
        Assert.Equal(1, source.GetProperty("current").GetProperty("posts").GetProperty("value").GetDouble());
    }
}
