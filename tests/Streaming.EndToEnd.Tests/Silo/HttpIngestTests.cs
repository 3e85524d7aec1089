using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Streaming.EndToEnd.Tests;

/// <summary>The embedded default, as a newcomer runs it: one process, HTTP in, read API out.</summary>
[Trait("Category", "EndToEnd")]
public sealed class HttpIngestTests : SiloTest
{
    [Fact]
    public async Task Ingest_MixedBatch_AcceptsGoodAndExplainsBad()
    {
        const string body = """
            [{"source":"e2e-1","time":"2026-11-25T10:00:00Z","readings":{"pm25":12.5,"no2":31},"seq":1},
             {"source":"e2e-1","time":"2026-11-25T10:00:30Z","readings":{"pm25":14.5,"no2":-5},"seq":2},
             {"time":"2026-11-25T10:00:40Z","readings":{"pm25":1}}]
            """;
        using var response = await Silo.Http.PostAsync("/api/ingest", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, report.GetProperty("accepted").GetInt32());
        Assert.Equal(1, report.GetProperty("rejected").GetInt32());
        var reasons = report.GetProperty("rejections").EnumerateArray().Select(r => r.GetProperty("reason").GetString()!).Order().ToArray();
        Assert.Equal(["MissingField", "OutOfRange"], reasons);

        var windows = await Silo.Http.GetFromJsonAsync<JsonElement>("/api/entities/source:e2e-1/windows?metric=pm25&size=1m");
        var window = Assert.Single(windows.EnumerateArray());
        Assert.Equal(2, window.GetProperty("count").GetInt32());
        Assert.Equal(13.5, window.GetProperty("mean").GetDouble());
    }

    [Fact]
    public async Task Ingest_SenMLPack_ResolvedAndApplied()
    {
        const string pack = """[{"bn":"urn:dev:ow:e2e-senml:","bt":1764064800,"bu":"Cel","n":"temperature","v":21.5},{"n":"temperature","t":30,"v":22.5}]""";
        using var response = await Silo.Http.PostAsync("/api/ingest", new StringContent(pack, Encoding.UTF8, "application/senml+json"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var entity = await Silo.Http.GetFromJsonAsync<JsonElement>("/api/entities/source:urn:dev:ow:e2e-senml");
        Assert.Equal(22.5, entity.GetProperty("current").GetProperty("temperature").GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task Ingest_MalformedOrOversized_ClearError()
    {
        using var malformed = await Silo.Http.PostAsync("/api/ingest", new StringContent("{not json", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("Malformed", (await malformed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());

        using var huge = await Silo.Http.PostAsync("/api/ingest", new ByteArrayContent(new byte[2 * 1024 * 1024]));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);

        using var badSize = await Silo.Http.GetAsync("/api/entities/source:e2e-1/windows?metric=pm25&size=fortnight");
        Assert.Equal(HttpStatusCode.BadRequest, badSize.StatusCode);
    }

    [Fact]
    public async Task DeadLetter_OutOfRangeReading_ListedThenResubmittedCorrected()
    {
        const string bad = """{"source":"e2e-dl","time":"2026-11-25T11:00:00Z","readings":{"humidity":140},"seq":7}""";
        using var response = await Silo.Http.PostAsync("/api/ingest", new StringContent(bad, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var letters = await Silo.Http.GetFromJsonAsync<JsonElement>("/api/deadletters?stage=Clean&reason=OutOfRange");
        var letter = Assert.Single(letters.EnumerateArray(), l => l.GetProperty("source").GetString() == "e2e-dl");
        Assert.Equal("humidity", letter.GetProperty("metric").GetString());
        Assert.Equal(1, letter.GetProperty("attempts").GetInt32());
        var original = Encoding.UTF8.GetString(letter.GetProperty("payload").GetBytesFromBase64());
        Assert.Contains("\"humidity\":140", original, StringComparison.Ordinal);

        var corrected = original.Replace("140", "40", StringComparison.Ordinal);
        using var resubmitted = await Silo.Http.PostAsync($"/api/deadletters/{letter.GetProperty("id").GetString()}/resubmit",
            new StringContent(corrected, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, resubmitted.StatusCode);
        Assert.Equal(1, (await resubmitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accepted").GetInt32());
        var entity = await Silo.Http.GetFromJsonAsync<JsonElement>("/api/entities/source:e2e-dl");
        Assert.Equal(40, entity.GetProperty("current").GetProperty("humidity").GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task DeadLetter_UnreadableBody_DeadLetteredWithWholeBody()
    {
        using var response = await Silo.Http.PostAsync("/api/ingest?source=e2e-broken", new StringContent("{\"source\":", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);

        var letters = await Silo.Http.GetFromJsonAsync<JsonElement>("/api/deadletters?stage=Decode");
        var letter = Assert.Single(letters.EnumerateArray(), l => l.GetProperty("source").GetString() == "e2e-broken");
        Assert.Equal("Malformed", letter.GetProperty("reason").GetString());
        Assert.Equal("{\"source\":", Encoding.UTF8.GetString(letter.GetProperty("payload").GetBytesFromBase64()));
    }
}
