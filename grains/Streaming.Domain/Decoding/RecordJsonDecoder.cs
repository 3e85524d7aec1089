using System.Text.Json;

namespace Streaming.Domain;

/// <summary>
/// Decodes records from systems of record: one object or an array, each like
/// <c>{"source":"ods-feed","system":"nhs-ods","type":"gp-practice","id":"L85001","time":"2026-11-25T10:00:00Z",
/// "fields":{"name":"…","postcode":"TA1 1NW","odsCode":"L85001"}}</c>. NHS numbers among the fields are validated and
/// pseudonymised here (see <see cref="IdentifierPolicy"/>); a value in any other field that passes the NHS number
/// check refuses the record, so a misnamed field cannot carry a number through in clear. Pure; never throws for bad input.
/// </summary>
public static class RecordJsonDecoder
{
    /// <summary>Most fields in one record.</summary>
    public const int MaxFields = 64;

    /// <summary>Longest field value, in characters.</summary>
    public const int MaxValueLength = 1024;

    private static readonly string[] Fields = ["source", "system", "type", "id", "time", "fields"];
    private const int Source = 0, System = 1, Type = 2, Id = 3, Time = 4, Values = 5;

    /// <summary>Decodes <paramref name="body"/>.</summary>
    public static DecodeResult Decode(ReadOnlySpan<byte> body, DecodeContext ctx)
    {
        if (!JsonBody.TryParse(body, ctx.Limits, out var document, out var failure))
        {
            return failure;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > ctx.Limits.MaxEventsPerBody)
            {
                return DecodeResult.Failed(RejectReason.TooLarge, $"body has {root.GetArrayLength()} items; the limit is {ctx.Limits.MaxEventsPerBody}");
            }
            var result = new DecodeResultBuilder();
            var items = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToArray() : [root];
            for (var i = 0; i < items.Length; i++)
            {
                if (TryDecode(items[i], ctx, out var envelope) is { } fault)
                {
                    result.Reject(i, fault);
                }
                else
                {
                    result.Accept(envelope!);
                }
            }
            return result.Build();
        }
    }

    private static DecodeFault? TryDecode(JsonElement item, DecodeContext ctx, out EventEnvelope? envelope)
    {
        envelope = null;
        if (item.ValueKind != JsonValueKind.Object)
        {
            return new(RejectReason.WrongType, $"a record must be a JSON object, not {item.ValueKind}");
        }
        var f = new JsonElement[Fields.Length];
        var max = ctx.Limits.MaxIdentifierLength;
        string source = "", system = "", type = "", id = "";
        var time = default(DateTimeOffset);
        Dictionary<string, string>? values = null;
        var fault = JsonFields.Collect(item, Fields, f)
            ?? (JsonFields.Has(f[Source]) ? JsonFields.TryGetIdentifier(f[Source], "source", max, out source)
                : ctx.DefaultSource is { } topic ? Set(out source, topic.Value) : new DecodeFault(RejectReason.MissingField, "source is required"))
            ?? Required(f[System], "system", max, out system)
            ?? Required(f[Type], "type", max, out type)
            ?? Required(f[Id], "id", max, out id)
            ?? (JsonFields.Has(f[Time]) ? EventTimes.TryReadSensorTime(f[Time], ctx, out time) : new DecodeFault(RejectReason.MissingField, "time is required"))
            ?? TryFields(f[Values], ctx.Identifiers, out values);
        if (fault is not null)
        {
            return fault;
        }
        envelope = new EventEnvelope(new EnvelopeId($"{system}/{id}@{EventTimes.Format(time)}"), new SourceId(source), EventKind.Record,
            null, time, null, ctx.Provenance, new RecordPayload(system, type, id, values!));
        return null;
    }

    private static DecodeFault? TryFields(JsonElement e, IdentifierPolicy identifiers, out Dictionary<string, string>? values)
    {
        values = null;
        if (e.ValueKind != JsonValueKind.Object)
        {
            return new(JsonFields.Has(e) ? RejectReason.WrongType : RejectReason.MissingField, "fields must be a JSON object of names to values");
        }
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in e.EnumerateObject())
        {
            if (result.Count == MaxFields || p.Name.Length > 128)
            {
                return new(RejectReason.TooLarge, $"at most {MaxFields} fields, names of at most 128 characters");
            }
            var text = p.Value.ValueKind switch
            {
                JsonValueKind.String => p.Value.GetString()!,
                JsonValueKind.Number => p.Value.GetRawText(),
                JsonValueKind.True or JsonValueKind.False => p.Value.GetRawText(),
                JsonValueKind.Null => null,
                _ => "\0",
            };
            if (text == "\0" || text?.Length > MaxValueLength)
            {
                return new(text == "\0" ? RejectReason.WrongType : RejectReason.TooLarge,
                    $"field '{p.Name}' must be a string, number or boolean of at most {MaxValueLength} characters");
            }
            if (text is null)
            {
                continue;
            }
            if (identifiers.IsNhsNumber(p.Name))
            {
                if (NhsNumber.Normalise(text) is not { } number)
                {
                    return new(RejectReason.InvalidIdentifier, $"field '{p.Name}' is not a valid NHS number (ten digits with a modulus 11 check digit)");
                }
                if (identifiers.Key is not { Length: > 0 } key)
                {
                    return new(RejectReason.InvalidIdentifier, $"field '{p.Name}' holds an NHS number but no pseudonymisation key is configured");
                }
                text = NhsNumber.Pseudonymise(number, key);
            }
            else if (NhsNumber.Normalise(text) is not null)
            {
                // A value that passes the NHS number check in a field not declared as one (a misspelt name, a free-text
                // field) would otherwise be stored in clear: refuse it and say how to send it.
                return new(RejectReason.InvalidIdentifier,
                    $"field '{p.Name}' holds what looks like an NHS number; send it as one of {string.Join(", ", identifiers.NhsNumberFields)}");
            }
            result[p.Name] = text;
        }
        values = result;
        return null;
    }

    private static DecodeFault? Required(JsonElement e, string field, int max, out string text) =>
        JsonFields.Has(e) ? JsonFields.TryGetIdentifier(e, field, max, out text) : Missing(field, out text);

    private static DecodeFault Missing(string field, out string text)
    {
        text = "";
        return new(RejectReason.MissingField, field + " is required");
    }

    private static DecodeFault? Set(out string target, string value)
    {
        target = value;
        return null;
    }
}
