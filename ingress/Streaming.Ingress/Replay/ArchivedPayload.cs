using Streaming.Domain;

namespace Streaming.Ingress;

/// <summary>
/// An envelope's payload as archived: sensor readings with where they were taken, a record's system, type, id and fields,
/// a post (already pseudonymised) or an image's stored hashes and facts. Reads back into the same <see cref="Payload"/>.
/// </summary>
public sealed record ArchivedPayload(
    ArchivedReading[]? Readings, double? Lat, double? Lon, string? Postcode, string? Address,
    string? System, string? Type, string? LocalId, Dictionary<string, string>? Fields)
{
    /// <summary>A post's text (with mentions already pseudonymised).</summary>
    public string? Text { get; init; }

    /// <summary>A post's author pseudonym.</summary>
    public string? Author { get; init; }

    /// <summary>A post's hashtags, mention pseudonyms and links.</summary>
    public string[]? Hashtags { get; init; }

    /// <inheritdoc cref="Hashtags"/>
    public string[]? Mentions { get; init; }

    /// <inheritdoc cref="Hashtags"/>
    public string[]? Links { get; init; }

    /// <summary>A post's place name.</summary>
    public string? PlaceName { get; init; }

    /// <summary>An image's facts, as in <see cref="MediaPayload"/>.</summary>
    public ArchivedImage? Image { get; init; }

    /// <summary>The archived form of a payload.</summary>
    public static ArchivedPayload From(Payload payload) => payload switch
    {
        SensorPayload s => new([.. s.Readings.Select(r => new ArchivedReading(r.Metric, r.Value, r.Unit))],
            s.Location?.Latitude, s.Location?.Longitude, s.Postcode?.Value, s.Address, null, null, null, null),
        RecordPayload r => new(null, null, null, null, null, r.System, r.Type, r.LocalId, new(r.Fields, StringComparer.Ordinal)),
        SocialPayload p => new(null, p.Location?.Latitude, p.Location?.Longitude, p.Postcode?.Value, null, null, null, null, null)
        {
            Text = p.Text, Author = p.Author, Hashtags = p.Hashtags, Mentions = p.Mentions, Links = p.Links, PlaceName = p.PlaceName,
        },
        MediaPayload m => new(null, m.Location?.Latitude, m.Location?.Longitude, null, null, null, null, null, null)
        {
            Image = new ArchivedImage(m.ContentHash, m.MediaType, m.Width, m.Height, m.Bytes, m.PerceptualHash, m.ThumbnailHash, m.TakenAt),
        },
        _ => throw new ArgumentException($"{payload.GetType().Name} cannot be archived", nameof(payload)),
    };

    /// <summary>The payload this stands for.</summary>
    public Payload ToPayload()
    {
        var location = Lat is { } lat && Lon is { } lon ? new GeoPoint(lat, lon) : (GeoPoint?)null;
        var postcode = Postcode is { } code ? new Postcode(code) : (Postcode?)null;
        if (System is not null)
        {
            return new RecordPayload(System, Type ?? string.Empty, LocalId ?? string.Empty, Fields ?? []);
        }
        if (Image is { } i)
        {
            return new MediaPayload(i.ContentHash, i.MediaType, i.Width, i.Height, i.Bytes, i.PerceptualHash)
            {
                Location = location, ThumbnailHash = i.ThumbnailHash, TakenAt = i.TakenAt,
            };
        }
        if (Author is not null)
        {
            return new SocialPayload(Text ?? string.Empty, Author, Hashtags ?? [], Mentions ?? [], Links ?? [])
            {
                Location = location, Postcode = postcode, PlaceName = PlaceName,
            };
        }
        return new SensorPayload([.. (Readings ?? []).Select(r => new Reading(r.Metric, r.Value, r.Unit))])
        {
            Location = location, Postcode = postcode, Address = Address,
        };
    }
}
