using Streaming.Domain;

namespace Streaming.Ingress;

/// <summary>
/// An envelope's payload as archived: sensor readings with where they were taken, or a record's system, type, id
/// and fields. Reads back into the same <see cref="Payload"/>.
/// </summary>
public sealed record ArchivedPayload(
    ArchivedReading[]? Readings, double? Lat, double? Lon, string? Postcode, string? Address,
    string? System, string? Type, string? LocalId, Dictionary<string, string>? Fields)
{
    /// <summary>The archived form of a payload.</summary>
    public static ArchivedPayload From(Payload payload) => payload switch
    {
        SensorPayload s => new([.. s.Readings.Select(r => new ArchivedReading(r.Metric, r.Value, r.Unit))],
            s.Location?.Latitude, s.Location?.Longitude, s.Postcode?.Value, s.Address, null, null, null, null),
        RecordPayload r => new(null, null, null, null, null, r.System, r.Type, r.LocalId, new(r.Fields, StringComparer.Ordinal)),
        _ => throw new ArgumentException($"{payload.GetType().Name} cannot be archived", nameof(payload)),
    };

    /// <summary>The payload this stands for.</summary>
    public Payload ToPayload()
    {
        if (System is not null)
        {
            return new RecordPayload(System, Type ?? string.Empty, LocalId ?? string.Empty, Fields ?? []);
        }
        return new SensorPayload([.. (Readings ?? []).Select(r => new Reading(r.Metric, r.Value, r.Unit))])
        {
            Location = Lat is { } lat && Lon is { } lon ? new GeoPoint(lat, lon) : null,
            Postcode = Postcode is { } code ? new Postcode(code) : null,
            Address = Address,
        };
    }
}
