using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Streaming.Domain;
using Streaming.Grains.Abstractions;

namespace Streaming.Ingress.Tests;

/// <summary>
/// The output topics' values as consumers read them: camelCase JSON, enums as strings, and an empty window's NaN
/// statistics as <c>"NaN"</c>. Clean events and snapshots go through the JSON generator's fast path, windows and alerts
/// (which may hold NaN) through a context that writes it.
/// </summary>
[Trait("Category", "Ingress")]
public sealed class CloudEventMessagesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Clean_SensorEvent_WrittenAsCamelCaseJsonWithItsHeaders()
    {
        var e = new CleanEvent(new EnvelopeId("aq-1#7"), new SourceId("aq-1"), new EntityKey("source:aq-1"), EventKind.Sensor, T0,
            T0.AddSeconds(1), [new CleanReading("pm25", 12.5, "ug/m3", ReadingFlags.UnitConverted)]);

        var message = CloudEventMessages.Clean(e);

        var value = JsonDocument.Parse(message.Value).RootElement;
        Assert.Equal(("aq-1#7", "Sensor", "source:aq-1"), (value.GetProperty("id").GetString(), value.GetProperty("kind").GetString(),
            value.GetProperty("entity").GetString()));
        var reading = Assert.Single(value.GetProperty("readings").EnumerateArray().ToList());
        Assert.Equal((12.5, "UnitConverted"), (reading.GetProperty("value").GetDouble(), reading.GetProperty("flags").GetString()));
        Assert.Equal("org.nhs.streaming.clean.v1", Header(message, "ce_type"));
        Assert.Equal("2026-11-27T10:00:00.000Z", Header(message, "ce_time"));
    }

    [Fact]
    public void Window_Empty_StatisticsWrittenAsNaN()
    {
        var empty = new WindowAggregate(0, 0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        var window = new WindowResult(new SeriesKey(EventKind.Sensor, "pm25"), TimeSpan.FromMinutes(1), T0, T0.AddMinutes(1), empty, 2, true);

        var value = JsonDocument.Parse(CloudEventMessages.Window("source:aq-1", window).Value).RootElement;

        Assert.Equal(0, value.GetProperty("count").GetInt64());
        Assert.Equal("NaN", value.GetProperty("mean").GetString());
        Assert.Equal("NaN", value.GetProperty("stddev").GetString());
        Assert.Equal(2, value.GetProperty("revision").GetInt32());
    }

    [Fact]
    public void Entity_Snapshot_WrittenWithCurrentValuesByMetric()
    {
        var snapshot = new EntitySnapshot("source:aq-1", "E01000001",
            new() { ["no2"] = new CurrentValue(30, "ug/m3", T0, ReadingFlags.None, "aq-1") }, 3, 0, 1, T0, null, [], []);

        var message = CloudEventMessages.Entity(snapshot);

        var value = JsonDocument.Parse(message.Value).RootElement;
        Assert.Equal(30, value.GetProperty("current").GetProperty("no2").GetProperty("value").GetDouble());
        Assert.Equal(3, value.GetProperty("eventsApplied").GetInt64());
        Assert.Equal("source:aq-1/3", Header(message, "ce_id"));
    }

    private static string Header(Message<string?, byte[]> message, string name) =>
        Encoding.UTF8.GetString(message.Headers.GetLastBytes(name));
}
