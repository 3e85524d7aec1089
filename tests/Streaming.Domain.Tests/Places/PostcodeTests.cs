namespace Streaming.Domain.Tests;

[Trait("Category", "Domain")]
public sealed class PostcodeTests
{
    [Theory]
    [InlineData("TA1 1NW", "TA1 1NW")]
    [InlineData("ta11nw", "TA1 1NW")]
    [InlineData("  BA5  1XJ ", "BA5 1XJ")]
    [InlineData("M1 1AE", "M1 1AE")]
    [InlineData("B33 8TH", "B33 8TH")]
    [InlineData("CR2 6XH", "CR2 6XH")]
    [InlineData("DN55 1PT", "DN55 1PT")]
    [InlineData("W1A 0AX", "W1A 0AX")]
    [InlineData("EC1A 1BB", "EC1A 1BB")]
    public void TryParse_ValidFormats_Normalised(string text, string expected)
    {
        Assert.True(Postcode.TryParse(text, out var postcode));
        Assert.Equal(expected, postcode.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("TA1")]
    [InlineData("QA1 1AA")] // Q never starts a postcode
    [InlineData("AI1 1AA")] // I never second
    [InlineData("TA1 1CA")] // C never in the inward letters
    [InlineData("TA1 AAA")]
    [InlineData("TA123 1AA")]
    [InlineData("12345")]
    public void TryParse_BrokenRules_Rejected(string text) => Assert.False(Postcode.TryParse(text, out _));

    [Fact]
    public void FindAll_FreeText_FindsPostcodesWithOrWithoutSpace()
    {
        var found = Postcode.FindAll("Priory Health Park, Glastonbury Rd, Wells ba51xj; moved from TA1 1NW").ToArray();

        Assert.Equal(["BA5 1XJ", "TA1 1NW"], found.Select(p => p.Value));
    }

    [Fact]
    public void SomersetPractices_EveryTaBaPostcode_Geocodes()
    {
        var taBa = SomersetPlaces.Practices.Value.Where(p => p.Postcode?.Value[..2] is "TA" or "BA").ToList();

        Assert.Equal(84, taBa.Count);
        Assert.All(taBa, p => Assert.True(p.Location is not null, $"{p.Id} {p.Postcode} has no Code-Point location"));
        Assert.All(taBa, p => Assert.InRange(p.Location!.Latitude, 50.7, 51.5));
        Assert.All(taBa, p => Assert.StartsWith("E0", p.Area, StringComparison.Ordinal));
    }
}
