namespace Streaming.Domain;

/// <summary>
/// Decides which entity a sensor event updates, most specific first: the entity the event names; the entity its
/// source is registered to; the nearest place within reach of the event's coordinates; the one place at the event's
/// postcode; else the source's own entity.
/// </summary>
public static class EventLinker
{
    /// <summary>The envelope with <see cref="EventEnvelope.Entity"/> resolved.</summary>
    public static EventEnvelope Resolve(EventEnvelope envelope, SourceLink? link, PlaceIndex places, double maxMetres)
    {
        if (envelope.Entity is not null)
        {
            return envelope;
        }
        if (link is not null)
        {
            return link.Apply(envelope);
        }
        if (envelope.Payload is SensorPayload { Location: { } at } && places.Nearest(at.Latitude, at.Longitude, 1, maxMetres) is [var near])
        {
            return envelope with { Entity = near.Place.Entity };
        }
        if (envelope.Payload is SensorPayload { Postcode: { } postcode } && places.Places.Where(p => p.Postcode == postcode).ToList() is [var only])
        {
            return envelope with { Entity = only.Entity };
        }
        return envelope;
    }
}
