using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Streaming.Ingress.Tests;

[Trait("Category", "Ingress")]
public sealed class MediaServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddMedia()
            .BuildServiceProvider();

    [Fact]
    public void AddMedia_Configured_DecoderResolvedWithBoundOptions()
    {
        using var services = Build(new() { ["Media:Folder"] = "/tmp/media-test", ["Media:MaxBytes"] = "1000" });

        Assert.NotNull(services.GetRequiredService<MediaDecoder>());
        Assert.Equal("/tmp/media-test", services.GetRequiredService<MediaStore>().Folder);
        Assert.Equal(1000, services.GetRequiredService<IOptions<MediaOptions>>().Value.MaxBytes);
    }

    [Fact]
    public void AddMedia_InvalidLimit_ValidationNamesProperty()
    {
        using var services = Build(new() { ["Media:ThumbnailSize"] = "0" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<MediaOptions>>().Value);
        Assert.Contains("ThumbnailSize", error.Message, StringComparison.Ordinal);
    }
}
