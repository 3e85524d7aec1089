using System.Text;

namespace Streaming.Domain.Tests;

[Trait("Category", "Domain")]
public sealed class RecordTests
{
    private static readonly byte[] Key = Encoding.UTF8.GetBytes("test-key-not-a-secret");
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static DecodeContext Context(byte[]? key = null) =>
        new(Provenance.Http("/api/ingest/records", Now), null, null, DecodeLimits.Default) { Identifiers = new(key ?? Key, IdentifierPolicy.DefaultFields) };

    private static DecodeResult Decode(string json, byte[]? key = null) => RecordJsonDecoder.Decode(Encoding.UTF8.GetBytes(json), Context(key));

    private static RecordPayload Record(string system, string id, params (string Name, string Value)[] fields) =>
        new(system, "test", id, fields.ToDictionary(f => f.Name, f => f.Value));

    [Fact]
    public void Decode_PatientRecord_NhsNumberPseudonymised()
    {
        var result = Decode("""{"source":"pas-1","system":"hospital-a","type":"patient","id":"p-77","time":"2026-11-25T10:00:00Z","fields":{"nhsNumber":"943 476 5919","ward":"7"}}""");

        var record = (RecordPayload)Assert.Single(result.Envelopes).Payload;
        Assert.Equal(NhsNumber.Pseudonymise("9434765919", Key), record.Fields["nhsNumber"]);
        Assert.Equal("7", record.Fields["ward"]);
        Assert.DoesNotContain(record.Fields.Values, v => v.Contains("9434765919", StringComparison.Ordinal));
        Assert.Equal(EventKind.Record, result.Envelopes[0].Kind);
    }

    [Theory]
    [InlineData("943 476 5918", null)]                 // wrong check digit
    [InlineData("943 476 5919", "")]                   // no key configured: never let through in clear
    public void Decode_NhsNumberInvalidOrNoKey_RefusedAsInvalidIdentifier(string number, string? key)
    {
        var result = Decode($$$"""{"source":"s","system":"a","type":"patient","id":"1","time":"2026-11-25T10:00:00Z","fields":{"nhsNumber":"{{{number}}}"}}""",
            key is null ? null : Encoding.UTF8.GetBytes(key));

        Assert.Empty(result.Envelopes);
        Assert.Equal(RejectReason.InvalidIdentifier, Assert.Single(result.Rejections).Reason);
    }

    [Theory]
    [InlineData("""{"system":"a","type":"t","id":"1","time":"2026-11-25T10:00:00Z","fields":{}}""", RejectReason.MissingField)]
    [InlineData("""{"source":"s","type":"t","id":"1","time":"2026-11-25T10:00:00Z","fields":{}}""", RejectReason.MissingField)]
    [InlineData("""{"source":"s","system":"a","type":"t","id":"1","time":"2026-11-25T10:00:00Z"}""", RejectReason.MissingField)]
    [InlineData("""{"source":"s","system":"a","type":"t","id":"1","time":"2026-11-25T10:00:00Z","fields":{"x":[1]}}""", RejectReason.WrongType)]
    public void Decode_BadRecord_Rejected(string json, RejectReason reason) => Assert.Equal(reason, Assert.Single(Decode(json).Rejections).Reason);

    [Fact]
    public void Decode_NhsNumberInUndeclaredField_Refused()
    {
        var result = Decode("""{"source":"s","system":"a","type":"patient","id":"1","time":"2026-11-25T10:00:00Z","fields":{"nhsNumbr":"943 476 5919"}}""");

        Assert.Equal(RejectReason.InvalidIdentifier, Assert.Single(result.Rejections).Reason);
    }

    [Fact]
    public void Redact_RefusedRecord_NoNhsNumberLeft()
    {
        var redacted = Encoding.UTF8.GetString(RecordRedaction.Redact(
            """{"fields":{"nhsNumber":"943 476 5918","nested":{"nhs_number":"1"},"nhsNumbr":"9434765919","n":9434765919},"id":"9"}"""u8,
            new IdentifierPolicy(null, IdentifierPolicy.DefaultFields)));

        Assert.Equal("""{"fields":{"nhsNumber":"[redacted]","nested":{"nhs_number":"[redacted]"},"nhsNumbr":"[redacted]","n":"[redacted]"},"id":"9"}""", redacted);
    }

    [Fact]
    public void Link_SamePseudonymFromTwoSystems_SamePerson()
    {
        var pseudonym = NhsNumber.Pseudonymise("9434765919", Key);

        var a = RecordLinker.Link(Record("hospital-a", "p-77", ("nhsNumber", pseudonym)), SomersetPlaces.Index.Value);
        var b = RecordLinker.Link(Record("gp-system-b", "x-1", ("nhs_number", pseudonym), ("name", "someone")), SomersetPlaces.Index.Value);

        Assert.Equal(a, b);
        Assert.Equal(("person:" + pseudonym, "nhs-number"), (a.Entity.Value, a.Reason));
    }

    [Fact]
    public void Link_OdsCode_PracticeEntity()
    {
        var (entity, reason) = RecordLinker.Link(Record("cqc", "1-123", ("odsCode", "l85001")), SomersetPlaces.Index.Value);

        Assert.Equal(("place:ods:L85001", "ods-code"), (entity.Value, reason));
    }

    [Fact]
    public void Link_AddressAndPostcodeWithoutOdsCode_SamePractice()
    {
        var (entity, reason) = RecordLinker.Link(
            Record("council", "site-9", ("name", "French Weir Health Ctr"), ("address", "French Weir Ave, Taunton"), ("postcode", "ta11nw")),
            SomersetPlaces.Index.Value);

        Assert.Equal(("place:ods:L85001", "address+postcode"), (entity.Value, reason));
    }

    [Fact]
    public void Link_NothingMatches_OwnEntity()
    {
        var (entity, reason) = RecordLinker.Link(Record("council", "site-10", ("name", "Village Hall"), ("postcode", "TA1 1NW")), SomersetPlaces.Index.Value);

        Assert.Equal(("record:council:site-10", "new"), (entity.Value, reason));
    }
}
