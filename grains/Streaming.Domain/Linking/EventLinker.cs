namespace Streaming.Domain;

/// <summary>
/// Decides which entity an event updates, most specific first: the entity the event names; the entity its
/// source is registered to; the nearest place within reach of the event's coordinates (a sensor's, a post's geotag, an
/// image's EXIF GPS); the one place at the event's postcode (given, or found in its address); the one place its address
/// or place name names unambiguously; else the source's own entity.
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
        var (location, given, address) = envelope.Payload switch
        {
            SensorPayload s => (s.Location, s.Postcode, s.Address),
            SocialPayload s => (s.Location, s.Postcode, s.PlaceName),
            MediaPayload m => (m.Location, null, null),
            _ => ((GeoPoint?)null, (Postcode?)null, (string?)null),
        };
        if (location is { } at && places.Nearest(at.Latitude, at.Longitude, 1, maxMetres) is [var near])
        {
            return envelope with { Entity = near.Place.Entity };
        }
        var postcode = given ?? (address is { } text ? Postcode.FindAll(text).Cast<Postcode?>().LastOrDefault() : null);
        if (postcode is { } code && places.Places.Where(p => p.Postcode == code).ToList() is [var only])
        {
            return envelope with { Entity = only.Entity };
        }
        if (address is not null && ByAddress(address, places) is { } named)
        {
            return envelope with { Entity = named.Entity };
        }
        return envelope;
    }

    // An address links only when exactly one place matches all its words, and matches them exactly (score 1 per word
    // in the name, 0.8 in the address; typos score less): anything ambiguous or approximate is left unlinked, not guessed.
    private static Place? ByAddress(string address, PlaceIndex places)
    {
        var words = AddressNormaliser.Tokens(address).Length;
        return words > 0 && places.Search(address, 2) is [var only] && only.Score >= 0.8 * words ? only.Place : null;
    }
}
