using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Streaming.Domain;

namespace Streaming.Harness;

/// <summary>
/// What one entity's states weigh on their own: the memory-entities events decoded and taken through the domain steps
/// the grains take (cleaning, source activity, the entity's windows, its outbox sent and confirmed) here in the harness,
/// the states held, a full GC, the heap divided. What the silo holds per entity beyond this is the platform's overhead:
/// activations, directory, storage.
/// </summary>
internal static class StateBaseline
{
    /// <param name="Objects">Managed heap of a source's and its entity's states as objects.</param>
    /// <param name="Serialized">Both states serialized, as the embedded default's in-process storage keeps a copy of them.</param>
    public sealed record Weight(long Objects, long Serialized);

    /// <summary>Digits in the source ids of a run of <paramref name="count"/> entities.</summary>
    public static int Width(int count) => Math.Max(7, count.ToString(CultureInfo.InvariantCulture).Length);

    /// <summary>Events per entity: the second a millisecond after the first in event time, as from a sensor that reports often, whose grains stay.</summary>
    public const int EventsPerEntity = 2;

    /// <summary>
    /// The JSON array memory-entities posts for entities <paramref name="from"/> up to <paramref name="to"/>: one 3-reading
    /// event each, number <paramref name="seq"/> of <see cref="EventsPerEntity"/>.
    /// </summary>
    public static string Body(string prefix, int from, int to, int width, DateTimeOffset now, int seq)
    {
        var json = new StringBuilder("[");
        for (var i = from; i < to; i++)
        {
            json.Append(CultureInfo.InvariantCulture,
                $$"""{"source":"{{prefix}}-{{i.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0')}}","time":"{{now.AddMilliseconds((i % 60_000) + seq - 1):yyyy-MM-ddTHH:mm:ss.fffZ}}","readings":{"pm25":{{5 + (i % 30) + seq}},"no2":{{10 + (i % 40)}},"temperature":{{15 + (i % 10)}}},"seq":{{seq}}},""");
        }
        json[^1] = ']';
        return json.ToString();
    }

    /// <summary>Builds the states of the first <paramref name="count"/> entities of <paramref name="prefix"/>; bytes per entity.</summary>
    public static Weight Measure(string prefix, int count, int width, DateTimeOffset now)
    {
        var windows = new WindowOptions();
        var activity = SourceActivity.Retaining(windows);
        var cleaning = new CleaningOptions();
        var decoding = new DecodeContext(Provenance.Http("/api/ingest", now), null, null, DecodeLimits.Default);
        var states = new object[2 * count];
        var before = GC.GetTotalMemory(forceFullCollection: true);
        const int batch = 500;
        for (var from = 0; from < count; from += batch)
        {
            var to = Math.Min(count, from + batch);
            for (var j = from; j < to; j++)
            {
                (states[2 * j], states[(2 * j) + 1]) = (new SourceCleaningState(), new EntityState());
            }
            for (var seq = 1; seq <= EventsPerEntity; seq++)
            {
                // Decoded as the silo decodes them, so metric names are strings of their own per event as they are there.
                var envelopes = SensorJsonDecoder.Decode(Encoding.UTF8.GetBytes(Body(prefix, from, to, width, now, seq)), decoding).Envelopes;
                for (var j = 0; j < envelopes.Count; j++)
                {
                    var (sourceState, entity) = ((SourceCleaningState)states[2 * (from + j)], (EntityState)states[(2 * (from + j)) + 1]);
                    var clean = ContentCleaning.Clean(envelopes[j], sourceState, cleaning).Event
                        ?? throw new InvalidOperationException($"the memory-entities event of {envelopes[j].Source} did not clean");
                    SourceActivity.Count(sourceState, [clean], activity);
                    entity.Outbox.Enqueue(EntityModel.Apply(entity, [clean], windows, cleaning.MaxDedupeEntries, cleaning.DedupeHorizon).Deltas);
                    entity.Outbox.Confirm(entity.Outbox.LastSeq); // the area has confirmed it in the silo, within the forward interval
                }
            }
        }
        var objects = (GC.GetTotalMemory(forceFullCollection: true) - before) / count;

        var serializer = new ServiceCollection().AddSerializer(b => b.AddAssembly(typeof(EntityState).Assembly))
            .BuildServiceProvider().GetRequiredService<Serializer>();
        var serialized = serializer.SerializeToArray((SourceCleaningState)states[0]).Length + serializer.SerializeToArray((EntityState)states[1]).Length;
        GC.KeepAlive(states);
        return new Weight(objects, serialized);
    }
}
