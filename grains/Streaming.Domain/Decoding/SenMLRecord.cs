using System.Text.Json;
using static System.FormattableString;

namespace Streaming.Domain;

/// <summary>One SenML record (RFC 8428 §4): its base fields, then the record resolved against them.</summary>
internal static class SenMLRecord
{
    /// <summary>The SenML version this decoder reads; a pack declaring a later one is refused.</summary>
    internal const int Version = 10;

    private static readonly string[] Fields = ["bn", "bt", "bu", "bv", "bs", "bver", "n", "u", "v", "vs", "vb", "vd", "s", "t", "ut"];
    private const int Bn = 0, Bt = 1, Bu = 2, Bv = 3, Bs = 4, Bver = 5, N = 6, U = 7, V = 8, Vs = 9, Vb = 10, Vd = 11, S = 12, T = 13, Ut = 14;

    /// <summary>A fresh slot per field, for <see cref="TryApplyBase"/> to fill.</summary>
    internal static JsonElement[] NewFields() => new JsonElement[Fields.Length];

    /// <summary>
    /// Collects the record's fields into <paramref name="f"/> and applies its base fields. A fault here fails
    /// the whole pack: later records resolve against these bases, so they cannot be trusted either.
    /// </summary>
    internal static DecodeFault? TryApplyBase(JsonElement record, JsonElement[] f, SenMLBase current, DecodeLimits limits, out SenMLBase next)
    {
        next = current;
        var max = limits.MaxIdentifierLength;
        string name = current.Name, unit = current.Unit ?? "";
        double time = current.Time, value = current.Value, sum = current.Sum;
        long version = Version;
        var fault = JsonFields.Collect(record, Fields, f)
            ?? (JsonFields.Has(f[Bn]) ? JsonFields.TryGetString(f[Bn], "bn", max, out name) : null)
            ?? (JsonFields.Has(f[Bt]) ? JsonNumbers.TryGetNumber(f[Bt], "bt", out time) : null)
            ?? (JsonFields.Has(f[Bu]) ? JsonFields.TryGetIdentifier(f[Bu], "bu", max, out unit) : null)
            ?? (JsonFields.Has(f[Bv]) ? JsonNumbers.TryGetNumber(f[Bv], "bv", out value) : null)
            ?? (JsonFields.Has(f[Bs]) ? JsonNumbers.TryGetNumber(f[Bs], "bs", out sum) : null)
            ?? (JsonFields.Has(f[Bver]) ? JsonNumbers.TryGetInteger(f[Bver], "bver", out version) : null)
            ?? (version <= Version ? null : new DecodeFault(
                RejectReason.UnknownKind, Invariant($"pack declares SenML version {version}; this decoder reads up to {Version}")));
        if (fault is null)
        {
            next = new SenMLBase(name, time, JsonFields.Has(f[Bu]) ? unit : current.Unit, value, sum);
        }

        return fault;
    }

    /// <summary>
    /// Resolves the record against <paramref name="b"/> (which already includes its own base fields).
    /// A record with base fields only yields neither a reading nor a fault.
    /// </summary>
    internal static DecodeFault? TryResolve(JsonElement record, JsonElement[] f, SenMLBase b, DecodeContext ctx, out SenMLReading? reading)
    {
        reading = null;
        var fault = CheckUnderstood(record, ctx.Limits);
        if (fault is not null || !Array.Exists([N, U, V, Vs, Vb, Vd, S, T, Ut], i => JsonFields.Has(f[i])))
        {
            return fault;
        }

        if (JsonFields.Has(f[Vs]) || JsonFields.Has(f[Vb]) || JsonFields.Has(f[Vd]))
        {
            return new(RejectReason.UnknownKind, "string/boolean/data values are not sensor readings");
        }

        if (!JsonFields.Has(f[V]) && !JsonFields.Has(f[S]))
        {
            return new(RejectReason.MissingField, "record has no numeric value (v or s)");
        }

        var max = ctx.Limits.MaxIdentifierLength;
        string n = "", unit = b.Unit ?? "";
        double v = 0, t = 0;
        var source = default(SourceId);
        var metric = "";
        var time = default(DateTimeOffset);
        fault = (JsonFields.Has(f[N]) ? JsonFields.TryGetString(f[N], "n", max, out n) : null)
            ?? (JsonFields.Has(f[U]) ? JsonFields.TryGetIdentifier(f[U], "u", max, out unit) : null)
            ?? (JsonFields.Has(f[V]) ? JsonNumbers.TryGetNumber(f[V], "v", out v) : JsonNumbers.TryGetNumber(f[S], "s", out v))
            ?? (JsonFields.Has(f[T]) ? JsonNumbers.TryGetNumber(f[T], "t", out t) : null)
            ?? (JsonFields.Has(f[Ut]) ? JsonNumbers.TryGetNumber(f[Ut], "ut", out _) : null)
            ?? SenMLName.TrySplit(b.Name + n, ctx, out source, out metric)
            ?? EventTimes.TryFromSenMLSeconds(b.Time + t, ctx, out time);
        if (fault is not null)
        {
            return fault;
        }

        // When a record has both, the value is the reading; the sum is a running total of it.
        var resolved = JsonFields.Has(f[V]) ? b.Value + v : b.Sum + v;
        var resolvedUnit = JsonFields.Has(f[U]) || b.Unit is not null ? unit : null;
        reading = new SenMLReading(source, time, new Reading(metric, resolved, resolvedUnit));
        return null;
    }

    // RFC 8428 §4.4: a field whose label ends in '_' must be understood; none of ours do, so the record is refused.
    private static DecodeFault? CheckUnderstood(JsonElement record, DecodeLimits limits)
    {
        foreach (var property in record.EnumerateObject())
        {
            if (JsonFields.IndexOf(property, Fields) < 0 && property.Name.EndsWith('_'))
            {
                var label = property.Name.Length <= limits.MaxIdentifierLength ? $"'{property.Name}'" : "with a long label";
                return new(RejectReason.UnknownKind, $"field {label} must be understood and is not supported");
            }
        }

        return null;
    }
}
