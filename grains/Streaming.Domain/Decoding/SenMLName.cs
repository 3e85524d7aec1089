using System.Buffers;

namespace Streaming.Domain;

/// <summary>Resolved SenML names: the RFC 8428 §4.5.1 charset, and the split into source and metric.</summary>
internal static class SenMLName
{
    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-:./_");

    /// <summary>Starts with a letter or digit and uses only letters, digits and <c>-:./_</c>.</summary>
    internal static bool IsValid(string name) =>
        name.Length > 0 && char.IsAsciiLetterOrDigit(name[0]) && !name.AsSpan().ContainsAnyExcept(Allowed);

    /// <summary>
    /// Splits <c>urn:dev:ow:10e2073a01080063:temp</c> into source <c>urn:dev:ow:10e2073a01080063</c> and metric
    /// <c>temp</c>. A name without separator is the metric of the channel's source.
    /// </summary>
    internal static DecodeFault? TrySplit(string name, DecodeContext ctx, out SourceId source, out string metric)
    {
        source = default;
        metric = "";
        if (name.Length == 0)
        {
            return new(RejectReason.MissingField, "record has no name (bn + n)");
        }

        if (!IsValid(name))
        {
            return new(RejectReason.Malformed, "name must start with a letter or digit and use only A-Z a-z 0-9 - : . / _ (RFC 8428 §4.5.1)");
        }

        var cut = name.AsSpan().LastIndexOfAny(':', '/');
        if (cut < 0)
        {
            if (ctx.DefaultSource is not { } channel)
            {
                return new(RejectReason.MissingField, $"name '{name}' has no source part and the channel names no source");
            }

            source = channel;
            metric = name;
            return null;
        }

        // The name starts with a letter or digit, so the source part is never empty.
        metric = name[(cut + 1)..];
        source = new SourceId(name[..cut]);
        var max = ctx.Limits.MaxIdentifierLength;
        if (metric.Length == 0)
        {
            return new(RejectReason.MissingField, $"name '{name}' ends with a separator: no metric");
        }

        return source.Value.Length > max || metric.Length > max
            ? new(RejectReason.TooLarge, FormattableString.Invariant($"source or metric of the name is longer than {max} characters"))
            : null;
    }
}
