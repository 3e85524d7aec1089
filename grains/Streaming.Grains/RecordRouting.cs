using Streaming.Domain;
using Streaming.Grains.Abstractions;

namespace Streaming.Grains;

/// <summary>
/// How a source grain hands on records: link each (the linker proposes, the row's link grain may overrule), apply it
/// to its entity, and when it registers a device (a <c>device</c> field naming a source), link that source too.
/// </summary>
internal static class RecordRouting
{
    private const string DeviceField = "device";

    /// <summary>Applies the records in order (each may create the entity the next links to); returns how many.</summary>
    public static async Task<int> ApplyAsync(IGrainFactory grains, string self, SourceCleaningState selfState, PlaceIndex places,
        IReadOnlyList<EventEnvelope> records, DateTimeOffset now)
    {
        foreach (var envelope in records)
        {
            var record = (RecordPayload)envelope.Payload;
            var (proposed, reason) = RecordLinker.Link(record, places);
            var decision = await grains.GetGrain<IRecordLinkGrain>(GrainKeys.RecordLink(record.System, record.LocalId)).Resolve(proposed, reason);
            await grains.GetGrain<IEntityGrain>(GrainKeys.Entity(decision.Entity)).ApplyRecord(envelope, decision.Reason);
            if (record.Fields.TryGetValue(DeviceField, out var device) && device.Length is > 0 and <= 128)
            {
                var why = $"record {record.System}/{record.LocalId}";
                if (device == self)
                {
                    // The calling grain is not reentrant: a call to itself would wait for ever. Its caller writes this state.
                    selfState.Link = new SourceLink(decision.Entity, why, now);
                }
                else
                {
                    await grains.GetGrain<ISourceGrain>(device).Link(decision.Entity, why);
                }
            }
        }
        return records.Count;
    }
}
