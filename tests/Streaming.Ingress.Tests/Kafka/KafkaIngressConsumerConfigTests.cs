namespace Streaming.Ingress.Tests;

/// <summary>The ingress consumer's librdkafka settings: our defaults, what a pass-through setting may change, and what it may not.</summary>
[Trait("Category", "Ingress")]
public sealed class KafkaIngressConsumerConfigTests
{
    [Fact]
    public void Create_NoPassThrough_FetchesWaitAtMost20Ms()
    {
        var config = KafkaIngressConsumerConfig.Create(new KafkaOptions(), new KafkaIngressOptions(), "127.0.0.1:9092");

        // librdkafka's 500 ms default would sit on every event with a broker that answers a fetch only when its wait ends.
        Assert.Equal(20, config.FetchWaitMaxMs);
        Assert.Equal("earliest", config.Get("auto.offset.reset"));
        Assert.False(config.EnableAutoOffsetStore);
    }

    [Fact]
    public void Create_PassThrough_OverridesDefaultsButNotOffsetStoring()
    {
        var ingress = new KafkaIngressOptions
        {
            Consumer = new() { ["fetch.wait.max.ms"] = "250", ["enable.auto.offset.store"] = "true" },
        };

        var config = KafkaIngressConsumerConfig.Create(new KafkaOptions(), ingress, "127.0.0.1:9092");

        Assert.Equal(250, config.FetchWaitMaxMs);
        Assert.False(config.EnableAutoOffsetStore); // an offset is stored only once its events are durable
    }
}
