using System.Text;

namespace Streaming.Domain.Tests;

[Trait("Category", "Domain")]
public sealed class EventLinkerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private static EventEnvelope Sensor(GeoPoint? at = null, string? postcode = null, EntityKey? entity = null, string? address = null)
    {
        Postcode? code = Postcode.TryParse(postcode, out var parsed) ? parsed : null;
        return new(new EnvelopeId("e1"), new SourceId("mobile-1"), EventKind.Sensor, entity, T0, null, Provenance.Http("/t", T0),
            new SensorPayload([new Reading("pm25", 5, null)]) { Location = at, Postcode = code, Address = address });
    }

    [Theory]
    [InlineData("Exmoor Medical Centre, Fishers Mead, Dulverton", "place:ods:L85003")]
    [InlineData("French Weir Avenue, Taunton TA1 1NW", "place:ods:L85001")]   // the postcode in the text decides
    [InlineData("Priory Health Park, Glastonbury Road", null)]                 // two practices share it: not guessed
    [InlineData("Somewhere Else Entirely", null)]
    public void Resolve_Address_LinksOnlyWhenUnambiguous(string address, string? expected) =>
        Assert.Equal(expected, Resolve(Sensor(address: address))?.Value);

    private static EntityKey? Resolve(EventEnvelope e, SourceLink? link = null) =>
        EventLinker.Resolve(e, link, SomersetPlaces.Index.Value, maxMetres: 250).Entity;

    private static GeoPoint At(string placeId, double northMetres = 0)
    {
        var location = SomersetPlaces.Practices.Value.Single(p => p.Id == placeId).Location!;
        return new GeoPoint(location.Latitude + (northMetres / 111_195), location.Longitude);
    }

    [Fact]
    public void Resolve_CoordinatesNearPractice_LinksToIt() =>
        Assert.Equal(new EntityKey("place:ods:L85003"), Resolve(Sensor(At("ods:L85003", northMetres: 100))));

    [Fact]
    public void Resolve_PostWithPlaceNameOrPostcode_ImageWithGps_LinkedLikeSensors()
    {
        var post = Sensor() with { Kind = EventKind.Social, Payload = new SocialPayload("hi", "user:00", [], [], []) { PlaceName = "Exmoor Medical Centre, Dulverton" } };
        var tagged = post with { Payload = new SocialPayload("hi", "user:00", [], [], []) { Postcode = new Postcode("TA1 1NW") } };
        var image = Sensor() with { Kind = EventKind.Media, Payload = new MediaPayload("c", "image/jpeg", 1, 1, 1, 0) { Location = At("ods:L85003", northMetres: 50) } };

        Assert.Equal("place:ods:L85003", Resolve(post)?.Value);
        Assert.Equal("place:ods:L85001", Resolve(tagged)?.Value);
        Assert.Equal("place:ods:L85003", Resolve(image)?.Value);
    }

    [Fact]
    public void Resolve_CoordinatesBeyondReach_SourceOwnEntity() =>
        Assert.Null(Resolve(Sensor(At("ods:L85003", northMetres: 2_000))));

    [Fact]
    public void Resolve_PostcodeOfOnePractice_LinksToIt() => Assert.Equal(new EntityKey("place:ods:L85001"), Resolve(Sensor(postcode: "ta11nw")));

    [Fact]
    public void Resolve_PostcodeSharedByTwoPractices_NotGuessed() => Assert.Null(Resolve(Sensor(postcode: "BA5 1XJ")));

    [Fact]
    public void Resolve_ExplicitEntityOrRegistration_WinsOverCoordinates()
    {
        var near = At("ods:L85003");
        Assert.Equal(new EntityKey("room:7"), Resolve(Sensor(near, entity: new EntityKey("room:7"))));
        var link = new SourceLink(new EntityKey("place:ods:L85001"), "api", T0);
        Assert.Equal(link.Entity, Resolve(Sensor(near), link));
    }

    [Theory]
    [InlineData(""","lat":51.0,"lon":-3.1""", true)]
    [InlineData(",\"postcode\":\"ta1 1nw\"", true)]
    [InlineData(""","lat":51.0""", false)]
    [InlineData(""","lat":91,"lon":0""", false)]
    [InlineData(",\"postcode\":\"not a postcode\"", false)]
    public void Decode_LocationFields_ReadOrRejected(string extra, bool ok)
    {
        var json = $$"""{"source":"m","time":"2026-11-25T10:00:00Z","readings":{"pm25":1}{{extra}}}""";
        var result = SensorJsonDecoder.Decode(Encoding.UTF8.GetBytes(json), new DecodeContext(Provenance.Http("/t", T0), null, null, DecodeLimits.Default));

        Assert.Equal(ok, result.Envelopes.Count == 1);
        if (!ok)
        {
            Assert.Equal(RejectReason.WrongType, Assert.Single(result.Rejections).Reason);
        }
    }
}
