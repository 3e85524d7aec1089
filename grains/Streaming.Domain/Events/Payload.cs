namespace Streaming.Domain;

/// <summary>The kind-specific body of an event. Each kind adds one sealed subtype.</summary>
[GenerateSerializer, Immutable, Alias("streaming.payload.v1")]
public abstract record Payload;

/// <summary>Sensor readings taken at the envelope's event time, and where, when the sender says.</summary>
[GenerateSerializer, Immutable, Alias("streaming.payload.sensor.v1")]
public sealed record SensorPayload([property: Id(0)] Reading[] Readings) : Payload
{
    /// <summary>Where the readings were taken (WGS84), when the sender gave coordinates.</summary>
    [Id(1)] public GeoPoint? Location { get; init; }

    /// <summary>The postcode where the readings were taken, when the sender gave one.</summary>
    [Id(2)] public Postcode? Postcode { get; init; }

    /// <summary>The address where the readings were taken, as the sender wrote it.</summary>
    [Id(3)] public string? Address { get; init; }
}

/// <summary>
/// A row from a system of record (a GP practice from the ODS file, a patient from a hospital system): which
/// system, what type of record, its id there, and its fields as text. Personal identifiers among the fields are
/// already pseudonymised: decoding replaces them before anything can store them.
/// </summary>
[GenerateSerializer, Immutable, Alias("streaming.payload.record.v1")]
public sealed record RecordPayload(
    [property: Id(0)] string System,
    [property: Id(1)] string Type,
    [property: Id(2)] string LocalId,
    [property: Id(3)] IReadOnlyDictionary<string, string> Fields) : Payload;
