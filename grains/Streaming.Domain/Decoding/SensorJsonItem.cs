using System.Globalization;
using System.Text.Json;

namespace Streaming.Domain;

/// <summary>One object of our sensor JSON, decoded on its own so a bad item cannot spoil its neighbours.</summary>
internal static class SensorJsonItem
{
    private static readonly string[] Fields = ["source", "time", "readings", "unit", "seq", "id", "entity", "metric", "value", "lat", "lon", "postcode", "address"];
    private const int Source = 0, Time = 1, Readings = 2, Unit = 3, Seq = 4, Id = 5, Entity = 6, Metric = 7, Value = 8, Lat = 9, Lon = 10, Post = 11, Address = 12;

    /// <summary>Decodes one item; exactly one of the fault and <paramref name="envelope"/> is set.</summary>
    internal static DecodeFault? TryDecode(JsonElement item, DecodeContext ctx, out EventEnvelope? envelope)
    {
        envelope = null;
        if (item.ValueKind != JsonValueKind.Object)
        {
            return new(RejectReason.WrongType, $"an item must be a JSON object, not {item.ValueKind}");
        }

        var f = new JsonElement[Fields.Length];
        var source = default(SourceId);
        var time = default(DateTimeOffset);
        var readings = Array.Empty<Reading>();
        long? seq = null;
        string? id = null;
        EntityKey? entity = null;
        GeoPoint? location = null;
        Postcode? postcode = null;
        string? address = null;
        var fault = JsonFields.Collect(item, Fields, f)
            ?? TrySource(f[Source], ctx, out source)
            ?? (JsonFields.Has(f[Time]) ? null : new DecodeFault(RejectReason.MissingField, "time is required"))
            ?? EventTimes.TryReadSensorTime(f[Time], ctx, out time)
            ?? SensorJsonReadings.TryRead(f[Readings], f[Unit], f[Metric], f[Value], ctx, out readings)
            ?? TryOptional(f, ctx.Limits, out seq, out id, out entity)
            ?? TryPlace(f, out location, out postcode)
            ?? TryAddress(f[Address], out address);
        if (fault is not null)
        {
            return fault;
        }

        var envelopeId = id
            ?? (seq is { } s
                ? string.Create(CultureInfo.InvariantCulture, $"{source}#{s}")
                : $"{source}@{EventTimes.Format(time)}");
        envelope = new EventEnvelope(
            new EnvelopeId(envelopeId), source, EventKind.Sensor, entity, time, seq, ctx.Provenance,
            new SensorPayload(readings) { Location = location, Postcode = postcode, Address = address });
        return null;
    }

    private const int MaxAddressLength = 256;

    private static DecodeFault? TryAddress(JsonElement e, out string? address)
    {
        address = null;
        if (!JsonFields.Has(e))
        {
            return null;
        }
        var fault = JsonFields.TryGetString(e, "address", MaxAddressLength, out var text);
        address = text;
        return fault;
    }

    // Optional "lat"/"lon" (both or neither, in range) and "postcode" (a valid UK postcode): where the readings were taken.
    private static DecodeFault? TryPlace(JsonElement[] f, out GeoPoint? location, out Postcode? postcode)
    {
        location = null;
        postcode = null;
        if (JsonFields.Has(f[Lat]) || JsonFields.Has(f[Lon]))
        {
            if (f[Lat].ValueKind != JsonValueKind.Number || f[Lon].ValueKind != JsonValueKind.Number
                || !f[Lat].TryGetDouble(out var lat) || !f[Lon].TryGetDouble(out var lon) || lat is < -90 or > 90 || lon is < -180 or > 180)
            {
                return new(RejectReason.WrongType, "lat and lon must both be numbers, within ±90 and ±180 degrees");
            }
            location = new GeoPoint(lat, lon);
        }
        if (JsonFields.Has(f[Post]))
        {
            if (f[Post].ValueKind != JsonValueKind.String || !Domain.Postcode.TryParse(f[Post].GetString(), out var parsed))
            {
                return new(RejectReason.WrongType, "postcode must be a valid UK postcode");
            }
            postcode = parsed;
        }
        return null;
    }

    /// <summary>
    /// A bare JSON number on a <c>sensors/{source}/{metric}</c> topic: one reading, timed at ingest.
    /// </summary>
    internal static DecodeFault? TryDecodeBareNumber(JsonElement number, string metric, DecodeContext ctx, out EventEnvelope? envelope)
    {
        envelope = null;
        if (ctx.DefaultSource is not { } source)
        {
            return new(RejectReason.MissingField, "a bare number needs the source from the topic");
        }

        var fault = JsonNumbers.TryGetNumber(number, $"reading '{metric}'", out var value);
        if (fault is not null)
        {
            return fault;
        }

        var time = ctx.Provenance.ReceivedAt.ToUniversalTime();
        envelope = new EventEnvelope(
            new EnvelopeId($"{source}@{EventTimes.Format(time)}"), source, EventKind.Sensor, null, time, null, ctx.Provenance,
            new SensorPayload([new Reading(metric, value, null)]));
        return null;
    }

    private static DecodeFault? TrySource(JsonElement e, DecodeContext ctx, out SourceId source)
    {
        source = ctx.DefaultSource ?? default;
        if (!JsonFields.Has(e))
        {
            return ctx.DefaultSource is null
                ? new(RejectReason.MissingField, "source is required (or publish on a topic that names it)")
                : null;
        }

        var fault = JsonFields.TryGetIdentifier(e, "source", ctx.Limits.MaxIdentifierLength, out var text);
        if (fault is not null)
        {
            return fault;
        }

        if (ctx.DefaultSource is { } topic && topic.Value != text)
        {
            return new(RejectReason.WrongType, $"source in body '{text}' does not match topic source '{topic.Value}'");
        }

        source = new SourceId(text);
        return null;
    }

    private static DecodeFault? TryOptional(JsonElement[] f, DecodeLimits limits, out long? seq, out string? id, out EntityKey? entity)
    {
        long s = 0;
        string i = "", e = "";
        var max = limits.MaxIdentifierLength;
        var fault = (JsonFields.Has(f[Seq]) ? JsonNumbers.TryGetInteger(f[Seq], "seq", out s) : null)
            ?? (JsonFields.Has(f[Id]) ? JsonFields.TryGetIdentifier(f[Id], "id", max, out i) : null)
            ?? (JsonFields.Has(f[Entity]) ? JsonFields.TryGetIdentifier(f[Entity], "entity", max, out e) : null);
        seq = JsonFields.Has(f[Seq]) ? s : null;
        id = JsonFields.Has(f[Id]) ? i : null;
        entity = JsonFields.Has(f[Entity]) ? new EntityKey(e) : null;
        return fault;
    }
}
