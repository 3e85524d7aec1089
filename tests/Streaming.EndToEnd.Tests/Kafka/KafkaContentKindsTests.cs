using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Streaming.EndToEnd.Tests;

/// <summary>An image file and a post on the ingest topic, produced by Debian's kcat with a content-type header each.</summary>
[Trait("Category", "EndToEnd")]
public sealed class KafkaContentKindsTests
{
    [Fact]
    public async Task KafkaIn_ImageAndPostByContentType_BothApplied()
    {
        var media = Directory.CreateTempSubdirectory("kafka-media-").FullName;
        await using var silo = await SiloProcess.StartAsync(new Dictionary<string, string>
        {
            ["Mqtt:Mode"] = "Off",
            ["Media:Folder"] = media,
            ["Identifiers:Key"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("kafka-test-key-0123456789")),
        });
        var bootstrap = await KafkaIngressProbe.BootstrapServersAsync(silo);
        var photo = Path.Combine(RepositoryRoot.Find(), "data", "images", "exif-gps", "go-exif__gps-2000-scaled_no-datetime.jpg");
        var post = Path.Combine(media, "post.json");
        await File.WriteAllTextAsync(post, $$"""{"id":"k1","time":"{{DateTimeOffset.UtcNow.AddMinutes(-1):yyyy-MM-ddTHH:mm:ssZ}}","author":"fay","text":"Clinic open #nhs"}""");

        // kcat sends each file named on its command line as one message.
        await ProcessRunner.RunAsync("kcat", ["-P", "-b", bootstrap, "-t", KafkaIngressProbe.Topic, "-k", "cam-k", "-H", "content-type=image/jpeg", photo],
            timeout: TimeSpan.FromSeconds(60));
        await ProcessRunner.RunAsync("kcat", ["-P", "-b", bootstrap, "-t", KafkaIngressProbe.Topic, "-k", "feed-k", "-H",
            "content-type=application/vnd.streaming.social+json", post], timeout: TimeSpan.FromSeconds(60));

        await Eventually.AssertAsync(async () => await KafkaIngressProbe.EventsAppliedAsync(silo, "cam-k") == 1
            && await KafkaIngressProbe.EventsAppliedAsync(silo, "feed-k") == 1, TimeSpan.FromSeconds(60),
            $"the image applied to source:cam-k and the post to source:feed-k\n{silo.Output}");
        var camera = await silo.Http.GetFromJsonAsync<JsonElement>("/api/entities/source:cam-k");
        Assert.Equal(494, camera.GetProperty("media")[0].GetProperty("media").GetProperty("width").GetInt32());
        Directory.Delete(media, recursive: true);
    }
}
