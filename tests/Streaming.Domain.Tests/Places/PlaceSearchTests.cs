namespace Streaming.Domain.Tests;

[Trait("Category", "Domain")]
public sealed class PlaceSearchTests
{
    private static string Top(string query) => SomersetPlaces.Index.Value.Search(query, 5) is [var first, ..] ? first.Place.Id : "(none)";

    [Theory]
    [InlineData("french weir", "ods:L85001")]
    [InlineData("FRENCH WEIR HEALTH CENTRE", "ods:L85001")]
    [InlineData("frenc", "ods:L85001")]            // typing: prefix of the last word
    [InlineData("exmoor med", "ods:L85003")]
    [InlineData("wells health", "ods:L85002")]
    public void Search_NameFragment_FindsPractice(string query, string expected) => Assert.Equal(expected, Top(query));

    [Theory]
    [InlineData("priory helth park", "ods:L85002")]       // one letter missing; two practices share this address
    [InlineData("glastonbry road wells", "ods:L85034")]
    [InlineData("fishers maed dulverton", "ods:L85003")]  // transposed letters
    [InlineData("french wier avenue", "ods:L85001")]
    public void Search_MisspeltStreet_FindsPractice(string query, string expected) =>
        Assert.Contains(expected, SomersetPlaces.Index.Value.Search(query, 2).Select(m => m.Place.Id));

    [Theory]
    [InlineData("TA1 1NW")]
    [InlineData("ta11nw")]
    [InlineData("French Weir Avenue, Taunton TA1 1NW")]
    public void Search_Postcode_WithOrWithoutSpace_FindsPractice(string query) => Assert.Equal("ods:L85001", Top(query));

    [Fact]
    public void Search_Abbreviations_MatchFullWords() => Assert.Equal("ods:L85002", Top("Priory Hlth Pk"));

    [Fact]
    public void Search_NoMatch_Empty() => Assert.Empty(SomersetPlaces.Index.Value.Search("zzzz qqqq", 5));

    [Fact]
    public void Nearest_RandomPoints_AgreesWithIndependentDistance()
    {
        var places = SomersetPlaces.Practices.Value.Where(p => p.Location is not null).ToArray();
        var random = new Random(42);
        for (var i = 0; i < 200; i++)
        {
            var (lat, lon) = (50.8 + (random.NextDouble() * 0.7), -3.6 + (random.NextDouble() * 1.5));

            var nearest = SomersetPlaces.Index.Value.Nearest(lat, lon, 1).Single();

            // Spherical law of cosines: a different formula from the index's haversine.
            static double Cosines(double a1, double o1, double a2, double o2)
            {
                var r = Math.PI / 180;
                return 6_371_008.8 * Math.Acos(Math.Clamp((Math.Sin(a1 * r) * Math.Sin(a2 * r)) + (Math.Cos(a1 * r) * Math.Cos(a2 * r) * Math.Cos((o2 - o1) * r)), -1, 1));
            }
            var expected = places.MinBy(p => Cosines(lat, lon, p.Location!.Latitude, p.Location.Longitude))!;
            Assert.True(expected.Location!.Postcode == nearest.Place.Location!.Postcode, $"({lat}, {lon}): expected {expected.Id}, got {nearest.Place.Id}");
            Assert.Equal(Cosines(lat, lon, expected.Location.Latitude, expected.Location.Longitude), nearest.DistanceMetres!.Value, 0.5);
        }
    }

    [Fact]
    public void Nearest_BeyondMaxDistance_Empty() => Assert.Empty(SomersetPlaces.Index.Value.Nearest(55.9, -3.2, 1, maxMetres: 5_000));
}
