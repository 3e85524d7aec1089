namespace Streaming.Domain;

/// <summary>A real-world place entities and events link to, such as a GP practice, geocoded through its postcode.</summary>
/// <param name="Id">Stable id, e.g. <c>ods:L85001</c>.</param>
/// <param name="Kind">What it is, e.g. <c>gp-practice</c>.</param>
/// <param name="Name">Its name as the source system gives it.</param>
/// <param name="Address">Address lines, as given (empty lines dropped).</param>
/// <param name="Postcode">Its postcode, when valid.</param>
/// <param name="Location">Where its postcode is, when the postcode is known.</param>
/// <param name="Status">Source-system status (for ODS: A active, C closed, D dormant, P proposed).</param>
[GenerateSerializer, Immutable, Alias("streaming.place.v1")]
public sealed record Place(
    [property: Id(0)] string Id,
    [property: Id(1)] string Kind,
    [property: Id(2)] string Name,
    [property: Id(3)] string[] Address,
    [property: Id(4)] Postcode? Postcode,
    [property: Id(5)] PostcodeRecord? Location,
    [property: Id(6)] string Status)
{
    /// <summary>The area this place rolls up to: its postcode's district, or <c>unassigned</c> when it has none.</summary>
    public string Area => Location?.District ?? "unassigned";

    /// <summary>The entity key of this place.</summary>
    public EntityKey Entity => new("place:" + Id);
}
