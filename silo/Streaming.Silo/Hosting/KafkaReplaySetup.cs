using Streaming.Ingress;

namespace Streaming.Silo;

/// <summary>The <c>replay --kafka</c> source, decoding with the silo's configured limits and identifier policy.</summary>
public static class KafkaReplaySetup
{
    /// <summary>A source reading <paramref name="topic"/> on <paramref name="bootstrapServers"/>.</summary>
    public static KafkaReplaySource Source(string bootstrapServers, string topic, IConfiguration config)
    {
        var http = config.GetSection(HttpIngressOptions.Section).Get<HttpIngressOptions>() ?? new HttpIngressOptions();
        var media = config.GetSection(MediaOptions.Section).Get<MediaOptions>() ?? new MediaOptions();
        var identifiers = config.GetSection(IdentifierOptions.Section).Get<IdentifierOptions>() ?? new IdentifierOptions();
        return new KafkaReplaySource(bootstrapServers, topic, new KafkaReplayDecoder(http, media, identifiers.ToPolicy()));
    }

    /// <summary>One line per partition: the offsets read and how the start was found.</summary>
    public static IEnumerable<string> Describe(string topic, IReadOnlyList<PartitionSeek> seeks) => seeks.Select(s =>
        $"replay: {topic}[{s.Partition}] offsets {s.Offset}..{s.High} of {s.Low}..{s.High}: " + (s switch
        {
            { High: var h, Low: var l } when h <= l => "empty",
            { Searched: true } => $"start found by searching message timestamps ({s.Probes} reads; the broker's offsets-for-times gave no answer)",
            { Probes: > 0 } => "nothing at or after --from (checked the newest message)",
            _ => "start from the broker's offsets-for-times",
        }));
}
