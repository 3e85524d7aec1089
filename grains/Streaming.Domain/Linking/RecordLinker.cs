namespace Streaming.Domain;

/// <summary>
/// Decides which entity a record describes, so that one real thing seen by many systems is one entity:
/// the same person by their NHS number pseudonym, the same practice by its ODS code, else the same
/// place by postcode and normalised address. The rule that matched is kept as the link's reason.
/// </summary>
public static class RecordLinker
{
    /// <summary>How much of the record's address and name words a place must share to match on address (Jaccard).</summary>
    public const double AddressMatchThreshold = 0.5;

    /// <summary>The entity for <paramref name="record"/> and the reason.</summary>
    public static (EntityKey Entity, string Reason) Link(RecordPayload record, PlaceIndex places)
    {
        // Decoding has already replaced every NHS number with its pseudonym (nhs:…): the same person in any system.
        if (record.Fields.Values.Order(StringComparer.Ordinal).FirstOrDefault(v => v.StartsWith("nhs:", StringComparison.Ordinal)) is { } person)
        {
            return (new EntityKey("person:" + person), "nhs-number");
        }
        if (Field(record, "odsCode") is { } ods || (record.System == "nhs-ods" && (ods = record.LocalId) is not null))
        {
            return (new EntityKey("place:ods:" + ods.Trim().ToUpperInvariant()), "ods-code");
        }
        if (Postcode.TryParse(Field(record, "postcode"), out var postcode))
        {
            var words = AddressNormaliser.Tokens($"{Field(record, "name")} {Field(record, "address")}").ToHashSet(StringComparer.Ordinal);
            var best = places.Places.Where(p => p.Postcode == postcode)
                .Select(p => (Place: p, Score: Jaccard(words, AddressNormaliser.Tokens($"{p.Name} {string.Join(' ', p.Address)}"))))
                .Where(m => m.Score >= AddressMatchThreshold)
                .OrderByDescending(m => m.Score).ThenBy(m => m.Place.Id, StringComparer.Ordinal)
                .FirstOrDefault();
            if (best.Place is not null)
            {
                return (best.Place.Entity, "address+postcode");
            }
        }
        return (OwnEntity(record.System, record.LocalId), "new");
    }

    /// <summary>The entity a row has when nothing links it to another: its own, per system and id.</summary>
    public static EntityKey OwnEntity(string system, string localId) => new($"record:{system}:{localId}");

    private static string? Field(RecordPayload record, string name) =>
        record.Fields.FirstOrDefault(f => string.Equals(f.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    private static double Jaccard(HashSet<string> a, string[] b)
    {
        var other = b.ToHashSet(StringComparer.Ordinal);
        var union = a.Union(other).Count();
        return union == 0 ? 0 : (double)a.Intersect(other).Count() / union;
    }
}
