using Streaming.Domain;
using Streaming.Grains.Abstractions;

namespace Streaming.Grains;

/// <summary>
/// The near-duplicate memory of every source's recent images (the newest <see cref="NearDuplicateIndex.DefaultCapacity"/>).
/// Not persisted: it is a recent-memory heuristic, so after a restart (or a move to another silo) detection starts afresh,
/// and an image is only flagged, never refused, on its say. Never collected when idle, or a quiet quarter of an hour
/// would forget every image as a restart does.
/// </summary>
[KeepAlive]
public sealed class RecentImagesGrain : Grain, IRecentImagesGrain
{
    private readonly NearDuplicateIndex _index = new();

    public Task<string?[]> Check(MediaCheck[] images) =>
        Task.FromResult<string?[]>([.. images.Select(i =>
            _index.Check(i.Image.PerceptualHash, i.Image.ContentHash, i.Source, i.EventTime)?.Entry.ContentHash)]);
}
