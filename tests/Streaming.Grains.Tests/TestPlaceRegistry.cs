using Streaming.Domain;
using Streaming.Grains.Abstractions;

namespace Streaming.Grains.Tests;

/// <summary>Two practices in two districts, enough for the grains' linking and roll-up behaviour.</summary>
public sealed class TestPlaceRegistry : IPlaceRegistry
{
    public static readonly Place Taunton = Make("ods:T1", "TAUNTON PRACTICE", "TA1 1NW", "E07000190");
    public static readonly Place Wells = Make("ods:W1", "WELLS PRACTICE", "BA5 1XJ", "E07000187");

    public TestPlaceRegistry()
    {
        Postcodes = new PostcodeDirectory([Taunton.Location!, Wells.Location!]);
        Index = new PlaceIndex([Taunton, Wells]);
    }

    public PlaceIndex Index { get; }

    public PostcodeDirectory Postcodes { get; }

    public Place? Find(string id) => Index.Places.FirstOrDefault(p => p.Id == id);

    private static Place Make(string id, string name, string postcode, string district)
    {
        Assert.True(Postcode.TryParse(postcode, out var code));
        return new Place(id, "gp-practice", name, [], code, new PostcodeRecord(code, 51, -3, "ward", district, "", "region"), "A");
    }
}
