using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MQTTnet;

namespace Streaming.EndToEnd.Tests;

/// <summary>Images over HTTP and MQTT into a real silo: stored by content hash, counted, linked, near duplicates flagged, bad files dead-lettered.</summary>
[Trait("Category", "EndToEnd")]
public sealed class MediaIngestTests : SiloTest, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("media-test-").FullName;
    private readonly int _mqttPort = FreeTcpPort.Next();

    protected override Dictionary<string, string> Settings => new()
    {
        ["Media:Folder"] = _folder,
        ["Mqtt:Port"] = _mqttPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static byte[] Photo(string name) => File.ReadAllBytes(Path.Combine(RepositoryRoot.Find(), "data", "images", "exif-gps", name));

    private async Task<HttpResponseMessage> Upload(string source, byte[] image, string type = "image/jpeg")
    {
        var content = new ByteArrayContent(image);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return await Silo.Http.PostAsync($"/api/ingest/media?source={source}", content);
    }

    [Fact]
    public async Task Photo_OverHttp_StoredCountedAndShownWithoutLocation()
    {
        using var response = await Upload("cam-1", Photo("go-exif__gps.jpg"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var entity = await Silo.Http.GetFromJsonAsync<JsonElement>("/api/entities/source:cam-1");
        var media = Assert.Single(entity.GetProperty("media").EnumerateArray()).GetProperty("media");
        Assert.Equal(920, media.GetProperty("width").GetInt32());
        Assert.Equal("b5e07ab1877cc8d93d881ab427c2735c0688049958084d08f18df3aa25386b6c", media.GetProperty("contentHash").GetString());
        var thumbnail = media.GetProperty("thumbnailHash").GetString()!;
        Assert.Single(Directory.GetFiles(_folder, thumbnail + "*", SearchOption.AllDirectories));
        Assert.DoesNotContain("26.58", entity.GetRawText(), StringComparison.Ordinal); // the GPS latitude links, and is never shown
        // EXIF 2018:04:28 21:23:12 local, GPS clock 01:22:57 UTC the next day: the offset is inferred as -4 h.
        var windows = await Silo.Http.GetFromJsonAsync<JsonElement>("/api/entities/source:cam-1/windows?metric=images&kind=media&size=1h");
        var hour = Assert.Single(windows.EnumerateArray());
        Assert.Equal(DateTimeOffset.Parse("2018-04-29T01:00:00Z", System.Globalization.CultureInfo.InvariantCulture), hour.GetProperty("start").GetDateTimeOffset());
        Assert.Equal(1, hour.GetProperty("count").GetInt64());
        var bySource = await Silo.Http.GetFromJsonAsync<JsonElement>("/api/sources/cam-1/windows?metric=images&kind=media&size=1h");
        Assert.Equal(1, Assert.Single(bySource.EnumerateArray()).GetProperty("count").GetInt64());

        using var again = await Upload("cam-1", Photo("go-exif__gps.jpg"));
        var report = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Duplicate", Assert.Single(report.GetProperty("rejections").EnumerateArray()).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task SamePhotoDownscaled_FromAnotherSourceAsAForm_FlaggedNearDuplicate()
    {
        using var full = await Upload("cam-a", Photo("exifr__IMG_20180725_163423.jpg"));
        Assert.Equal(HttpStatusCode.Accepted, full.StatusCode);

        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Photo("exifr__IMG_20180725_163423-tiny.jpg"));
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, "image", "tiny.jpg");
        using var tiny = await Silo.Http.PostAsync("/api/ingest/media?source=cam-b", form);

        Assert.Equal(HttpStatusCode.Accepted, tiny.StatusCode);
        var entity = await Silo.Http.GetFromJsonAsync<JsonElement>("/api/entities/source:cam-b");
        var media = Assert.Single(entity.GetProperty("media").EnumerateArray()).GetProperty("media");
        Assert.Equal("ffb3bd030347c17e6028d4fdf9e82d6061ab1995550d3581859db2c60b144421", media.GetProperty("nearDuplicateOf").GetString());
    }

    [Fact]
    public async Task MalformedFiles_EachRefusedWithAReasonAndDeadLettered_SiloUnharmed()
    {
        // Two files of that corpus are valid JPEGs that every decoder reads (tests/Streaming.Ingress.Tests explains why): not refused.
        string[] decodable = ["jpeg-decoder__multiple-0xff-before-eoi.jpg", "jpeg-decoder__dc-predictor-overflow.jpg"];
        var files = Directory.GetFiles(Path.Combine(RepositoryRoot.Find(), "data", "images", "malformed"), "*.jpg")
            .Where(f => !decodable.Contains(Path.GetFileName(f)))
            .Append(Path.Combine(RepositoryRoot.Find(), "data", "images", "exif-gps", "exifr__heic-iphone7.heic")).ToList();
        var pid = SiloMemory.FindPid(_mqttPort);
        var before = SiloMemory.ResidentBytes(pid);
        foreach (var path in files)
        {
            using var response = await Upload("cam-bad", File.ReadAllBytes(path));
            Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnsupportedMediaType or HttpStatusCode.RequestEntityTooLarge,
                $"{Path.GetFileName(path)}: expected a refusal, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), Path.GetFileName(path));
        }

        var grown = SiloMemory.ResidentBytes(pid) - before;
        Assert.True(grown < 100L * 1024 * 1024, $"the silo grew by {grown / (1024 * 1024)} MiB refusing {files.Count} small files");
        var letters = await Silo.Http.GetFromJsonAsync<JsonElement>("/api/deadletters?limit=100");
        Assert.Equal(files.Count, letters.EnumerateArray().Count(l => l.GetProperty("source").GetString() == "cam-bad"));
        using var healthy = await Upload("cam-good", Photo("exifr__issue-exifr-59.jpg"));
        Assert.Equal(HttpStatusCode.Accepted, healthy.StatusCode);
    }

    [Fact]
    public async Task Photo_OverMqtt_AcknowledgedOnceStored_BadOneRefusedWithReason()
    {
        var (client, _) = await MqttTestClient.ConnectAsync(_mqttPort, "cam-m");
        using (client)
        {
            var good = await MqttTestClient.PublishAsync(client, "media/cam-m", Photo("go-exif__gps-2000-scaled_no-datetime.jpg"));
            var bad = await MqttTestClient.PublishAsync(client, "media/cam-m", "not an image"u8.ToArray());

            Assert.True(good.IsSuccess, good.ReasonString);
            Assert.Equal(MqttClientPublishReasonCode.PayloadFormatInvalid, bad.ReasonCode);
            Assert.Contains("not a JPEG or PNG", bad.ReasonString, StringComparison.Ordinal);
        }
        var entity = await Silo.Http.GetFromJsonAsync<JsonElement>("/api/entities/source:cam-m");
        Assert.Equal(494, Assert.Single(entity.GetProperty("media").EnumerateArray()).GetProperty("media").GetProperty("width").GetInt32());
        var letters = await Silo.Http.GetFromJsonAsync<JsonElement>("/api/deadletters?limit=100");
        Assert.Contains(letters.EnumerateArray(), l => l.GetProperty("source").GetString() == "cam-m" && l.GetProperty("stage").GetString() == "Decode");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
