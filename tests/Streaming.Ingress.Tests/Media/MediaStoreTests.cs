using System.Security.Cryptography;

namespace Streaming.Ingress.Tests;

[Trait("Category", "Ingress")]
public sealed class MediaStoreTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static (string Hash, byte[] Bytes) Content(string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        return (Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes);
    }

    [Fact]
    public async Task SaveThumbnail_ThenRead_SameBytesInShardedFolder()
    {
        var store = _folder.Store();
        var (hash, bytes) = Content("thumbnail");

        Assert.True(store.SaveThumbnail(hash, bytes));

        Assert.Equal(bytes, await store.ReadThumbnailAsync(hash));
        var file = Assert.Single(_folder.Files());
        Assert.Equal(Path.Combine(_folder.Path, "thumbnails", hash[..2], hash[2..4], hash + ".jpg"), file);
    }

    [Fact]
    public void SaveOriginal_Twice_WrittenOnceAndNoTemporaryFilesLeft()
    {
        var store = _folder.Store();
        var (hash, bytes) = Content("original");

        Assert.True(store.SaveOriginal(hash, "image/png", bytes));
        Assert.False(store.SaveOriginal(hash, "image/png", bytes));

        var file = Assert.Single(_folder.Files());
        Assert.EndsWith(hash + ".png", file, StringComparison.Ordinal);
        Assert.Equal(bytes, File.ReadAllBytes(file));
        Assert.True(store.HasOriginal(hash, "image/png"));
    }

    [Fact]
    public async Task ReadThumbnail_NothingStored_Null()
    {
        Assert.Null(await _folder.Store().ReadThumbnailAsync(Content("absent").Hash));
    }

    public static TheoryData<string> NotHashes =>
    [
        "", "../../etc/passwd", new string('a', 63), new string('a', 65), new string('A', 64),
        "../" + new string('a', 61), new string('g', 64), new string('a', 62) + "\0a",
    ];

    [Theory]
    [MemberData(nameof(NotHashes))]
    public async Task ReadAndSave_NotAContentHash_RefusedWithoutTouchingDisk(string hash)
    {
        var store = _folder.Store();

        Assert.False(MediaStore.IsContentHash(hash));
        Assert.Null(await store.ReadThumbnailAsync(hash));
        Assert.False(store.HasOriginal(hash, "image/jpeg"));
        Assert.Throws<ArgumentException>(() => store.SaveThumbnail(hash, [1, 2, 3]));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder.Path));
    }
}
