namespace Streaming.Grains.Abstractions;

/// <summary>
/// Remembers the perceptual hashes of recent images from every source (key <see cref="GrainKeys.RecentImages"/>) and
/// says which new image nearly duplicates one of them.
/// </summary>
public interface IRecentImagesGrain : IGrainWithStringKey
{
    /// <summary>
    /// For each image, in order, the content hash of the recent image it nearly duplicates (or null); each image is then
    /// remembered, so a later one in the same batch can match an earlier one.
    /// </summary>
    Task<string?[]> Check(MediaCheck[] images);
}
