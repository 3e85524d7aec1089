namespace Streaming.Domain.Tests;

[Trait("Category", "Domain")]
public sealed class AddressAndNhsNumberTests
{
    [Theory]
    [InlineData("Flat 2, 14 Church St., Taunton TA1 1NW", "FLAT 2 14 CHURCH STREET TAUNTON TA1 1NW")]
    [InlineData("apt 2 14 church street taunton", "FLAT 2 14 CHURCH STREET TAUNTON")]
    [InlineData("St John's Rd", "SAINT JOHNS ROAD")]
    [InlineData("Unit 4, Priory Hlth Pk", "FLAT 4 PRIORY HEALTH PARK")]
    public void Normalise_CommonForms_OneComparableLine(string text, string expected) =>
        Assert.Equal(expected, AddressNormaliser.Normalise(text));

    [Theory]
    [InlineData("943 476 5919", "9434765919")]
    [InlineData("401-023-2137", "4010232137")]
    [InlineData("1234567881", "1234567881")]
    public void NhsNumber_ValidCheckDigit_Normalised(string text, string expected) => Assert.Equal(expected, NhsNumber.Normalise(text));

    [Theory]
    [InlineData("9434765918")] // wrong check digit
    [InlineData("9990000000")] // check digit would be 10: never valid
    [InlineData("943476591")]
    [InlineData("94347659190")]
    [InlineData("94347A5919")]
    public void NhsNumber_Invalid_Null(string text) => Assert.Null(NhsNumber.Normalise(text));

    [Fact]
    public void Pseudonymise_SameNumberSameKey_SamePseudonym_OtherKeyDiffers()
    {
        byte[] key = [1, 2, 3, 4, 5, 6, 7, 8];
        byte[] other = [8, 7, 6, 5, 4, 3, 2, 1];

        var a = NhsNumber.Pseudonymise("9434765919", key);

        Assert.Equal(a, NhsNumber.Pseudonymise(NhsNumber.Normalise("943 476 5919")!, key));
        Assert.NotEqual(a, NhsNumber.Pseudonymise("9434765919", other));
        Assert.DoesNotContain("9434765919", a, StringComparison.Ordinal);
        Assert.Matches("^nhs:[0-9a-f]{32}$", a);
    }
}
