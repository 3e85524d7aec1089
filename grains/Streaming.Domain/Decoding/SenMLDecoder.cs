using System.Text.Json;
using static System.FormattableString;

namespace Streaming.Domain;

/// <summary>
/// Decodes RFC 8428 SenML JSON packs (<c>application/senml+json</c>). Base fields (bn, bt, bu, bv, bs, bver)
/// resolve each record's name, time, value and unit; numeric records (v, or s) become readings, grouped by
/// (source, time) into one sensor envelope each. Source and metric come from the resolved name, split at its
/// last ':' or '/'. A bad record becomes one <see cref="Rejection"/> and the rest of the pack still decodes;
/// a bad base field fails the pack, because every later record would resolve against it.
/// </summary>
public static class SenMLDecoder
{
    /// <summary>Decodes <paramref name="body"/>. Pure, and never throws for bad input.</summary>
    /// <param name="body">The raw body: a SenML JSON array, checked against the size limit before it is parsed.</param>
    /// <param name="ctx">Provenance (relative SenML times count from its ingest time), the channel's source, and the limits.</param>
    /// <returns>One envelope per (source, time), in order of first appearance, and one rejection per record refused.</returns>
    public static DecodeResult Decode(ReadOnlySpan<byte> body, DecodeContext ctx)
    {
        if (!JsonBody.TryParse(body, ctx.Limits, out var document, out var failure))
        {
            return failure;
        }

        using (document)
        {
            var pack = document.RootElement;
            if (pack.ValueKind != JsonValueKind.Array)
            {
                return DecodeResult.Failed(RejectReason.WrongType, $"a SenML pack is a JSON array of records, not {pack.ValueKind}");
            }

            var count = pack.GetArrayLength();
            return count > ctx.Limits.MaxEventsPerBody
                ? DecodeResult.Failed(RejectReason.TooLarge, Invariant($"pack has {count} records; the limit is {ctx.Limits.MaxEventsPerBody}"))
                : DecodePack(pack, ctx);
        }
    }

    private static DecodeResult DecodePack(JsonElement pack, DecodeContext ctx)
    {
        var groups = new SenMLGroups(ctx);
        var rejections = new List<Rejection>();
        var bases = SenMLBase.Initial;
        var index = -1;
        foreach (var record in pack.EnumerateArray())
        {
            index++;
            if (record.ValueKind != JsonValueKind.Object)
            {
                rejections.Add(new Rejection(index, RejectReason.WrongType, $"a SenML record must be a JSON object, not {record.ValueKind}"));
                continue;
            }

            var fields = SenMLRecord.NewFields();
            var packFault = SenMLRecord.TryApplyBase(record, fields, bases, ctx.Limits, out bases);
            if (packFault is not null)
            {
                return DecodeResult.Failed(packFault.Reason, Invariant($"record {index}: {packFault.Detail}"));
            }

            var fault = SenMLRecord.TryResolve(record, fields, bases, ctx, out var reading);
            if (fault is null && reading is { } resolved)
            {
                fault = groups.TryAdd(resolved);
            }

            if (fault is not null)
            {
                rejections.Add(fault.At(index));
            }
        }

        return new DecodeResult([.. groups.Envelopes()], rejections);
    }
}
