namespace Streaming.Domain;

/// <summary>The kind-specific body of an event. Each kind adds one sealed subtype.</summary>
[GenerateSerializer, Immutable, Alias("streaming.payload.v1")]
public abstract record Payload;

/// <summary>Sensor readings taken at the envelope's event time.</summary>
[GenerateSerializer, Immutable, Alias("streaming.payload.sensor.v1")]
public sealed record SensorPayload([property: Id(0)] Reading[] Readings) : Payload;
