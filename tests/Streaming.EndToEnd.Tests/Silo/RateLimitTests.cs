using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Streaming.EndToEnd.Tests;

/// <summary>A flooding sender over HTTP gets 429 and a dead letter; another sender beside it flows on.</summary>
[Trait("Category", "EndToEnd")]
public sealed class RateLimitTests : SiloTest
{
    protected override Dictionary<string, string> Settings => new()
    {
        ["Ingress:Http:RequestsPerSecond"] = "1",
        ["Ingress:Http:Burst"] = "3",
    };

    [Fact]
    public async Task Ingest_FloodFromOneSender_429AndDeadLetteredWhileOtherSenderAccepted()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            using var response = await Post("flooder", i);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal("1", response.Headers.RetryAfter?.ToString());
            }
        }
        using var calm = await Post("calm", 0);

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.Accepted, statuses[0]);
        Assert.Equal(HttpStatusCode.Accepted, calm.StatusCode);
        var letters = await Silo.Http.GetFromJsonAsync<JsonElement>("/api/deadletters?stage=RateLimit");
        Assert.Equal(statuses.Count(s => s == HttpStatusCode.TooManyRequests), letters.EnumerateArray().Count(l => l.GetProperty("source").GetString() == "flooder"));
    }

    private Task<HttpResponseMessage> Post(string source, int seq) => Silo.Http.PostAsync($"/api/ingest?source={source}",
        new StringContent($$"""{"time":"2026-11-25T10:00:{{seq:00}}Z","readings":{"pm25":1},"seq":{{seq}}}""", Encoding.UTF8, "application/json"));
}
