using System.Buffers;
using Microsoft.Extensions.Options;

namespace Streaming.Ingress;

/// <summary>
/// Originals and thumbnails on disk, named by SHA-256 content hash: <c>{folder}/originals/ab/cd/{hash}.{ext}</c> and
/// <c>{folder}/thumbnails/ab/cd/{hash}.jpg</c> (the first two byte pairs shard the folders). Write-once: a file that is
/// already there is left alone, since the same name means the same bytes. Writes are atomic (a temporary file in the
/// same folder, then a rename), so a reader never sees half a file.
/// </summary>
public sealed class MediaStore(IOptions<MediaOptions> options)
{
    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");
    private readonly string _folder = Path.GetFullPath(options.Value.Folder);

    /// <summary>The store's folder.</summary>
    public string Folder => _folder;

    /// <summary>Whether the text is a content hash as this store names files: 64 lower-case hex digits.</summary>
    public static bool IsContentHash(string? hash) =>
        hash is { Length: 64 } && hash.AsSpan().IndexOfAnyExcept(LowerHex) < 0;

    /// <summary>Stores an original under its content hash; false when it was already there.</summary>
    /// <param name="contentHash">SHA-256 of <paramref name="bytes"/>, lower-case hex.</param>
    /// <param name="mediaType"><c>image/jpeg</c> or <c>image/png</c>: sets the file extension.</param>
    /// <param name="bytes">The original.</param>
    public bool SaveOriginal(string contentHash, string mediaType, ReadOnlySpan<byte> bytes) =>
        WriteOnce(PathFor("originals", contentHash, ExtensionFor(mediaType)), bytes);

    /// <summary>Stores a JPEG thumbnail under its own content hash; false when it was already there.</summary>
    public bool SaveThumbnail(string thumbnailHash, ReadOnlySpan<byte> jpeg) =>
        WriteOnce(PathFor("thumbnails", thumbnailHash, ".jpg"), jpeg);

    /// <summary>A stored thumbnail (JPEG), or null when the hash is not a valid content hash or nothing is stored under it.</summary>
    public async Task<byte[]?> ReadThumbnailAsync(string thumbnailHash, CancellationToken cancellationToken = default)
    {
        if (!IsContentHash(thumbnailHash))
        {
            return null;
        }
        try
        {
            return await File.ReadAllBytesAsync(PathFor("thumbnails", thumbnailHash, ".jpg"), cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Whether an original is stored under this content hash.</summary>
    public bool HasOriginal(string contentHash, string mediaType) =>
        IsContentHash(contentHash) && File.Exists(PathFor("originals", contentHash, ExtensionFor(mediaType)));

    private string PathFor(string kind, string hash, string extension)
    {
        if (!IsContentHash(hash))
        {
            throw new ArgumentException("A content hash is 64 lower-case hex digits.", nameof(hash));
        }
        return Path.Combine(_folder, kind, hash[..2], hash[2..4], hash + extension);
    }

    private static string ExtensionFor(string mediaType) => mediaType switch
    {
        "image/jpeg" => ".jpg",
        "image/png" => ".png",
        _ => throw new ArgumentException($"Only image/jpeg and image/png are stored, not {mediaType}.", nameof(mediaType)),
    };

    private static bool WriteOnce(string path, ReadOnlySpan<byte> bytes)
    {
        if (File.Exists(path))
        {
            return false;
        }
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another writer stored the same bytes first.
            return false;
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
