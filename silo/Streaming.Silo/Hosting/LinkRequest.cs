namespace Streaming.Silo;

/// <summary>The body of <c>PUT /api/sources/{id}/link</c>: a place id (<c>ods:L85001</c>) or an entity key.</summary>
public sealed record LinkRequest(string? Place, string? Entity);
