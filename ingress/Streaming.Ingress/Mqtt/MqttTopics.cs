using Streaming.Domain;

namespace Streaming.Ingress;

/// <summary>
/// The topic scheme: <c>sensors/{source}</c> (sensor JSON or SenML), <c>sensors/{source}/{metric}</c> (a bare number or
/// JSON), <c>social/{source}</c>, <c>media/{source}</c> and <c>records/{source}</c>. Anything else is refused.
/// </summary>
public static class MqttTopics
{
    /// <summary>Longest source, metric or group segment, matching the decoders' identifier limit.</summary>
    public const int MaxSegmentLength = 128;

    private static readonly Dictionary<string, EventKind> Kinds = new(StringComparer.Ordinal)
    {
        ["sensors"] = EventKind.Sensor, ["social"] = EventKind.Social, ["media"] = EventKind.Media, ["records"] = EventKind.Record,
    };

    /// <summary>The route a publish topic names, or null when the topic is not in the scheme.</summary>
    public static MqttTopicRoute? Parse(string topic)
    {
        if (topic.Length > 3 * (MaxSegmentLength + 1))
        {
            return null;
        }
        var parts = topic.Split('/');
        if (parts.Length is < 2 or > 3 || !Kinds.TryGetValue(parts[0], out var kind) || !IsValidSegment(parts[1]))
        {
            return null;
        }
        if (parts.Length == 3 && (kind != EventKind.Sensor || !IsValidSegment(parts[2])))
        {
            return null;
        }
        return new MqttTopicRoute(kind, new SourceId(parts[1]), parts.Length == 3 ? parts[2] : null);
    }

    /// <summary>
    /// Whether a subscriber with <paramref name="clientId"/> may subscribe to <paramref name="filter"/>: only to its own
    /// topics (<c>{kind}/{clientId}</c> and below), with no wildcard in the kind or source level.
    /// </summary>
    public static bool MaySubscribe(string filter, string clientId)
    {
        var parts = filter.Split('/', 3);
        return parts.Length >= 2 && Kinds.ContainsKey(parts[0]) && parts[1] == clientId;
    }

    /// <summary>A non-empty topic level of at most <see cref="MaxSegmentLength"/> characters, with no wildcard, separator, space or control character.</summary>
    public static bool IsValidSegment(string? segment) =>
        !string.IsNullOrEmpty(segment) && segment.Length <= MaxSegmentLength
        && !segment.AsSpan().ContainsAny("/+#$ ") && !segment.Any(char.IsControl);
}
