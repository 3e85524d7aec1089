namespace Streaming.Silo;

/// <summary>The temporary file an export run writes, with how <c>GET /api/replay/runs/{id}/file</c> serves it.</summary>
internal sealed record ExportFile(string Path, string ContentType, string Name);
